package build

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
