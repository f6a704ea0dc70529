package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// PageRunner is a plugin whose work on a page needs no other page's work
// of the same stage: the query plugin asks one page's queries, markdown
// renders one page, layout lays out one page. A pipeline runs a row of
// such plugins page by page: each worker takes a page through all of
// them, then hands it to the site's Output, so a build holds the pages in
// flight, not every page's data and HTML at once (see Pipeline.Run).
type PageRunner interface {
	Plugin
	// Begin does the plugin's work that every page shares (reading the
	// theme, listing the store's events), before any page.
	Begin(ctx context.Context, s *Site) error
	// RunPage does the plugin's work on p. It may run on several pages
	// at once, so what it shares with other pages it guards. Problems in
	// the page are an ErrorList or an *Error; any other error stops the
	// build.
	RunPage(ctx context.Context, s *Site, p *Page) error
	// End does the plugin's work after every page (files the pages
	// share, warnings in order).
	End(ctx context.Context, s *Site) error
}

// PageSink takes pages as they are finished, for a build that writes them as
// it goes (see OutputDir). Put may be called from several goroutines at
// once.
type PageSink interface {
	Put(s *Site, p *Page) error
}

// Discard is the Output of a build that writes nothing (dashsmith
// check): it lets each finished page's HTML, files and data go, so that
// checking a site of many pages holds no more than building it.
var Discard PageSink = discard{}

type discard struct{}

func (discard) Put(s *Site, p *Page) error {
	s.TakeFiles(p.Files)
	p.Body, p.Data = nil, nil
	return nil
}

// RunPages runs one PageRunner over every page of s, as a Plugin's Run:
// Begin, RunPage on every page in parallel, End. Problems of every page
// are returned together, in page order.
func RunPages(ctx context.Context, s *Site, r PageRunner) error {
	return runRow(ctx, s, []PageRunner{r}, nil, func(_ Plugin, err error) error { return err })
}

// runRow takes every page of s through the plugins of row, in order, a
// page at a time on each of GOMAXPROCS workers, and then to sink when it
// is not nil; an error that stops the build is passed through wrap with
// the plugin it came from. A page with a problem goes no further (and is dropped from
// s.Pages, as Run drops the pages of a stage's problems); the problems of
// all pages are returned together, in page order, so the output does not
// depend on which worker finished first.
func runRow(ctx context.Context, s *Site, row []PageRunner, sink PageSink, wrap func(Plugin, error) error) error {
	for _, r := range row {
		if err := r.Begin(ctx, s); err != nil {
			return wrap(r, err)
		}
	}
	pages := s.Pages
	if hasChecker(row) && len(s.checking) > 0 {
		// The pages set aside broken go through the row's Checkers only.
		pages = append(slices.Clip(pages), s.checking...)
	}
	problems := make([]ErrorList, len(pages))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(pages) && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				list, err := runPage(ctx, s, row, sink, pages[i], wrap)
				if err != nil {
					cancel(err)
					return
				}
				problems[i] = list
			}
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	var all ErrorList
	for _, list := range problems {
		all = append(all, list...)
	}
	if len(all) > 0 {
		s.dropBroken(all)
	}
	for _, r := range row {
		if err := r.End(ctx, s); err != nil {
			return wrap(r, err)
		}
	}
	return all.Err()
}

// hasChecker reports whether a plugin of row is a Checker.
func hasChecker(row []PageRunner) bool {
	for _, r := range row {
		if _, ok := r.(Checker); ok {
			return true
		}
	}
	return false
}

// Checker is a PageRunner that can still look for problems in a page
// after an earlier plugin of its row found some there (the page is then
// Broken): markdown still reads a page whose query failed, so that the
// page's chart blocks are checked too. CheckPage reports the problems it
// finds, as RunPage does; it writes nothing that is published.
type Checker interface {
	PageRunner
	CheckPage(ctx context.Context, s *Site, p *Page) error
}

// MaxPageProblems bounds the problems one page reports in a run; past it,
// one more line says how many were left out. A page of untrusted or
// generated text cannot then flood the output.
const MaxPageProblems = 50

// runPage takes p through row and to sink. It returns p's problems, or
// the error that stops the build.
//
// After the first plugin that finds problems in p, p is Broken: it goes
// to no sink, and of the later plugins only the Checkers see it (through
// CheckPage), so that check reports every problem of the page at once
// in line order. A page without problems costs nothing more.
func runPage(ctx context.Context, s *Site, row []PageRunner, sink PageSink, p *Page, wrap func(Plugin, error) error) (ErrorList, error) {
	var problems ErrorList
	for _, r := range row {
		var err error
		switch c, ok := r.(Checker); {
		case !p.Broken:
			err = r.RunPage(ctx, s, p)
		case ok:
			err = c.CheckPage(ctx, s, p)
		default:
			continue
		}
		var list ErrorList
		var one *Error
		switch {
		case err == nil:
			continue
		case errors.As(err, &list):
			problems = append(problems, list...)
		case errors.As(err, &one):
			problems = append(problems, one)
		default:
			return nil, wrap(r, err)
		}
		p.Broken = p.Broken || len(problems) > 0
	}
	if p.Broken {
		return capProblems(sortProblems(problems)), nil
	}
	if sink == nil {
		return nil, nil
	}
	return nil, sink.Put(s, p)
}

// sortProblems puts a page's problems in the order of its files and
// lines, as a reader goes through it; problems at one line keep the
// order of the plugins that found them.
func sortProblems(l ErrorList) ErrorList {
	slices.SortStableFunc(l, func(a, b *Error) int {
		if c := cmp.Compare(a.File, b.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	return l
}

// capProblems keeps the first MaxPageProblems of a page's problems and
// says how many more there were.
func capProblems(l ErrorList) ErrorList {
	if len(l) <= MaxPageProblems {
		return l
	}
	more, last := len(l)-MaxPageProblems, l[MaxPageProblems-1]
	// At the last line shown, so that it stays last when sorted.
	return append(l[:MaxPageProblems:MaxPageProblems], &Error{File: last.File, Line: last.Line,
		Msg: fmt.Sprintf("%d more problem(s) in this page not shown: fix these and run check again", more)})
}
