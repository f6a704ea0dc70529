package build

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// rowPlugin is a PageRunner that finds the problems problems gives it for a
// page, and records the pages it ran on and checked.
type rowPlugin struct {
	name     string
	problems func(p *Page) ErrorList
	mu       sync.Mutex // pages run in parallel
	ran      []string
	checked  []string
}

func (r *rowPlugin) Name() string                           { return r.name }
func (r *rowPlugin) Run(ctx context.Context, s *Site) error { return RunPages(ctx, s, r) }
func (r *rowPlugin) Begin(context.Context, *Site) error     { return nil }
func (r *rowPlugin) End(context.Context, *Site) error       { return nil }
func (r *rowPlugin) RunPage(_ context.Context, _ *Site, p *Page) error {
	r.mu.Lock()
	r.ran = append(r.ran, p.Source)
	r.mu.Unlock()
	return r.problems(p).Err()
}

// checkerPlugin is a rowPlugin that can check a broken page.
type checkerPlugin struct{ rowPlugin }

func (c *checkerPlugin) CheckPage(_ context.Context, _ *Site, p *Page) error {
	c.mu.Lock()
	c.checked = append(c.checked, p.Source)
	c.mu.Unlock()
	return c.problems(p).Err()
}

// TestRunPageKeepsChecking gives a page a problem in the first plugin of a
// row and one in a later Checker: both are reported, in line order; a
// plugin that is no Checker does not see the broken page; the broken
// page reaches no sink; a good page goes through every plugin.
func TestRunPageKeepsChecking(t *testing.T) {
	first := &rowPlugin{name: "query", problems: func(p *Page) ErrorList {
		if p.Source == "bad.md" {
			return ErrorList{Errorf("content/bad.md", 9, "query failed")}
		}
		return nil
	}}
	middle := &rowPlugin{name: "lint", problems: func(*Page) ErrorList { return nil }}
	last := &checkerPlugin{rowPlugin{name: "markdown", problems: func(p *Page) ErrorList {
		if p.Source == "bad.md" {
			return ErrorList{Errorf("content/bad.md", 14, "chart type typo"), Errorf("content/bad.md", 3, "frontmatter typo")}
		}
		return nil
	}}}
	sink := &recordSink{}
	s := &Site{Pages: []*Page{{Source: "bad.md", URL: "bad/"}, {Source: "good.md", URL: "good/"}}, Files: map[string][]byte{}}
	err := runRow(context.Background(), s, []PageRunner{first, middle, last}, sink, func(_ Plugin, err error) error { return err })
	want := "content/bad.md:3: frontmatter typo\ncontent/bad.md:9: query failed\ncontent/bad.md:14: chart type typo"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want\n%s", err, want)
	}
	if strings.Join(middle.ran, ",") != "good.md" {
		t.Errorf("lint ran on %v, want only the good page", middle.ran)
	}
	if strings.Join(last.checked, ",") != "bad.md" || strings.Join(last.ran, ",") != "good.md" {
		t.Errorf("markdown checked %v and ran %v", last.checked, last.ran)
	}
	if !slices.Equal(sink.urls(), []string{"good/"}) {
		t.Errorf("the sink got %v, want only the good page", sink.got)
	}
	if len(s.Pages) != 1 || s.Pages[0].Source != "good.md" {
		t.Errorf("pages kept: %v", s.Pages)
	}
}

// TestRunPageCapsProblems gives a page more problems than a page reports:
// the first MaxPageProblems are reported, and a last line says how many
// more there were.
func TestRunPageCapsProblems(t *testing.T) {
	many := &rowPlugin{name: "query", problems: func(p *Page) ErrorList {
		var l ErrorList
		for i := range MaxPageProblems + 7 {
			l = append(l, Errorf("content/"+p.Source, i+1, "problem %d", i+1))
		}
		return l
	}}
	s := &Site{Pages: []*Page{{Source: "many.md"}}}
	err := runRow(context.Background(), s, []PageRunner{many}, nil, func(_ Plugin, err error) error { return err })
	list, ok := err.(ErrorList)
	if !ok || len(list) != MaxPageProblems+1 {
		t.Fatalf("got %d problems (%T), want %d", len(list), err, MaxPageProblems+1)
	}
	lastShown := fmt.Sprintf("content/many.md:%d: problem %d", MaxPageProblems, MaxPageProblems)
	if list[MaxPageProblems-1].Error() != lastShown {
		t.Errorf("last shown %q, want %q", list[MaxPageProblems-1], lastShown)
	}
	more := fmt.Sprintf("content/many.md:%d: 7 more problem(s) in this page not shown: fix these and run check again", MaxPageProblems)
	if got := list[MaxPageProblems].Error(); got != more {
		t.Errorf("got %q, want %q", got, more)
	}
}
