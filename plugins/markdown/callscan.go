package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A call in prose is "{{", a name, arguments in double quotes (Go
// syntax: \" for a quote), and "}}", all on one line; spaces and tabs
// between them are optional. scanCall reads what starts with "{{" as a
// call, or says what is wrong with it and how it is written right: every
// "{{" outside code is a call or an error, never text (a "{{" meant as
// text is written \{{, or in a code span).

// Curly quotes, which editors put in place of straight ones.
const (
	leftDouble  = "\u201c" // “
	rightDouble = "\u201d" // ”
	leftSingle  = "\u2018" // ‘
	rightSingle = "\u2019" // ’
)

// maxShown is how much of a call that is not one an error quotes.
const maxShown = 40

// scanCall reads the call at the start of line, which starts with "{{",
// and returns how many bytes of line it takes. A call with a problem has
// its Bad set (and Name "" when it has no name: then Raw holds its text,
// for the error). Its scan is linear in the bytes it takes: a "{{" whose
// line has no "}}" takes the rest of the line.
func scanCall(line []byte) (int, *call) {
	end := len(line)
	for end > 0 && (line[end-1] == '\n' || line[end-1] == '\r') {
		end--
	}
	line = line[:end]
	c := &call{}
	i := skipSpace(line, 2)
	j := i
	for j < len(line) && isNameByte(line[j], j == i) {
		j++
	}
	c.Name = string(line[i:j])
	if c.Name == "" {
		n := len(line)
		if k := bytes.Index(line[2:], []byte("}}")); k >= 0 {
			n = k + 4
		}
		c.Raw = shown(line[:n])
		return n, c
	}
	var fixed []string // the arguments as they should be written
	i = j
	for {
		i = skipSpace(line, i)
		if i >= len(line) {
			c.problem(`no "}}" closes it on its line: a call sits on one line, as `, true)
			c.finish(fixed)
			return len(line), c
		}
		if bytes.HasPrefix(line[i:], []byte("}}")) {
			c.finish(fixed)
			return i + 2, c
		}
		rest := line[i:]
		switch {
		case rest[0] == '"':
			k := closingQuote(rest)
			if k >= 0 {
				if arg, err := strconv.Unquote(string(rest[:k+1])); err == nil {
					c.Args = append(c.Args, arg)
					fixed = append(fixed, string(rest[:k+1]))
					i += k + 1
					continue
				}
			}
			if k < 0 {
				c.problem(`an argument's double quote is not closed on its line: `, true)
				c.finish(append(fixed, strconv.Quote(strings.TrimSpace(strings.TrimSuffix(string(rest[1:]), "}}")))))
				return len(line), c
			}
			c.problem(fmt.Sprintf(`bad argument %s: write it in double quotes, with \" for a quote`, rest[:k+1]), false)
			fixed = append(fixed, strconv.Quote(string(rest[1:k])))
			i += k + 1
		case rest[0] == '\'':
			k := bytes.IndexByte(rest[1:], '\'')
			if k < 0 {
				i += c.bare(rest, &fixed)
				continue
			}
			inner := string(rest[1 : k+1])
			c.problem(fmt.Sprintf("the argument %s goes in double quotes, not single ones: ", rest[:k+2]), true)
			fixed = append(fixed, strconv.Quote(inner))
			i += k + 2
		case bytes.HasPrefix(rest, []byte(leftDouble)) || bytes.HasPrefix(rest, []byte(rightDouble)) ||
			bytes.HasPrefix(rest, []byte(leftSingle)):
			_, size := utf8.DecodeRune(rest)
			k := curlyClose(rest[size:])
			if k < 0 {
				i += c.bare(rest, &fixed)
				continue
			}
			_, closeSize := utf8.DecodeRune(rest[size+k:])
			inner := string(rest[size : size+k])
			c.problem(fmt.Sprintf("the argument %s goes in straight double quotes (\"), not curly ones: ", rest[:size+k+closeSize]), true)
			fixed = append(fixed, strconv.Quote(inner))
			i += size + k + closeSize
		default:
			i += c.bare(rest, &fixed)
		}
	}
}

// bare reads an argument without quotes at the start of rest, up to a
// space, a tab or "}}", and returns its length.
func (c *call) bare(rest []byte, fixed *[]string) int {
	k := 0
	for k < len(rest) && rest[k] != ' ' && rest[k] != '\t' && !bytes.HasPrefix(rest[k:], []byte("}}")) {
		k++
	}
	word := string(rest[:k])
	c.problem(fmt.Sprintf("the argument %s goes in double quotes: ", word), true)
	*fixed = append(*fixed, strconv.Quote(word))
	return k
}

// problem keeps the first problem of a call. With fix, the message is
// followed by the call written right once its scan is done (finish):
// msg then ends where the call is to go.
func (c *call) problem(msg string, fix bool) {
	if c.Bad != "" {
		return
	}
	c.Bad, c.fix = msg, fix
}

// finish ends the scan of a call whose arguments, as they should be
// written, are fixed: a call with a problem has no arguments, and its
// message gets the call written right when it asks for it.
func (c *call) finish(fixed []string) {
	if c.Bad == "" {
		return
	}
	c.Args = nil
	if c.fix {
		c.Bad += c.written(fixed)
	}
}

// written returns the call with the arguments fixed: {{ value "orders" }}.
func (c *call) written(fixed []string) string {
	if len(fixed) == 0 {
		return fmt.Sprintf("{{ %s }}", c.Name)
	}
	return fmt.Sprintf("{{ %s %s }}", c.Name, strings.Join(fixed, " "))
}

// closingQuote returns where the double quote that opens s is closed,
// skipping quotes escaped with a backslash, or -1.
func closingQuote(s []byte) int {
	for k := 1; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '"':
			return k
		}
	}
	return -1
}

// curlyClose returns where the first curly quote in s is (a closing one,
// or an opening one, as some editors leave), or -1. It reads s once.
func curlyClose(s []byte) int {
	for k := 0; k < len(s); {
		r, size := utf8.DecodeRune(s[k:])
		switch r {
		case '\u201c', '\u201d', '\u2018', '\u2019': // “ ” ‘ ’
			return k
		}
		k += size
	}
	return -1
}

// skipSpace returns the index of the first byte at or after i that is
// not a space or a tab.
func skipSpace(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// isNameByte reports whether b may be in a call's name (first: at its
// start): a letter, an underscore, then digits too.
func isNameByte(b byte, first bool) bool {
	return b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || !first && '0' <= b && b <= '9'
}

// shown returns s for an error, cut to maxShown bytes on a rune boundary.
func shown(s []byte) string {
	if len(s) <= maxShown {
		return string(s)
	}
	cut := maxShown
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return string(s[:cut]) + "…"
}
