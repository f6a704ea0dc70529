package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestOutputDir(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			return "<missing>"
		}
		return string(b)
	}
	page := func(url string) *Page {
		return &Page{Source: url + "index.md", URL: url, Body: []byte("page " + url), Files: []string{url + "chart-1.csv"}, Data: map[string]*Result{"q": {}}}
	}

	t.Run("Put", func(t *testing.T) {
		s := &Site{Files: map[string][]byte{"a/chart-1.csv": []byte("csv a"), "assets/x.js": []byte("js")}}
		a := page("a/")
		s.Pages = []*Page{a, page("b/")}
		s.Files["b/chart-1.csv"] = []byte("csv b")
		w, err := NewOutputDir(out)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if err := w.Put(s, a); err != nil {
			t.Fatal(err)
		}
		if a.Body != nil || a.Data != nil || s.Files["a/chart-1.csv"] != nil {
			t.Errorf("a page put is still held: body %q, data %v, file %q", a.Body, a.Data, s.Files["a/chart-1.csv"])
		}
		if read("a/index.html") != "<missing>" {
			t.Fatal("out changed before Commit")
		}
		if err := w.Commit(s); err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]string{"a/index.html": "page a/", "a/chart-1.csv": "csv a", "b/index.html": "page b/", "b/chart-1.csv": "csv b", "assets/x.js": "js"} {
			if got := read(name); got != want {
				t.Errorf("%s: %q, want %q", name, got, want)
			}
		}
		if w.Files() != 5 {
			t.Errorf("%d files written, want 5", w.Files())
		}
	})
	t.Run("Kept", func(t *testing.T) {
		s := &Site{Files: map[string][]byte{}}
		a := &Page{Source: "a/index.md", URL: "a/", Files: []string{"a/chart-1.csv"}, Reused: true, Kept: true}
		s.Pages = []*Page{a}
		w, err := NewOutputDir(out)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if err := w.Put(s, a); err != nil {
			t.Fatal(err)
		}
		before, _ := os.Stat(filepath.Join(out, "a", "chart-1.csv"))
		if err := w.Commit(s); err != nil {
			t.Fatal(err)
		}
		if read("a/index.html") != "page a/" || read("a/chart-1.csv") != "csv a" || read("b/index.html") != "<missing>" {
			t.Errorf("kept: %q %q, b %q", read("a/index.html"), read("a/chart-1.csv"), read("b/index.html"))
		}
		after, _ := os.Stat(filepath.Join(out, "a", "chart-1.csv"))
		if !os.SameFile(before, after) {
			t.Error("a kept file was copied, not linked")
		}
	})
	t.Run("KeptGone", func(t *testing.T) {
		s := &Site{Files: map[string][]byte{}}
		gone := &Page{Source: "z/index.md", URL: "z/", Reused: true, Kept: true}
		s.Pages = []*Page{gone}
		w, err := NewOutputDir(out)
		if err != nil {
			t.Fatal(err)
		}
		err = w.Commit(s)
		w.Close()
		if err == nil || !strings.Contains(err.Error(), "not a file there any more") {
			t.Fatalf("got %v", err)
		}
		if read("a/index.html") != "page a/" {
			t.Error("a failed commit changed out")
		}
	})
	t.Run("Duplicate", func(t *testing.T) {
		s := &Site{Files: map[string][]byte{"a/index.html": []byte("x")}}
		a := page("a/")
		a.Files = nil
		s.Pages = []*Page{a}
		w, err := NewOutputDir(out)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if err := w.Put(s, a); err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(s); err == nil || !strings.Contains(err.Error(), "both write a/index.html") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("CloseRemovesTemp", func(t *testing.T) {
		w, err := NewOutputDir(out)
		if err != nil {
			t.Fatal(err)
		}
		tmp := w.tmp
		w.Close()
		if _, err := os.Stat(tmp); !os.IsNotExist(err) {
			t.Errorf("temporary folder left: %v", err)
		}
	})
}

// TestPipeline_Output: a pipeline's last row of page runners hands each
// finished page to the site's Output, and a page with a problem goes no
// further, while the others go on.
func TestPipeline_Output(t *testing.T) {
	s := &Site{}
	for _, url := range []string{"a/", "b/", "c/"} {
		s.Pages = append(s.Pages, &Page{Source: url + "index.md", URL: url})
	}
	sink := &recordSink{}
	s.Output = sink
	pl := Pipeline{
		pageFunc{LayoutStage, func(p *Page) error {
			if p.URL == "b/" {
				return Errorf("content/"+p.Source, 3, "broken")
			}
			p.Body = []byte("html " + p.URL)
			return nil
		}},
	}
	err := pl.Run(context.Background(), s)
	if err == nil || !strings.Contains(err.Error(), "content/b/index.md:3: broken") {
		t.Fatalf("got %v", err)
	}
	if strings.Join(sink.urls(), " ") != "a/ c/" {
		t.Errorf("put %v, want a/ c/", sink.urls())
	}
	if len(s.Pages) != 2 {
		t.Errorf("%d pages left, want the 2 without a problem", len(s.Pages))
	}
}

type recordSink struct {
	mu  sync.Mutex
	got []string
}

func (r *recordSink) Put(_ *Site, p *Page) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, p.URL)
	return nil
}

func (r *recordSink) urls() []string {
	return slices.Sorted(slices.Values(r.got))
}

// pageFunc is a PageRunner of stage st that calls fn on each page.
type pageFunc struct {
	st Stage
	fn func(p *Page) error
}

func (pageFunc) Name() string                                        { return "pagefunc" }
func (f pageFunc) Stage() Stage                                      { return f.st }
func (f pageFunc) Run(ctx context.Context, s *Site) error            { return RunPages(ctx, s, f) }
func (pageFunc) Begin(context.Context, *Site) error                  { return nil }
func (f pageFunc) RunPage(_ context.Context, _ *Site, p *Page) error { return f.fn(p) }
func (pageFunc) End(context.Context, *Site) error                    { return nil }
