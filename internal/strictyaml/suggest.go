package strictyaml

import (
	"reflect"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// maxKeyLen bounds the unknown keys that get a "did you mean": a longer
// one is no typo of a key, and comparing it would cost for nothing.
const maxKeyLen = 64

// didYouMean returns " (did you mean "title"?)" for an unknown key of the
// Go type named typ (as yaml.v2 names it, "frontmatter.meta") found in v,
// when the type has keys close to it (build.Suggest), else "".
func didYouMean(v any, typ, key string) string {
	if len(key) > maxKeyLen {
		return ""
	}
	keys := keysOf(reflect.TypeOf(v), typ, map[reflect.Type]bool{})
	if best := build.Suggest(key, keys); best != "" {
		return " (did you mean " + best + "?)"
	}
	return ""
}

// keysOf finds the struct type named typ in t or the types t holds
// (fields, lists, maps, pointers) and returns the keys yaml.v2 decodes
// into it, or nil.
func keysOf(t reflect.Type, typ string, seen map[reflect.Type]bool) []string {
	if t == nil || seen[t] {
		return nil
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return keysOf(t.Elem(), typ, seen)
	case reflect.Struct:
	default:
		return nil
	}
	if t.String() == typ {
		return fieldKeys(t)
	}
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			if keys := keysOf(f.Type, typ, seen); keys != nil {
				return keys
			}
		}
	}
	return nil
}

// fieldKeys are the keys of struct type t as yaml.v2 reads them: a
// field's yaml tag, else its name in lower case; an inline field's keys.
func fieldKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous { // as yaml.v2 reads fields
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
		case strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct:
			keys = append(keys, fieldKeys(f.Type)...)
		case name != "":
			keys = append(keys, name)
		default:
			keys = append(keys, strings.ToLower(f.Name))
		}
	}
	return keys
}
