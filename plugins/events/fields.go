package events

import (
	"unicode"
	"unicode/utf8"
)

// field is one of the top-level fields of a Segment message that ingest reads.
type field int

const (
	fType field = iota
	fEvent
	fName
	fTimestamp
	fOriginalTimestamp
	fReceivedAt
	fMessageID
	fUserID
	fAnonymousID
	fProperties
	fContext
	fTraits
	nFields
	fNone field = -1
)

// fieldNames are the JSON names of the fields, in field order.
var fieldNames = [nFields]string{
	"type", "event", "name", "timestamp", "originalTimestamp", "receivedAt",
	"messageId", "userId", "anonymousId", "properties", "context", "traits",
}

// field matches a key as encoding/json matches a struct field: the exact
// name, else the name up to case folding.
func (m *message) field(key []byte, esc bool) field {
	if esc {
		m.key = appendUnquoted(m.key[:0], key)
		key = m.key
	}
	f := candidate(key)
	if f != fNone && (string(key) == fieldNames[f] || equalFoldASCII(key, fieldNames[f])) {
		return f
	}
	if ascii(key) {
		return fNone // folding changes no length: only the candidate could match
	}
	if len(key) > 3*len("originalTimestamp") {
		return fNone // too long to fold to any field name
	}
	var buf [64]byte
	folded := appendFolded(buf[:0], key)
	for f, name := range foldedNames {
		if string(folded) == name {
			return field(f)
		}
	}
	return fNone
}

// byLength lists the fields by the length of their names; no two of one
// length start with the same letter.
var byLength = func() (t [len("originalTimestamp") + 1][2]field) {
	for n := range t {
		t[n] = [2]field{fNone, fNone}
	}
	for f, name := range fieldNames {
		if t[len(name)][0] == fNone {
			t[len(name)][0] = field(f)
		} else {
			t[len(name)][1] = field(f)
		}
	}
	return t
}()

// candidate returns the one field an ASCII key could name, or fNone.
func candidate(key []byte) field {
	if len(key) == 0 || len(key) >= len(byLength) {
		return fNone
	}
	for _, f := range byLength[len(key)] {
		if f != fNone && fieldNames[f][0]|0x20 == key[0]|0x20 {
			return f
		}
	}
	return fNone
}

func ascii(s []byte) bool {
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// equalFoldASCII compares s with name, a name of ASCII letters of the
// same length, ignoring case.
func equalFoldASCII(s []byte, name string) bool {
	for i := range len(name) {
		if s[i]|0x20 != name[i]|0x20 {
			return false
		}
	}
	return true
}

// foldedNames are fieldNames folded by appendFolded.
var foldedNames = func() (out [nFields]string) {
	for f, name := range fieldNames {
		out[f] = string(appendFolded(nil, []byte(name)))
	}
	return out
}()

// appendFolded folds s as encoding/json folds names: ASCII to upper case,
// any other rune to the smallest rune of its case-folding orbit.
func appendFolded(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		dst = utf8.AppendRune(dst, r)
		i += n
	}
	return dst
}
