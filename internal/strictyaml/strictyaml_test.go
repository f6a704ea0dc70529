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
		{"UnknownKeys", "name: x\nnmae: y\ninner:\n  a:\n    m: 1\n", "f.md:11: unknown key \"nmae\" (did you mean \"name\"?)\nf.md:14: unknown key \"m\" (did you mean \"n\"?)"},
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

// TestDecodeDidYouMean finds the keys of the type an unknown key was
// met in, wherever it sits in the value decoded (a field, a map's value,
// a list's item, an inline struct), and offers the close ones.
func TestDecodeDidYouMean(t *testing.T) {
	type base struct {
		Title string `yaml:"title"`
	}
	type query struct {
		Event string `yaml:"event"`
		Every string `yaml:"every"`
	}
	type chart struct {
		Goal  *float64 `yaml:"goal"`
		Plain string
	}
	type doc struct {
		base    `yaml:",inline"`
		Queries map[string]query `yaml:"queries"`
		Charts  []chart          `yaml:"charts"`
		Skip    string           `yaml:"-"`
	}
	for in, want := range map[string]string{
		"titel: x\n":                           `f.md:1: unknown key "titel" (did you mean "title"?)`,
		"queries:\n  orders:\n    evnt: x\n":   `f.md:3: unknown key "evnt" (did you mean "event"?)`,
		"charts:\n  - gaol: 3\n":               `f.md:2: unknown key "gaol" (did you mean "goal"?)`,
		"charts:\n  - plan: x\n":               `f.md:2: unknown key "plan" (did you mean "plain"?)`,
		"skip: x\n":                            `f.md:1: unknown key "skip"`,
		"queries:\n  orders:\n    colour: x\n": `f.md:3: unknown key "colour"`,
	} {
		var d doc
		if err := Decode("f.md", 1, []byte(in), &d); err == nil || err.Error() != want {
			t.Errorf("Decode(%q) = %v, want %s", in, err, want)
		}
	}
}
