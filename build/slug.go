package build

import "strings"

// MaxSlug caps a slug's length, so that any value makes a valid file name.
const MaxSlug = 64

// Slug makes a safe file or folder name of untrusted text: lower-case a-z
// and 0-9, the accented Latin letters folded to them ("Café" -> "cafe",
// "Straße" -> "strasse"), every run of anything else one "-", trimmed at
// both ends, at most MaxSlug bytes ("Sign ups (EU)" -> "sign-ups-eu",
// "../../etc" -> "etc"). It is "" when s has no letter or digit it can
// write ("日本").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		var ascii string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			ascii = string(r)
		case latin[r] != "":
			ascii = latin[r]
		default:
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(ascii)
		if b.Len() >= MaxSlug {
			break
		}
	}
	return strings.TrimRight(b.String()[:min(b.Len(), MaxSlug)], "-")
}

// latin folds the lower-case letters of Latin-1 and Latin Extended-A to
// ASCII, as slugs are usually made: the accent goes, and a letter of its
// own is spelt out (ß -> ss, æ -> ae, þ -> th).
var latin = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ð': "d", 'þ': "th", 'ł': "l",
		'đ': "d", 'ħ': "h", 'ı': "i", 'ĳ': "ij", 'ŀ': "l", 'ŉ': "n", 'ŋ': "n", 'ſ': "s", 'ŧ': "t", 'ĸ': "k"}
	for ascii, letters := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥ",
		"i": "ìíîïĩīĭį", "j": "ĵ", "k": "ķ", "l": "ĺļľ", "n": "ñńņň", "o": "òóôõöōŏő",
		"r": "ŕŗř", "s": "śŝşš", "t": "ţť", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range letters {
			m[r] = ascii
		}
	}
	return m
}()
