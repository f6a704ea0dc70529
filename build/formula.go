package build

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

// FormulaError is a formula that does not parse: what is wrong, and the
// byte offset in the formula where it was found.
type FormulaError struct {
	Pos int
	Msg string
}

func (e *FormulaError) Error() string {
	return fmt.Sprintf("formula: %s (at byte %d)", e.Msg, e.Pos+1)
}

// ParseFormula reads a formula such as "revenue / orders" or
// "(signups - churned) * 100 / users". A name is a letter or an underscore
// followed by letters, digits, underscores or dots; any other query name
// is written in double quotes, as Go quotes a string ("sign-ups").
// Numbers are decimal (12, 0.5, 1e3). Operators bind as in arithmetic:
// unary minus first, then * and /, then + and -, each from left to right.
func ParseFormula(s string) (*Expr, error) {
	if len(s) > MaxFormulaBytes {
		return nil, &FormulaError{MaxFormulaBytes, fmt.Sprintf("longer than %d bytes: split it into formulas of formulas", MaxFormulaBytes)}
	}
	return parseFormula(s)
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

// parseFormula is ParseFormula without the bound on length.
func parseFormula(s string) (*Expr, error) {
	if strings.TrimSpace(s) == "" {
		return nil, &FormulaError{0, `empty: write e.g. "revenue / orders"`}
	}
	p := &formulaParser{src: s}
	p.next()
	e := p.sum(0)
	if p.err == nil && p.tok.kind != tokEnd {
		p.fail(p.tok.pos, "unexpected %s: join terms with + - * /", p.tok)
	}
	if p.err != nil {
		return nil, p.err
	}
	return e, nil
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

// The kinds of a formula's tokens.
const (
	tokEnd = iota
	tokNum
	tokName
	tokOp // + - * / ( )
)

type token struct {
	kind int
	pos  int
	op   byte
	num  float64
	name string
}

func (t token) String() string {
	switch t.kind {
	case tokEnd:
		return "end of formula"
	case tokNum:
		return "number " + strconv.FormatFloat(t.num, 'g', -1, 64)
	case tokName:
		return strconv.Quote(t.name)
	}
	return strconv.Quote(string(t.op))
}

// formulaParser is a recursive-descent parser that stops at its first
// error.
type formulaParser struct {
	src string
	i   int
	tok token
	err *FormulaError
}

func (p *formulaParser) fail(pos int, format string, args ...any) {
	if p.err == nil {
		p.err = &FormulaError{pos, fmt.Sprintf(format, args...)}
	}
	p.tok = token{kind: tokEnd, pos: len(p.src)}
	p.i = len(p.src)
}

// next reads the next token into p.tok.
func (p *formulaParser) next() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t' || p.src[p.i] == '\n' || p.src[p.i] == '\r') {
		p.i++
	}
	start := p.i
	if p.i == len(p.src) {
		p.tok = token{kind: tokEnd, pos: start}
		return
	}
	c := p.src[p.i]
	switch {
	case strings.IndexByte("+-*/()", c) >= 0:
		p.i++
		p.tok = token{kind: tokOp, pos: start, op: c}
	case c >= '0' && c <= '9' || c == '.':
		p.number()
	case c == '"':
		q, err := strconv.QuotedPrefix(p.src[p.i:])
		if err != nil {
			p.fail(start, "unterminated or bad quoted name")
			return
		}
		name, _ := strconv.Unquote(q)
		if name == "" {
			p.fail(start, "empty quoted name")
			return
		}
		p.i += len(q)
		p.tok = token{kind: tokName, pos: start, name: name}
	default:
		r, size := utf8.DecodeRuneInString(p.src[p.i:])
		if !nameRune(r, true) {
			p.fail(start, "unexpected character %q: use query names, numbers, + - * / and parentheses", r)
			return
		}
		for p.i += size; p.i < len(p.src); p.i += size {
			r, size = utf8.DecodeRuneInString(p.src[p.i:])
			if !nameRune(r, false) {
				break
			}
		}
		p.tok = token{kind: tokName, pos: start, name: p.src[start:p.i]}
	}
}

// number reads a decimal number: digits, a point, digits, and an
// exponent (1e3, 2.5E-2).
func (p *formulaParser) number() {
	start := p.i
	digits := func() {
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
		}
	}
	digits()
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		digits()
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		digits()
	}
	text := p.src[start:p.i]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(v, 0) {
		p.fail(start, "bad number %q", text)
		return
	}
	if p.i < len(p.src) {
		if r, _ := utf8.DecodeRuneInString(p.src[p.i:]); r == '.' {
			p.fail(start, "bad number %q", text+".")
			return
		} else if nameRune(r, false) {
			p.fail(start, "bad number %q: a name starts with a letter or _", text+string(r))
			return
		}
	}
	p.tok = token{kind: tokNum, pos: start, num: v}
}

// sum reads terms joined by + and -.
func (p *formulaParser) sum(depth int) *Expr {
	e := p.product(depth)
	for p.err == nil && p.tok.kind == tokOp && (p.tok.op == '+' || p.tok.op == '-') {
		op := p.tok
		p.next()
		e = &Expr{Op: op.op, Pos: op.pos, Left: e, Right: p.product(depth)}
	}
	return e
}

// product reads factors joined by * and /.
func (p *formulaParser) product(depth int) *Expr {
	e := p.unary(depth)
	for p.err == nil && p.tok.kind == tokOp && (p.tok.op == '*' || p.tok.op == '/') {
		op := p.tok
		p.next()
		e = &Expr{Op: op.op, Pos: op.pos, Left: e, Right: p.unary(depth)}
	}
	return e
}

// unary reads a factor, with minus signs before it.
func (p *formulaParser) unary(depth int) *Expr {
	if depth > MaxFormulaDepth {
		p.fail(p.tok.pos, "nested more than %d deep: split it into formulas of formulas", MaxFormulaDepth)
		return nil
	}
	t := p.tok
	switch {
	case t.kind == tokOp && t.op == '-':
		p.next()
		return &Expr{Op: '~', Pos: t.pos, Left: p.unary(depth + 1)}
	case t.kind == tokOp && t.op == '(':
		p.next()
		e := p.sum(depth + 1)
		if p.err == nil && !(p.tok.kind == tokOp && p.tok.op == ')') {
			p.fail(p.tok.pos, "unexpected %s: a ( opened at byte %d is not closed", p.tok, t.pos+1)
		}
		p.next()
		return e
	case t.kind == tokNum:
		p.next()
		return &Expr{Op: 'n', Pos: t.pos, Num: t.num}
	case t.kind == tokName:
		p.next()
		return &Expr{Op: 'q', Pos: t.pos, Name: t.name}
	}
	p.fail(t.pos, "unexpected %s: want a query name, a number, - or (", t)
	return nil
}
