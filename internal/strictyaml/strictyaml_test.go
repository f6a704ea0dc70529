package strictyaml

import "testing"

func TestDecode(t *testing.T) {
	type inner struct {
		N int `yaml:"n"`
	}
	type doc struct {
		Name  string           `yaml:"name"`
		On    bool             `yaml:"on"`
		List  []string         `yaml:"list"`
		Inner map[string]inner `yaml:"inner"`
	}
	for _, tc := range []struct{ name, in, want string }{
		{"UnknownKeys", "name: x\nnmae: y\ninner:\n  a:\n    m: 1\n", "f.md:11: unknown key \"nmae\"\nf.md:14: unknown key \"m\""},
		{"Duplicate", "name: x\nname: y\n", `f.md:11: duplicate key "name"`},
		{"Number", "inner:\n  a:\n    n: many\n", `f.md:12: expected a whole number, got "many"`},
		{"Bool", "on: sometimes\n", `f.md:10: expected true or false, got "sometimes"`},
		{"List", "list: 3\n", `f.md:10: expected a list, got "3"`},
		{"Mapping", "inner: [1]\n", `f.md:10: expected a mapping (key: value), got a list`},
		{"Syntax", "name: x\n  bad: indent\n", `f.md:11: bad YAML: this line is indented more than "name: x" above it, which has a value already: line the two up`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := Decode("f.md", 10, []byte(tc.in), &d)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		var d doc
		if err := Decode("f.md", 1, []byte("name: x\non: true\n"), &d); err != nil || d.Name != "x" || !d.On {
			t.Fatalf("%+v %v", d, err)
		}
	})
}
