package strictyaml

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// explain turns one of yaml.v2's syntax errors, reported at line (1-based
// in data, 0 for the first line), into the line a person would fix and
// what is wrong there in words, with an example of the fix. The library
// reports some mistakes late: a key without its ':' is found at the next
// line's ':' ("mapping values are not allowed", "could not find expected
// ':'"), an unclosed quote at the end of the text, a badly indented line
// at the start of the mapping above it ("did not find expected key").
// ok is false when msg is none of the cases it knows.
func explain(data []byte, line int, msg string) (at int, words string, ok bool) {
	lines := strings.Split(string(data), "\n")
	if line < 1 {
		line = 1
	}
	if line > len(lines) {
		line = len(lines)
	}
	text := func(n int) string { return lines[n-1] }
	switch {
	case msg == "mapping values are not allowed in this context":
		if p := previous(lines, line); p > 0 && !strings.Contains(content(text(p)), ":") && indent(text(line)) > indent(text(p)) {
			return missingColon(p, text(p))
		}
		if key, value, ok := strings.Cut(content(text(line)), ": "); ok && strings.Contains(value, ": ") {
			key := clip(strings.TrimSpace(key))
			return line, fmt.Sprintf("the value of %q holds \": \": put it in quotes, e.g. %s: %q", key, key, clip(strings.TrimSpace(value))), true
		}
		if p := previous(lines, line); p > 0 && indent(text(line)) > indent(text(p)) {
			return line, fmt.Sprintf("this line is indented more than %q above it, which has a value already: line the two up", clip(content(text(p)))), true
		}
	case msg == "could not find expected ':'":
		for p := line; p > 0; p-- {
			if c := content(text(p)); c != "" && !strings.Contains(c, ":") {
				return missingColon(p, text(p))
			}
		}
	case msg == "found unexpected end of stream":
		for n := 1; n <= len(lines); n++ {
			if q := unclosedQuote(text(n)); q != 0 {
				return n, fmt.Sprintf("the %c that opens this value is never closed: end the value with %c on this line", q, q), true
			}
		}
	case msg == "did not find expected key":
		if n, words := badIndent(lines, line); n > 0 {
			return n, words, true
		}
	case msg == "found a tab character that violates indentation",
		msg == "found character that cannot start any token" && strings.HasPrefix(strings.TrimLeft(text(line), " "), "\t"):
		return line, "a tab indents this line: YAML indents with spaces only", true
	case msg == "found character that cannot start any token":
		_, value, _ := strings.Cut(content(text(line)), ": ")
		if value = strings.TrimSpace(value); value != "" && (value[0] == '@' || value[0] == '`') {
			return line, fmt.Sprintf("a value cannot start with %c: put it in quotes, e.g. %q", value[0], clip(value)), true
		}
	case strings.HasPrefix(msg, "did not find expected ',' or "):
		closer := msg[len(msg)-2 : len(msg)-1]
		return line, fmt.Sprintf("the list or mapping opened on this line is not closed: end it with %s (or put the value in quotes)", closer), true
	}
	return line, "", false
}

// missingColon says that the key on line n has no ':' after it.
func missingColon(n int, text string) (int, string, bool) {
	key := clip(strings.TrimPrefix(content(text), "- ")) // a list item's first key
	return n, fmt.Sprintf("%q has no ':' after it: write %q", key, key+":"), true
}

// badIndent finds the line under the mapping that starts at line whose
// indentation lines up with no key above it, or a list item among keys.
func badIndent(lines []string, line int) (int, string) {
	open := indent(lines[line-1])
	keys := map[int]bool{} // the indentations of the keys that hold line
	for n, below := line, open+1; n >= 1 && below > 0; n-- {
		if c := content(lines[n-1]); c != "" && indent(lines[n-1]) < below {
			keys[indent(lines[n-1])] = true
			below = indent(lines[n-1])
		}
	}
	for n := line + 1; n <= len(lines); n++ {
		l := lines[n-1]
		c := content(l)
		if c == "" {
			continue
		}
		in := indent(l)
		switch {
		case in == open && strings.HasPrefix(c, "- "):
			return n, "a list item where the mapping above expects a key: write \"key: value\", or start the list under a key of its own"
		case in < open && !keys[in]:
			return n, fmt.Sprintf("this line is indented by %d spaces, which lines up with no key above it: indent it by %d, as the key above it", in, open)
		case in < open:
			return 0, ""
		}
	}
	return 0, ""
}

// maxQuoted is how many bytes of a line a message quotes at most.
const maxQuoted = 60

// clip shortens text a message quotes to maxQuoted bytes (on a rune
// boundary) and an ellipsis, so that a long line cannot make a long
// message.
func clip(text string) string {
	if len(text) <= maxQuoted {
		return text
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "…"
}

// previous returns the number of the last line before n with content,
// or 0.
func previous(lines []string, n int) int {
	for p := n - 1; p >= 1; p-- {
		if content(lines[p-1]) != "" {
			return p
		}
	}
	return 0
}

// content is a line without its indentation and comment ("" for a blank
// or comment line).
func content(line string) string {
	c := strings.TrimSpace(line)
	if strings.HasPrefix(c, "#") {
		return ""
	}
	if i := strings.Index(c, " #"); i >= 0 && !bytes.ContainsAny([]byte(c[:i]), `"'`) {
		c = strings.TrimSpace(c[:i])
	}
	return c
}

// indent is how many spaces a line starts with.
func indent(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

// unclosedQuote returns the quote that opens the value on line and is not
// closed there, or 0.
func unclosedQuote(line string) byte {
	c := content(line)
	c = strings.TrimPrefix(c, "- ")
	if _, v, ok := strings.Cut(c, ": "); ok {
		c = strings.TrimSpace(v)
	}
	if c == "" || (c[0] != '"' && c[0] != '\'') {
		return 0
	}
	q := c[0]
	for i := 1; i < len(c); i++ {
		switch {
		case q == '"' && c[i] == '\\':
			i++
		case c[i] == q && q == '\'' && i+1 < len(c) && c[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case c[i] == q:
			return 0
		}
	}
	return q
}
