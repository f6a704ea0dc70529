package each

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// maxSlug caps a slug's length, so that any value makes a valid file name.
const maxSlug = 64

// slug lower-cases s and turns every run of characters other than a-z, 0-9
// and "-" into one "-", trimmed at both ends: "Order Completed" ->
// "order-completed", "../../etc" -> "etc".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= maxSlug {
				break
			}
			continue
		}
		dash = true
	}
	return strings.TrimRight(b.String(), "-")
}

// urlFor returns a URL under dir for value that no page has taken yet, and
// takes it: the value's slug, else a short hash of the value ("页面" has
// no a-z), then "-2", "-3" ... on collisions.
func urlFor(taken map[string]bool, dir, value string) string {
	base := slug(value)
	if base == "" {
		h := fnv.New32a()
		h.Write([]byte(value))
		base = fmt.Sprintf("%08x", h.Sum32())
	}
	url := dir + base + "/"
	for n := 2; taken[url]; n++ {
		url = dir + base + "-" + strconv.Itoa(n) + "/"
	}
	taken[url] = true
	return url
}
