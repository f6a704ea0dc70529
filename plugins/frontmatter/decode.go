package frontmatter

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/strictyaml"
)

// yamlFunc decodes YAML frontmatter strictly, with errors at file lines.
// The problems of single keys go to keys, and the rest is decoded.
func yamlFunc(file string, first int, keys *build.ErrorList) func([]byte, any) error {
	return func(data []byte, v any) error {
		bad, err := strictyaml.DecodeKeys(file, first, data, v)
		*keys = append(*keys, bad...)
		return err
	}
}

var tomlLineRE = regexp.MustCompile(`^Near line (\d+) \(last key parsed '[^']*'\): `)

// tomlFunc decodes TOML frontmatter; keys it does not know go to keys,
// and the rest is decoded.
func tomlFunc(file string, first int, keys *build.ErrorList) func([]byte, any) error {
	return func(data []byte, v any) error {
		md, err := toml.Decode(string(data), v)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "toml: ")
			line := first
			if m := tomlLineRE.FindStringSubmatch(msg); m != nil {
				n, _ := strconv.Atoi(m[1])
				line, msg = first+n-1, msg[len(m[0]):]
			}
			return build.Errorf(file, line, "bad TOML: %s", msg)
		}
		for _, key := range md.Undecoded() {
			name := key[len(key)-1]
			msg := fmt.Sprintf("unknown key %q", name)
			if best := build.Suggest(name, tomlKeys(key)); best != "" && len(name) <= 64 {
				msg += " (did you mean " + best + "?)"
			}
			*keys = append(*keys, build.Errorf(file, first+tomlKeyLine(data, name), "%s", msg))
		}
		return nil
	}
}

// tomlKeys returns the keys that may stand where the unknown key at
// path does: a query's keys under [queries.NAME], else the page's.
func tomlKeys(path toml.Key) []string {
	t := reflect.TypeOf(meta{})
	if len(path) == 3 && path[0] == "queries" {
		t = reflect.TypeOf(querySpec{})
	}
	var keys []string
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	return keys
}

// tomlKeyLine returns the 0-based line of data where key is set, or 0.
func tomlKeyLine(data []byte, key string) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		l := strings.TrimSpace(string(line))
		for _, k := range []string{key, strconv.Quote(key)} {
			if rest, ok := strings.CutPrefix(l, k); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i
			}
		}
	}
	return 0
}
