package serve

import (
	"context"
	"errors"
	"maps"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// output is what one build made: every file by its path in the site, or
// the problems of a build that failed.
type output struct {
	gen      int               // counts builds; pages reload when it changes
	files    map[string][]byte // the last good build's files
	pages    map[string]bool   // which of files are pages
	problems []string          // the last build's problems, when it failed
}

// Stats say what a build did.
type Stats struct {
	Pages int           // pages in the site
	Built int           // pages laid out by this build; the others were kept
	Took  time.Duration // the whole build
}

// Build builds the site after the changed paths (slash paths under the
// site folder; nil means everything may have changed), makes the result
// what the server answers with, and tells open pages to reload. A build
// that fails leaves the last good files in place, to be served again once
// the problems are fixed, and serves the problems meanwhile.
func (s *Server) Build(ctx context.Context, changed []string) (Stats, error) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	site, stats, err := s.build(ctx, changed)
	stats.Took = time.Since(start)

	s.mu.Lock()
	out := &output{gen: s.out.gen + 1, files: s.out.files, pages: s.out.pages}
	if err != nil {
		out.problems = problemsOf(err)
	} else {
		out.files, out.pages = merge(s.out, site)
	}
	s.out = out
	s.mu.Unlock()
	s.hub.publish(out.gen)
	return stats, err
}

// build runs the pipeline, keeping what it can of the last good build.
func (s *Server) build(ctx context.Context, changed []string) (*build.Site, Stats, error) {
	cfg, err := s.opts.Load()
	if err != nil {
		return nil, Stats{}, err
	}
	url := s.opts.StoreURL(cfg)
	st, err := openReader(s.opts.Open, url)
	if err != nil {
		return nil, Stats{}, err
	}
	defer st.Close()
	now := s.opts.Now()
	stamp, _ := storeStamp(url, now)
	s.storeURL, s.storeStamp = url, stamp
	s.cache.check(stamp)
	if !onlyContent(changed) {
		s.parse = &parseCache{}
		if s.opts.Reuse != nil {
			s.opts.Reuse.Forget()
		}
	}
	site := &build.Site{Config: cfg, Dir: ".", Store: cachedStore{st, s.cache}, Now: now}
	pl := s.opts.Pipeline()
	if s.opts.Reuse != nil {
		if pl, err = s.opts.Reuse.Wrap(pl, stamp); err != nil {
			return nil, Stats{}, err
		}
	}
	parse := s.parse.next()
	if pl, err = pl.Place(parse.hooks()...); err != nil {
		return nil, Stats{}, err
	}
	if err := pl.Run(ctx, site); err != nil {
		return nil, Stats{}, err
	}
	if s.opts.Reuse != nil {
		s.opts.Reuse.Keep()
	}
	parse.done()
	s.parse = parse
	kept := 0
	for _, p := range site.Pages {
		if p.Reused {
			kept++
		}
	}
	return site, Stats{Pages: len(site.Pages), Built: len(site.Pages) - kept}, nil
}

// onlyContent reports whether every changed path is a dashboard: then the
// pages that did not change may be kept.
func onlyContent(changed []string) bool {
	if changed == nil {
		return false
	}
	for _, p := range changed {
		if len(p) < len("content/") || p[:len("content/")] != "content/" {
			return false
		}
	}
	return true
}

// merge returns the site's pages and files laid over the last build's
// files other than its pages: a rebuild of some pages still serves the
// assets and data of the others, and a page removed is gone.
func merge(last *output, s *build.Site) (map[string][]byte, map[string]bool) {
	// A clone of the site's files copies their map whole, where adding
	// them one by one would hash every name again.
	files := maps.Clone(s.Files)
	if files == nil {
		files = make(map[string][]byte, len(last.files))
	}
	pages := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		out := p.OutputPath()
		files[out] = p.Body
		pages[out] = true
	}
	// Then what the site does not make again: a lookup, not a write, for
	// the many files it does.
	for k, v := range last.files {
		if _, ok := files[k]; !ok && !last.pages[k] {
			files[k] = v
		}
	}
	return files, pages
}

// problemsOf lists a failed build's problems one per line.
func problemsOf(err error) []string {
	var list build.ErrorList
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Error()
		}
		return out
	}
	return []string{err.Error()}
}
