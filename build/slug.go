package build

import "strings"

// MaxSlug caps a slug's length, so that any value makes a valid file name.
const MaxSlug = 64

// Slug makes a safe file or folder name of untrusted text: lower-case a-z
// and 0-9, every run of anything else one "-", trimmed at both ends, at
// most MaxSlug bytes ("Sign ups (EU)" -> "sign-ups-eu", "../../etc" ->
// "etc"). It is "" when s has no ASCII letter or digit.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= MaxSlug {
				break
			}
			continue
		}
		dash = true
	}
	return strings.TrimRight(b.String(), "-")
}
