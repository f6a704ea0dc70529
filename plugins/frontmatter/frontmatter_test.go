package frontmatter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func page(t *testing.T, source string) *build.Page {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(source)))
	if err != nil {
		t.Fatal(err)
	}
	return &build.Page{Source: source, Line: 1, Body: raw}
}

func TestParse(t *testing.T) {
	t.Run("YAML", func(t *testing.T) {
		p := page(t, "checkout.md")
		if err := Parse(p); err != nil {
			t.Fatal(err)
		}
		want := build.Meta{
			Title: "Checkout", Description: "Orders and revenue", Weight: 2,
			Queries: map[string]build.QuerySpec{
				"orders":      {Event: "Order Completed", Every: "day", Range: "last 30 days"},
				"late orders": {Event: "Order Completed", Every: "hour"},
			},
			QueryLines: map[string]int{"orders": 8, "late orders": 12},
		}
		if !reflect.DeepEqual(p.Meta, want) {
			t.Fatalf("got %+v\nwant %+v", p.Meta, want)
		}
		if p.Line != 16 || string(p.Body) != "Orders this month.\n" {
			t.Fatalf("line %d body %q", p.Line, p.Body)
		}
	})
	t.Run("TOML", func(t *testing.T) {
		p := page(t, "toml.md")
		if err := Parse(p); err != nil {
			t.Fatal(err)
		}
		want := build.Meta{
			Title: "Installs", Layout: "page",
			Queries:    map[string]build.QuerySpec{"installs": {Event: "install", Every: "day"}},
			QueryLines: map[string]int{"installs": 5},
		}
		if !reflect.DeepEqual(p.Meta, want) {
			t.Fatalf("got %+v\nwant %+v", p.Meta, want)
		}
		if p.Line != 9 || string(p.Body) != "Body.\n" {
			t.Fatalf("line %d body %q", p.Line, p.Body)
		}
	})
	t.Run("Each", func(t *testing.T) {
		for _, name := range []string{"each.md", "each.toml.md"} {
			p := page(t, name)
			if err := Parse(p); err != nil {
				t.Fatal(err)
			}
			m := p.Meta
			if m.Title != "Plan $each" || m.Each != "plan" || m.EachEvent != "Signed Up" || m.EachTop != 3 || m.EachLine != 3 {
				t.Errorf("%s: got %+v", name, m)
			}
			if q := m.Queries["signups"]; q.Filter != "$each" || q.By != "plan" {
				t.Errorf("%s: query %+v", name, q)
			}
		}
	})
	t.Run("None", func(t *testing.T) {
		p := page(t, "plain.md")
		raw := string(p.Body)
		if err := Parse(p); err != nil {
			t.Fatal(err)
		}
		if p.Meta.Title != "Plain" || p.Line != 1 || string(p.Body) != raw {
			t.Fatalf("got %+v line %d body %q", p.Meta, p.Line, p.Body)
		}
	})
}

func TestFrontmatter_Run(t *testing.T) {
	t.Run("DropsDrafts", func(t *testing.T) {
		s := &build.Site{Pages: []*build.Page{page(t, "checkout.md"), page(t, "draft.md"), page(t, "plain.md")}}
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if len(s.Pages) != 2 || s.Pages[0].Source != "checkout.md" || s.Pages[1].Source != "plain.md" {
			t.Fatalf("got %d pages", len(s.Pages))
		}
	})
	t.Run("AllErrors", func(t *testing.T) {
		var s build.Site
		for _, name := range []string{"keys.md", "weight.md", "open.md", "toml.md", "syntax.md"} {
			s.Pages = append(s.Pages, page(t, "broken/"+name))
		}
		s.Pages = append(s.Pages, page(t, "plain.md"))
		err := New().Run(context.Background(), &s)
		want := `content/broken/keys.md:3: unknown key "titel" (did you mean "title"?)
content/broken/keys.md:7: unknown key "evry" (did you mean "every"?)
content/broken/weight.md:2: expected a whole number, got "heavy"
content/broken/open.md:1: frontmatter opened with --- is never closed: end it with a line ---
content/broken/toml.md:3: unknown key "colour"
content/broken/syntax.md:2: bad YAML: the list or mapping opened on this line is not closed: end it with ] (or put the value in quotes)`
		if err == nil || err.Error() != want {
			t.Fatalf("got\n%v\nwant\n%s", err, want)
		}
		// The pages whose only problems are keys are kept, marked broken,
		// for the pipeline to set aside for the later checks; the others
		// with problems are dropped.
		var kept []string
		for _, p := range s.Pages {
			kept = append(kept, fmt.Sprintf("%s broken=%v", p.Source, p.Broken))
		}
		if got, want := strings.Join(kept, ", "), "broken/keys.md broken=true, broken/weight.md broken=true, broken/toml.md broken=true, plain.md broken=false"; got != want {
			t.Fatalf("kept %s, want %s", got, want)
		}
	})
}

func TestHumanize(t *testing.T) {
	for in, want := range map[string]string{
		"checkout.md":           "Checkout",
		"sales/sign-up_flow.md": "Sign up flow",
		"sales/index.md":        "Sales",
		"index.md":              "",
		"pods/ios--installs.md": "Ios installs",
		"été.md":                "Été",
	} {
		t.Run(in, func(t *testing.T) {
			if got := Humanize(in); got != want {
				t.Fatalf("Humanize(%q) = %q, want %q", in, got, want)
			}
		})
	}
}
