package incremental

import (
	"crypto/sha256"
	"reflect"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestDigestMeta: every field of a page's frontmatter (build.Meta, and
// build.QuerySpec in its queries) changes the digest, so that a field
// added to either cannot be left out of it.
func TestDigestMeta(t *testing.T) {
	sum := func(m *build.Meta) string {
		d := build.NewDigester(sha256.New())
		digestMeta(d, m)
		return string(d.Sum(nil))
	}
	// fill sets every field of v (a struct) to a value of its own.
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			switch f.Kind() {
			case reflect.String:
				f.SetString(v.Type().Field(i).Name)
			case reflect.Int:
				f.SetInt(int64(i + 1))
			case reflect.Bool:
				f.SetBool(true)
			case reflect.Struct:
				fill(f)
			case reflect.Slice:
				if f.Type().Elem().Kind() != reflect.String {
					t.Fatalf("%s.%s: a slice of %s; teach this test and digestMeta about it", v.Type(), v.Type().Field(i).Name, f.Type().Elem())
				}
				f.Set(reflect.ValueOf([]string{v.Type().Field(i).Name}))
			case reflect.Map:
				m := reflect.MakeMap(f.Type())
				elem := reflect.New(f.Type().Elem()).Elem()
				switch elem.Kind() {
				case reflect.Struct:
					fill(elem)
				case reflect.Int:
					elem.SetInt(7)
				}
				m.SetMapIndex(reflect.ValueOf("q"), elem)
				f.Set(m)
			default:
				t.Fatalf("%s.%s: a %s; teach this test and digestMeta about it", v.Type(), v.Type().Field(i).Name, f.Kind())
			}
		}
	}
	var full build.Meta
	fill(reflect.ValueOf(&full).Elem())
	base := sum(&full)
	mt := reflect.TypeOf(full)
	for i := 0; i < mt.NumField(); i++ {
		m := full
		m.Queries = map[string]build.QuerySpec{"q": full.Queries["q"]}
		reflect.ValueOf(&m).Elem().Field(i).SetZero()
		if sum(&m) == base {
			t.Errorf("Meta.%s does not change the digest", mt.Field(i).Name)
		}
	}
	for _, f := range []func(*build.Controls){
		func(c *build.Controls) { c.Range = nil },
		func(c *build.Controls) { c.Filter.Property = "" },
		func(c *build.Controls) { c.Filter.Top = 0 },
		func(c *build.Controls) { c.Line = 0 },
	} {
		m := full
		f(&m.Controls)
		if sum(&m) == base {
			t.Errorf("a field of Meta.Controls does not change the digest: %+v", m.Controls)
		}
	}
	qt := reflect.TypeOf(build.QuerySpec{})
	for i := 0; i < qt.NumField(); i++ {
		q := full.Queries["q"]
		reflect.ValueOf(&q).Elem().Field(i).SetZero()
		m := full
		m.Queries = map[string]build.QuerySpec{"q": q}
		if sum(&m) == base {
			t.Errorf("QuerySpec.%s does not change the digest", qt.Field(i).Name)
		}
	}
}
