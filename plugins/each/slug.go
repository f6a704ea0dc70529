package each

import (
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// urlFor returns a URL under dir for value that no page has taken yet, and
// takes it: the value's slug, else a short hash of the value ("页面" has
// no a-z), then "-2", "-3" ... on collisions.
func urlFor(taken map[string]bool, dir, value string) string {
	base := build.Slug(value)
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
