package strictyaml

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v2"
)

// TestExplain makes the YAML mistakes people make in dashboards and
// checks the line each is reported at (the frontmatter starts at line 2 of
// its file, as after "---") and the words. The cases marked late are
// those yaml.v2 reports at another line than the mistake's.
func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		line     int // in the file: the YAML's line + 1
		want     string
	}{
		{"MissingColonLate", "title: Checkout\nqueries:\n  orders\n    event: Order Completed\n", 4,
			`"orders" has no ':' after it: write "orders:"`},
		{"MissingColonAfterBlankLate", "title: Checkout\nqueries:\n  orders\n\n    event: Order Completed\n", 4,
			`"orders" has no ':' after it: write "orders:"`},
		{"KeyAloneLate", "title: Checkout\ndescription\nqueries: {}\n", 3,
			`"description" has no ':' after it: write "description:"`},
		{"MissingColonInListLate", "rollups:\n  - event\n    measures: [count]\n", 3,
			`"event" has no ':' after it: write "event:"`},
		{"ColonInValue", "title: Checkout\ndescription: Orders: all of them\n", 3,
			`the value of "description" holds ": ": put it in quotes, e.g. description: "Orders: all of them"`},
		{"IndentedMore", "queries:\n  orders:\n    event: Order Completed\n      every: day\n", 5,
			`this line is indented more than "event: Order Completed" above it, which has a value already: line the two up`},
		{"IndentedLessLate", "queries:\n  orders:\n    event: Order Completed\n   every: day\n", 5,
			`this line is indented by 3 spaces, which lines up with no key above it: indent it by 4, as the key above it`},
		{"ListAmongKeysLate", "title: Checkout\n- orders\n", 3,
			`a list item where the mapping above expects a key: write "key: value", or start the list under a key of its own`},
		{"UnclosedDoubleQuoteLate", "title: \"Checkout\ndescription: Orders\nqueries: {}\n", 2,
			`the " that opens this value is never closed: end the value with " on this line`},
		{"UnclosedSingleQuoteLate", "title: Checkout\ndescription: 'it''s ours\n", 3,
			`the ' that opens this value is never closed: end the value with ' on this line`},
		{"TabIndent", "title: Checkout\n\tdescription: x\n", 3,
			`a tab indents this line: YAML indents with spaces only`},
		{"TabIndentNested", "queries:\n\torders: {}\n", 3,
			`a tab indents this line: YAML indents with spaces only`},
		{"At", "title: @home\n", 2,
			`a value cannot start with @: put it in quotes, e.g. "@home"`},
		{"Backquote", "title: Checkout\ndescription: `orders`\n", 3,
			"a value cannot start with `: put it in quotes, e.g. \"`orders`\""},
		{"UnclosedList", "title: Checkout\ntags: [a, b\nqueries: {}\n", 3,
			`the list or mapping opened on this line is not closed: end it with ] (or put the value in quotes)`},
		{"UnclosedMapping", "where: {plan: pro\ntitle: x\n", 2,
			`the list or mapping opened on this line is not closed: end it with } (or put the value in quotes)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v map[string]any
			err := Decode("content/a.md", 2, []byte(tc.in), &v)
			if err == nil {
				t.Fatalf("no error for %q", tc.in)
			}
			// A case named Late is one yaml.v2 reports at another line.
			raw := yaml.UnmarshalStrict([]byte(tc.in), &v)
			rawLine, _ := splitLine(strings.TrimPrefix(raw.Error(), "yaml: "))
			if late := at(2, rawLine) != tc.line; late != strings.HasSuffix(tc.name, "Late") {
				t.Errorf("yaml.v2 reports %q at line %d: late is %v, and the case's name says otherwise", raw, at(2, rawLine), late)
			}
			want := "content/a.md:" + strconv.Itoa(tc.line) + ": bad YAML: " + tc.want
			if got := err.Error(); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestExplainClips quotes at most a part of a long line.
func TestExplainClips(t *testing.T) {
	long := strings.Repeat("é", 1000)
	var v map[string]any
	err := Decode("f.md", 1, []byte("queries:\n  "+long+"\n    event: x\n"), &v)
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "f.md:2: bad YAML: \"éé") || !strings.Contains(err.Error(), "…") {
		t.Fatalf("got %v", err)
	}
}

// TestExplainUnknown keeps yaml.v2's own words, at its line, for a
// mistake explain does not know.
func TestExplainUnknown(t *testing.T) {
	var v map[string]any
	err := Decode("dashsmith.yaml", 1, []byte("title: x\nlogo: *anchor\n"), &v)
	if err == nil || !strings.HasPrefix(err.Error(), "dashsmith.yaml:1: bad YAML: unknown anchor") {
		t.Fatalf("got %v", err)
	}
}
