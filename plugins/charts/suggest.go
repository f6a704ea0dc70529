package charts

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// specKeys are the keys a chart block may set, from spec's yaml tags.
var specKeys = func() []string {
	var keys []string
	t := reflect.TypeOf(spec{})
	for i := 0; i < t.NumField(); i++ {
		if k := t.Field(i).Tag.Get("yaml"); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}()

// suggestKeys adds "(did you mean goal?)" to each unknown-key error of a
// chart block whose key is a misspelling (two edits at most) of a key it
// may set.
func suggestKeys(errs build.ErrorList) {
	for _, e := range errs {
		rest, ok := strings.CutPrefix(e.Msg, "unknown key ")
		if !ok {
			continue
		}
		key, err := strconv.Unquote(rest)
		if err != nil || len(key) > 64 {
			continue
		}
		best, bestD := "", 3
		for _, k := range specKeys {
			if d := editDistance(strings.ToLower(key), k); d < bestD {
				best, bestD = k, d
			}
		}
		if best != "" {
			e.Msg += " (did you mean " + best + "?)"
		}
	}
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
