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

// suggestKeys adds "(did you mean "goal"?)" to each unknown-key error of
// a chart block whose key is close to a key it may set (build.Suggest).
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
		if best := build.Suggest(key, specKeys); best != "" {
			e.Msg += " (did you mean " + best + "?)"
		}
	}
}
