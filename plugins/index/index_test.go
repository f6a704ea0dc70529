package index

import (
	"context"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestIndex_Run(t *testing.T) {
	pages := func() []*build.Page {
		return []*build.Page{
			{Source: "b.md", URL: "b/", Meta: build.Meta{Title: "Beta"}},
			{Source: "z.md", URL: "z/", Meta: build.Meta{Title: "Zed", Weight: -1}},
			{Source: "a.md", URL: "a/", Meta: build.Meta{Title: "Alpha"}},
		}
	}
	order := func(s *build.Site) string {
		var out string
		for _, p := range s.Pages {
			out += p.Meta.Title + ";"
		}
		return out
	}
	t.Run("Added", func(t *testing.T) {
		s := &build.Site{Config: build.Config{Title: "Acme metrics"}, Pages: pages()}
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		home := s.Pages[0]
		if home.URL != "" || home.Meta.Layout != "index" || home.Meta.Title != "Acme metrics" || home.OutputPath() != "index.html" {
			t.Fatalf("home: %+v", home)
		}
		if got := order(s); got != "Acme metrics;Zed;Alpha;Beta;" {
			t.Fatalf("order %s", got)
		}
	})
	t.Run("FromContent", func(t *testing.T) {
		own := &build.Page{Source: "index.md", URL: "", Body: []byte("<p>Welcome</p>")}
		s := &build.Site{Pages: append(pages(), own)}
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if s.Pages[0] != own || own.Meta.Layout != "index" || own.Meta.Title != DefaultTitle || string(own.Body) != "<p>Welcome</p>" {
			t.Fatalf("home: %+v", s.Pages[0])
		}
		if len(s.Pages) != 4 {
			t.Fatalf("%d pages", len(s.Pages))
		}
	})
	t.Run("OwnLayout", func(t *testing.T) {
		own := &build.Page{Source: "index.md", Meta: build.Meta{Title: "Home", Layout: "page"}}
		s := &build.Site{Pages: []*build.Page{own}}
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if own.Meta.Layout != "page" || own.Meta.Title != "Home" {
			t.Fatalf("home: %+v", own.Meta)
		}
	})
}
