package build

import (
	"sort"
	"strconv"
	"strings"
)

// maxSuggestions is how many names a "did you mean" offers at most.
const maxSuggestions = 3

// Suggest returns the names close to name, quoted and joined ("\"a\" or
// \"b\""), or "": those within an edit distance of 2 (ignoring case), and
// those that start with name or that name starts with. Closest first.
func Suggest(name string, names []string) string {
	type scored struct {
		name string
		d    int
	}
	lower := strings.ToLower(name)
	var close []scored
	for _, n := range names {
		l := strings.ToLower(n)
		d := distance(lower, l, 3)
		prefix := len(lower) >= 3 && len(l) >= 3 && (strings.HasPrefix(l, lower) || strings.HasPrefix(lower, l))
		if d <= 2 || prefix {
			close = append(close, scored{n, d})
		}
	}
	sort.SliceStable(close, func(i, j int) bool {
		if close[i].d != close[j].d {
			return close[i].d < close[j].d
		}
		return close[i].name < close[j].name
	})
	var out []string
	for i, s := range close {
		if i == maxSuggestions {
			break
		}
		out = append(out, strconv.Quote(s.name))
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}

// distance is the Levenshtein distance of a and b in runes, or limit when
// it is at least limit (it stops early).
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
