package events

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// The scanner validates JSON text exactly as encoding/json does (strings
// with their escapes, numbers by the JSON grammar, the three literals,
// objects and arrays), plus two checks of its own: strings must be valid
// UTF-8 and nesting may not go deeper than MaxDepth. It never recurses: a
// bit per open container says whether it is an object or an array.
//
// Each function takes the line and the index to start at, and returns the
// index just past what it read, or one of the negative results below.
const (
	errBad  = -1 // not JSON
	errDeep = -2 // nested deeper than MaxDepth
)

// skipWS returns the index of the first non-whitespace byte at or after i.
func skipWS(b []byte, i int) int {
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// Masks for testing eight string bytes at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special8 flags the high bit of the first byte of w that is a quote, a
// backslash, a control character or a non-ASCII byte; bytes after it may
// be flagged too.
func special8(w uint64) uint64 {
	q := w ^ (ones * '"')
	s := w ^ (ones * '\\')
	return ((w-ones*0x20)&^w | (q-ones)&^q | (s-ones)&^s | w) & highs
}

// scanString reads the string whose opening quote is at b[i]. esc reports
// whether it holds a backslash escape (so it must be decoded before use).
func scanString(b []byte, i int) (end int, esc bool) {
	i++
	for {
		for i+8 <= len(b) {
			if m := special8(binary.LittleEndian.Uint64(b[i:])); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(b) {
			return errBad, esc
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, esc
		case c == '\\':
			esc = true
			if i+1 >= len(b) {
				return errBad, esc
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) || !isHex4(b[i+2:i+6]) {
					return errBad, esc
				}
				i += 6
			default:
				return errBad, esc
			}
		case c < 0x20:
			return errBad, esc
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return errBad, esc
			}
			i += n
		}
	}
}

func isHex4(h []byte) bool {
	for _, c := range h[:4] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isDigit(b []byte, i int) bool { return i < len(b) && '0' <= b[i] && b[i] <= '9' }

func digits(b []byte, i int) int {
	for isDigit(b, i) {
		i++
	}
	return i
}

// scanNumber reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at b[i].
func scanNumber(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case isDigit(b, i):
		i = digits(b, i+1)
	default:
		return errBad
	}
	if i < len(b) && b[i] == '.' {
		if !isDigit(b, i+1) {
			return errBad
		}
		i = digits(b, i+1)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !isDigit(b, i) {
			return errBad
		}
		i = digits(b, i)
	}
	return i
}

// scanLiteral reads the literal word at b[i].
func scanLiteral(b []byte, i int, word string) int {
	if len(b)-i < len(word) || string(b[i:i+len(word)]) != word {
		return errBad
	}
	return i + len(word)
}

// scanScalar reads a string, number or literal at b[i].
func scanScalar(b []byte, i int) int {
	if i >= len(b) {
		return errBad
	}
	switch b[i] {
	case '"':
		end, _ := scanString(b, i)
		return end
	case 't':
		return scanLiteral(b, i, "true")
	case 'f':
		return scanLiteral(b, i, "false")
	case 'n':
		return scanLiteral(b, i, "null")
	}
	return scanNumber(b, i)
}
