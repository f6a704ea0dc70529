package build

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// MaxFormulaBytes and MaxFormulaDepth bound a formula: its length in
// bytes, and how deeply its parentheses and minus signs nest. Parsing and
// evaluating a formula cost time and stack in proportion to them.
const (
	MaxFormulaBytes = 1000
	MaxFormulaDepth = 50
)

// Expr is a parsed formula: an arithmetic expression over the names of a
// page's other queries, with + - * /, unary minus, parentheses and
// numbers. Evaluated bucket by bucket (see Eval).
type Expr struct {
	Op    byte    // '+', '-', '*', '/' for a binary node; 'n' a number, 'q' a query name, '~' unary minus
	Num   float64 // the number of an 'n' node
	Name  string  // the query name of a 'q' node
	Pos   int     // byte offset in the formula where the node starts (for a binary node, its operator)
	Left  *Expr   // the operand of '~', the left of a binary node
	Right *Expr   // the right of a binary node
}

// FormulaExpr returns the parsed formula of q, nil when q is no formula.
// q.Formula is the String of a formula that ParseFormula read, which may
// be longer than MaxFormulaBytes (it has spaces around every operator), so
// it is parsed without that bound.
func (q Query) FormulaExpr() (*Expr, error) {
	if q.Formula == "" {
		return nil, nil
	}
	return parseFormula(q.Formula)
}

// Names returns the query names e refers to, each once, in the order they
// first appear.
func (e *Expr) Names() []string {
	var out []string
	seen := map[string]bool{}
	e.walk(func(n *Expr) {
		if n.Op == 'q' && !seen[n.Name] {
			seen[n.Name] = true
			out = append(out, n.Name)
		}
	})
	return out
}

// NamePos returns the byte offset of the first use of name in the formula,
// or -1.
func (e *Expr) NamePos(name string) int {
	pos := -1
	e.walk(func(n *Expr) {
		if n.Op == 'q' && n.Name == name && (pos < 0 || n.Pos < pos) {
			pos = n.Pos
		}
	})
	return pos
}

func (e *Expr) walk(f func(*Expr)) {
	if e == nil {
		return
	}
	f(e)
	e.Left.walk(f)
	e.Right.walk(f)
}

// Eval computes e with the value of each name from val. ok is false when
// the result has no value: a name whose value is missing (a gap), a
// division by zero, or any step that is not a finite number.
func (e *Expr) Eval(val func(name string) (float64, bool)) (v float64, ok bool) {
	switch e.Op {
	case 'n':
		return e.Num, true
	case 'q':
		v, ok = val(e.Name)
	case '~':
		v, ok = e.Left.Eval(val)
		v = -v
	default:
		a, okA := e.Left.Eval(val)
		if !okA {
			return 0, false
		}
		b, okB := e.Right.Eval(val)
		if !okB {
			return 0, false
		}
		ok = true
		switch e.Op {
		case '+':
			v = a + b
		case '-':
			v = a - b
		case '*':
			v = a * b
		case '/':
			if b == 0 {
				return 0, false
			}
			v = a / b
		}
	}
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// String writes e back as a formula, with single spaces around binary
// operators and only the parentheses it needs: what it writes parses to
// the same expression.
func (e *Expr) String() string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

// prec is how tightly a node binds: numbers and names most, then unary
// minus, then * and /, then + and -.
func (e *Expr) prec() int {
	switch e.Op {
	case '+', '-':
		return 1
	case '*', '/':
		return 2
	case '~':
		return 3
	}
	return 4
}

func (e *Expr) write(b *strings.Builder) {
	switch e.Op {
	case 'n':
		b.WriteString(strconv.FormatFloat(e.Num, 'g', -1, 64))
	case 'q':
		if bareName(e.Name) {
			b.WriteString(e.Name)
		} else {
			b.WriteString(strconv.Quote(e.Name))
		}
	case '~':
		b.WriteByte('-')
		e.Left.writeIn(b, e.Left.prec() < 3)
	default:
		e.Left.writeIn(b, e.Left.prec() < e.prec())
		b.WriteByte(' ')
		b.WriteByte(e.Op)
		b.WriteByte(' ')
		e.Right.writeIn(b, e.Right.prec() <= e.prec())
	}
}

func (e *Expr) writeIn(b *strings.Builder, parens bool) {
	if parens {
		b.WriteByte('(')
	}
	e.write(b)
	if parens {
		b.WriteByte(')')
	}
}

// bareName reports whether a query name may be written without quotes.
func bareName(s string) bool {
	for i, r := range s {
		if !nameRune(r, i == 0) {
			return false
		}
	}
	return s != ""
}

func nameRune(r rune, first bool) bool {
	if r == '_' || unicode.IsLetter(r) {
		return true
	}
	return !first && (r == '.' || unicode.IsDigit(r))
}
