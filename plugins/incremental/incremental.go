// Package incremental rebuilds only the pages whose inputs changed, for
// dashsmith build (the last output, on disk: Disk) and dashsmith serve
// (the last good build, in memory: Memory) alike.
//
// Once every page has its data, before any is rendered, it computes a
// digest of each page's inputs (digest.go): the file it was read from,
// its frontmatter and body, every query as resolved (so a relative range
// that moved counts) and the result the store gave for it (so new events
// that a page reads count, and events it does not read do not), the
// shape of the site (every page's title and place, which the navigation
// shows), the config, the caller's salt (theme and binary), the store's
// data stamp when the caller has one, and how far the data is complete.
// A page whose digest equals the one its manifest recorded is not
// rendered again: its HTML and its files (Page.Files) are taken from
// the last build, and it is marked Reused, which the rendering stages
// leave alone. Its stages are placed in the pipeline by build.Stage,
// never by the names of other plugins.
package incremental

import (
	"context"
	"crypto/sha256"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Options say where the last build is and what, besides the site, the
// pages are compared by.
type Options struct {
	Manifest Manifest
	// Salt names what the look of every page depends on besides the
	// site: the binary and the theme (see Salt). "" reuses nothing.
	Salt string
	// Stamp is the store's data stamp when the caller keeps one (serve):
	// when it changes, every page is built. "" leaves the data to the
	// pages' query results alone.
	Stamp string
	// Tick is the precision of the clock the pages are compared by: 0
	// compares the build's instant only where it shows (the home page,
	// and a site with no data), as a build does; serve keeps a page for
	// the hour (time.Hour), the hour then counting for every page.
	Tick time.Duration
	// KeepAdded says whether pages that later stages add (the home page
	// that index makes when content/ has none) are kept too, as serve
	// keeps them; a build makes them again every time.
	KeepAdded bool
}

// Plugin holds the state shared by its stages during one build.
type Plugin struct {
	opts    Options
	raw     map[string][32]byte // hash of each file read, by Source
	site    string              // siteDigest
	entries map[string]Entry    // the manifest's record of the last build
	digests map[*build.Page]string
	Reused  int // pages taken from the last build in the last run
}

// New returns the plugin.
func New(opts Options) *Plugin { return &Plugin{opts: opts} }

// Hooks returns the plugin's stages and where they run: after the pages
// are read (hash each file), before rendering (compare every page and
// take the unchanged ones from the last build), after the pages are
// listed (the same for the pages added since, when KeepAdded) and last
// (record this build in the manifest).
func (pl *Plugin) Hooks() []build.Hook {
	hooks := []build.Hook{
		{At: build.ReadStage, After: true, Plugin: build.Func("incremental: hash", pl.hash)},
		{At: build.RenderStage, Plugin: build.Func("incremental", pl.check)},
	}
	if pl.opts.KeepAdded {
		hooks = append(hooks, build.Hook{At: build.ListStage, After: true, Plugin: build.Func("incremental: added", pl.checkAdded)})
	}
	return append(hooks, build.Hook{At: build.FinishStage, After: true, Plugin: build.Func("incremental: record", pl.record)})
}

// Place returns pipe with the plugin's stages (Hooks) in place.
func (pl *Plugin) Place(pipe build.Pipeline) (build.Pipeline, error) {
	return pipe.Place(pl.Hooks()...)
}

// hash notes the hash of every file the pages were read from.
func (pl *Plugin) hash(_ context.Context, s *build.Site) error {
	pl.raw = make(map[string][32]byte, len(s.Pages))
	for _, p := range s.Pages {
		pl.raw[p.Source] = sha256.Sum256(p.Body)
	}
	return nil
}

// check digests every page and takes those that did not change from the
// last build.
func (pl *Plugin) check(_ context.Context, s *build.Site) error {
	pl.entries = pl.opts.Manifest.Entries()
	pl.site = siteDigest(s, pl.opts)
	pl.digests = map[*build.Page]string{}
	pl.Reused = 0
	pl.reuse(s, s.Pages)
	return nil
}

// checkAdded does check's work for the pages added since it ran.
func (pl *Plugin) checkAdded(_ context.Context, s *build.Site) error {
	var added []*build.Page
	for _, p := range s.Pages {
		if _, ok := pl.digests[p]; !ok && !p.Reused {
			added = append(added, p)
		}
	}
	pl.reuse(s, added)
	return nil
}

// reuse digests pages and takes those whose digest the manifest recorded
// from the last build: their HTML as Body, their files into s.Files.
func (pl *Plugin) reuse(s *build.Site, pages []*build.Page) {
	var same []*build.Page // pages whose inputs are those of the last build
	for _, p := range pages {
		d := pageDigest(pl.site, pl.opts, s, p, pl.raw[p.Source])
		pl.digests[p] = d
		if old, ok := pl.entries[p.URL]; ok && d != "" && pl.opts.Salt != "" && old.Digest == d {
			same = append(same, p)
		}
	}
	// Read their files a few pages at a time: on many file systems a
	// read's cost is mostly the open, and opens go faster side by side.
	files := make([]map[string][]byte, len(same))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(same); i = int(next.Add(1)) - 1 {
				files[i] = pl.opts.Manifest.Files(same[i], pl.entries[same[i].URL])
			}
		}()
	}
	wg.Wait()
	for i, p := range same {
		if files[i] == nil {
			continue // a file went missing: build the page
		}
		for name, data := range files[i] {
			if name != p.OutputPath() {
				s.Files[name] = data
			}
		}
		p.Body = files[i][p.OutputPath()]
		p.Files = slices.Clone(pl.entries[p.URL].Files)
		p.Reused = true
		pl.Reused++
	}
}

// readers is how many pages' files reuse reads at once.
const readers = 8

// record gives the manifest the digest and files of every page digested.
func (pl *Plugin) record(_ context.Context, s *build.Site) error {
	pages := map[string]Entry{}
	for _, p := range s.Pages {
		d, ok := pl.digests[p]
		if !ok {
			continue // added after check, and not compared: always built
		}
		e := Entry{Digest: d, Files: append([]string{}, p.Files...)}
		sort.Strings(e.Files)
		pages[p.URL] = e
	}
	return pl.opts.Manifest.Record(s, pages)
}
