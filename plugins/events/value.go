package events

import (
	"bytes"

	"github.com/dashsmith/dashsmith/build"
)

// The bounds of the values the fold takes (see build.MaxGroupBytes and
// build.MaxSumValue), named here too for the package's readers.
const (
	MaxGroupBytes = build.MaxGroupBytes
	MaxSumValue   = build.MaxSumValue
)

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

// kindOf tells what the JSON value v (validated) is.
func kindOf(v []byte) build.ValueKind {
	switch c := v[0]; {
	case c == 'n':
		return build.NullValue
	case c == '"':
		return build.StringValue
	case c == '-' || '0' <= c && c <= '9':
		return build.NumberValue
	}
	return build.OtherValue
}
