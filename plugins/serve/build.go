package serve

import (
	"context"
	"errors"
	"maps"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// output is what one build made: every file by its path in the site, or
// the problems of a build that failed, for the whole site or for the
// pages that did not build.
type output struct {
	gen      int                 // counts builds; pages reload when it changes
	files    map[string][]byte   // the last good files: of the last build, or of the last that made them
	pages    map[string]string   // which of files are pages, and the Source of each
	problems []string            // the last build's problems, when the site failed as a whole
	broken   map[string][]string // the pages that did not build, by path, and their problems
}

// Stats say what a build did.
type Stats struct {
	Pages  int           // pages in the site
	Built  int           // pages laid out by this build; the others were kept
	Broken int           // pages that did not build, served with their problems
	Took   time.Duration // the whole build
}

// Build builds the site after the changed paths (slash paths under the
// site folder; nil means everything may have changed), makes the result
// what the server answers with, and tells open pages to reload.
//
// When the problems of a build are all in dashboards (build.ErrorList,
// each at a content/ file that makes a page), only the pages of those
// dashboards that did not build answer with their problems; every other
// page and file is served from this build, as a good build's are. Any
// other failure (the config, a layout, the store) leaves the last good
// files in place, to be served again once the problems are fixed, and
// serves the problems instead of every page meanwhile.
func (s *Server) Build(ctx context.Context, changed []string) (Stats, error) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	made := &madePages{}
	site, stats, err := s.build(ctx, changed, made)
	stats.Took = time.Since(start)

	s.mu.Lock()
	out := &output{gen: s.out.gen + 1, files: s.out.files, pages: s.out.pages}
	var broken map[string][]string
	if err != nil {
		broken = brokenPages(err, site, made, s.out)
	}
	switch {
	case err == nil:
		out.files, out.pages = merge(s.out, site)
	case broken != nil:
		out.files, out.pages = merge(s.out, site)
		out.broken, stats.Broken = broken, len(broken)
	default:
		out.problems = problemsOf(err)
	}
	s.out = out
	s.mu.Unlock()
	s.hub.publish(out.gen)
	return stats, err
}

// build runs the pipeline, keeping what it can of the last good build,
// and notes in made the pages each dashboard makes. When the pipeline
// ran to its end with problems in pages, it returns the site of the
// pages that did build with the problems; on any other error, no site.
// Only a build without problems becomes the last good build that the
// next one keeps pages and parses from.
func (s *Server) build(ctx context.Context, changed []string, made *madePages) (*build.Site, Stats, error) {
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
	// made's hooks first: the parse cache's take pages out of the site
	// for a while.
	if pl, err = pl.Place(append(made.hooks(), parse.hooks()...)...); err != nil {
		return nil, Stats{}, err
	}
	if err := pl.Run(ctx, site); err != nil {
		var list build.ErrorList
		if !errors.As(err, &list) {
			return nil, Stats{}, err
		}
		return site, statsOf(site), err
	}
	if s.opts.Reuse != nil {
		s.opts.Reuse.Keep()
	}
	parse.done()
	s.parse = parse
	return site, statsOf(site), nil
}

// statsOf counts the pages of a build, and those it laid out.
func statsOf(site *build.Site) Stats {
	kept := 0
	for _, p := range site.Pages {
		if p.Reused {
			kept++
		}
	}
	return Stats{Pages: len(site.Pages), Built: len(site.Pages) - kept}
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
func merge(last *output, s *build.Site) (map[string][]byte, map[string]string) {
	// A clone of the site's files copies their map whole, where adding
	// them one by one would hash every name again.
	files := maps.Clone(s.Files)
	if files == nil {
		files = make(map[string][]byte, len(last.files))
	}
	pages := make(map[string]string, len(s.Pages))
	for _, p := range s.Pages {
		out := p.OutputPath()
		files[out] = p.Body
		pages[out] = p.Source
	}
	// Then what the site does not make again: a lookup, not a write, for
	// the many files it does.
	for k, v := range last.files {
		_, made := files[k]
		if _, page := last.pages[k]; !made && !page {
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
