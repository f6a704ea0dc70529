package build

import (
	"context"
	"errors"
	"runtime"
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

// runPage takes p through row and to sink. It returns p's problems, or
// the error that stops the build.
func runPage(ctx context.Context, s *Site, row []PageRunner, sink PageSink, p *Page, wrap func(Plugin, error) error) (ErrorList, error) {
	for _, r := range row {
		err := r.RunPage(ctx, s, p)
		var list ErrorList
		var one *Error
		switch {
		case err == nil:
			continue
		case errors.As(err, &list):
			return list, nil
		case errors.As(err, &one):
			return ErrorList{one}, nil
		default:
			return nil, wrap(r, err)
		}
	}
	if sink == nil {
		return nil, nil
	}
	return nil, sink.Put(s, p)
}
