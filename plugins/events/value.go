package events

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// MaxGroupBytes caps a breakdown value; longer values are cut on a rune
// boundary.
const MaxGroupBytes = 200

func isNull(v []byte) bool { return v[0] == 'n' }

// valueText returns the string form of the JSON value v (validated): a
// string's text, a number's or a literal's JSON text, an object's or an
// array's compact JSON text. It is a slice of v, or of *buf when the value
// had to be decoded or compacted.
func valueText(v []byte, buf *[]byte) []byte {
	switch v[0] {
	case '"':
		s := v[1 : len(v)-1]
		if bytes.IndexByte(s, '\\') < 0 {
			return s
		}
		*buf = appendUnquoted((*buf)[:0], s)
	case '{', '[':
		*buf = appendCompact((*buf)[:0], v)
	default:
		return v
	}
	return *buf
}

// appendCompact appends v without the white space between its tokens.
func appendCompact(dst, v []byte) []byte {
	for i := 0; i < len(v); {
		switch c := v[i]; c {
		case ' ', '\t', '\r', '\n':
			i++
		case '"':
			end, _ := scanString(v, i)
			dst = append(dst, v[i:end]...)
			i = end
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

// clean makes s safe as a group value: control characters become U+FFFD
// and the text is cut to MaxGroupBytes on a rune boundary. It returns s
// itself when it is already clean, else the cleaned text in *buf.
func clean(s []byte, buf *[]byte) []byte {
	if len(s) <= MaxGroupBytes && printableASCII(s) {
		return s
	}
	out := (*buf)[:0]
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if control(r) {
			r = utf8.RuneError
		}
		if len(out)+utf8.RuneLen(r) > MaxGroupBytes {
			break
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	*buf = out
	return out
}

func printableASCII(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// MaxSumValue bounds the magnitude of a value sum(p) adds: a larger one
// is skipped as out of range, so that sums stay finite (a sum of two
// values near the float64 maximum would be +Inf, which JSON cannot
// encode).
const MaxSumValue = 1e15

// numResult is what number made of a sum's value.
type numResult uint8

const (
	isNumber   numResult = iota
	notNumber            // not a finite decimal number
	outOfRange           // a number of magnitude above MaxSumValue
)

// number reads a sum's value: a JSON number, or a JSON string that holds
// a decimal number exactly as strconv.ParseFloat reads it (no spaces, no
// hex, no underscores, no NaN or infinity), of magnitude at most
// MaxSumValue. A number too large even for a float64 (1e999) is out of
// range too.
func number(v []byte, buf *[]byte) (float64, numResult) {
	switch c := v[0]; {
	case c == '"':
		s := valueText(v, buf)
		if bytes.ContainsAny(s, "xX_") {
			return 0, notNumber
		}
		return decimal(s)
	case c == '-' || '0' <= c && c <= '9':
		return decimal(v)
	}
	return 0, notNumber
}

func decimal(s []byte) (float64, numResult) {
	f, err := strconv.ParseFloat(string(s), 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && math.IsInf(f, 0):
		return 0, outOfRange // well formed, beyond float64
	case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
		return 0, notNumber // "NaN", "Inf" and the like are words, not numbers
	case math.Abs(f) > MaxSumValue:
		return 0, outOfRange
	}
	return f, isNumber
}
