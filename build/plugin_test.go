package build

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestPipeline_Run(t *testing.T) {
	pages := func() []*Page {
		return []*Page{{Source: "a.md"}, {Source: "b.md"}, {Source: "c.md"}}
	}
	sources := func(s *Site) string {
		var out []string
		for _, p := range s.Pages {
			out = append(out, p.Source)
		}
		return strings.Join(out, " ")
	}

	t.Run("AllProblems", func(t *testing.T) {
		var seen []string
		pl := Pipeline{
			Func("one", func(ctx context.Context, s *Site) error {
				return ErrorList{Errorf("content/a.md", 2, "bad key")}
			}),
			Func("two", func(ctx context.Context, s *Site) error {
				seen = append(seen, sources(s))
				return ErrorList{Errorf("content/c.md", 5, "bad query"), Errorf("index page", 0, "bad layout")}
			}),
			Func("three", func(ctx context.Context, s *Site) error {
				seen = append(seen, sources(s))
				return nil
			}),
		}
		s := &Site{Pages: pages()}
		err := pl.Run(context.Background(), s)
		want := "content/a.md:2: bad key\ncontent/c.md:5: bad query\nindex page: bad layout"
		var list ErrorList
		if !errors.As(err, &list) || err.Error() != want {
			t.Fatalf("got %v, want\n%s", err, want)
		}
		if strings.Join(seen, "|") != "b.md c.md|b.md" {
			t.Fatalf("stages saw %q", seen)
		}
	})

	t.Run("StopsOnOtherErrors", func(t *testing.T) {
		ran := false
		pl := Pipeline{
			Func("one", func(ctx context.Context, s *Site) error { return errors.New("disk full") }),
			Func("two", func(ctx context.Context, s *Site) error { ran = true; return nil }),
		}
		err := pl.Run(context.Background(), &Site{Pages: pages()})
		if err == nil || err.Error() != "one: disk full" || ran {
			t.Fatalf("got %v, second stage ran: %v", err, ran)
		}
	})

	t.Run("OK", func(t *testing.T) {
		s := &Site{Pages: pages()}
		if err := (Pipeline{Func("one", func(context.Context, *Site) error { return nil })}).Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if sources(s) != "a.md b.md c.md" || s.Files == nil || s.Blocks == nil {
			t.Fatalf("site %+v", s)
		}
	})
}
