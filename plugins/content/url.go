package content

import (
	"fmt"
	"strings"
)

// URL returns the output folder of a source path: "sales/Checkout.md" ->
// "sales/checkout/", "sales/index.md" -> "sales/", "index.md" -> "".
// Every folder name is a slug: lower-case letters, digits and "-".
func URL(source string) (string, error) {
	parts := strings.Split(strings.TrimSuffix(source, ".md"), "/")
	if parts[len(parts)-1] == "index" {
		parts = parts[:len(parts)-1]
	}
	var b strings.Builder
	for _, part := range parts {
		slug := Slug(part)
		if slug == "" {
			return "", fmt.Errorf("cannot make a URL of %q: use letters or digits in file and folder names", part)
		}
		b.WriteString(slug)
		b.WriteByte('/')
	}
	return b.String(), nil
}

// Slug lower-cases s and turns every run of characters other than a-z, 0-9
// and "-" into one "-", trimmed at both ends: "Sign ups (EU)" -> "sign-ups-eu".
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
			continue
		}
		dash = true
	}
	return b.String()
}
