package content

import (
	"fmt"
	"strings"

	"github.com/dashsmith/dashsmith/build"
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
		slug := build.Slug(part)
		if slug == "" {
			return "", fmt.Errorf("cannot make a URL of %q: use letters or digits in file and folder names", part)
		}
		b.WriteString(slug)
		b.WriteByte('/')
	}
	return b.String(), nil
}
