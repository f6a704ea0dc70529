// Package incremental rebuilds only the pages whose inputs changed, for
// dashsmith build (the last output, on disk: Disk) and dashsmith serve
// (the last good build, in memory: Memory) alike.
//
// Once every page has its data, before any is rendered, it computes a
// digest of each page's inputs (digest.go): the file it was read from,
// its source, URL and value, every query as resolved (so a relative
// range that moved counts) and the result the store gave for it (so new
// events that a page reads count, and events it does not read do not),
// the shape of the site (every page's title and place, which the
// navigation shows), the config, the caller's salt (theme and binary),
// the store's data stamp when the caller has one, and how far the data
// is complete. A page whose digest equals the one its manifest recorded
// is not rendered again: its HTML and its files (Page.Files) are taken
// from the last build, and it is marked Reused, which the rendering
// stages leave alone. With a data stamp, a page whose inputs alone did
// not change is taken before its queries run (the stamp and the hour
// stand for its data). The plugin's stages are placed in the pipeline by
// build.Stage, never by the names of other plugins.
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
}

// Plugin holds the state shared by its stages during one build.
type Plugin struct {
	opts    Options
	raw     map[string][32]byte // hash of each file read, by Source
	site    string              // siteInputs
	entries map[string]Entry    // the manifest's record of the last build
	inputs  map[*build.Page]string
	digests map[*build.Page]string
	digest  *build.Digester // what inputsDigest and pageDigest write into
	mu      sync.Mutex      // guards inputs, digests and Reused while pages are checked in parallel
	Reused  int             // pages taken from the last build in the last run
}

// New returns the plugin.
func New(opts Options) *Plugin { return &Plugin{opts: opts} }

// Hooks returns the plugin's stages and where they run: after the pages
// are read (hash each file); with a data stamp, before the queries run
// (take the pages whose inputs did not change, the stamp and the hour
// standing for their data: the stages after leave a reused page alone);
// before rendering, page by page in the row of the query and rendering
// stages (compare every other page, with its data, and take the
// unchanged ones); and last (record this build in the manifest).
func (pl *Plugin) Hooks() []build.Hook {
	hooks := []build.Hook{{At: build.ReadStage, After: true, Plugin: build.Func("incremental: hash", pl.hash)}}
	if pl.opts.Stamp != "" {
		hooks = append(hooks, build.Hook{At: build.DataStage, Plugin: build.Func("incremental: before data", pl.early)})
	}
	hooks = append(hooks, build.Hook{At: build.RenderStage, Plugin: (*checker)(pl)})
	return append(hooks, build.Hook{At: build.FinishStage, After: true, Plugin: build.Func("incremental: record", pl.record)})
}

// Place returns pipe with the plugin's stages (Hooks) in place.
func (pl *Plugin) Place(pipe build.Pipeline) (build.Pipeline, error) {
	return pipe.Place(pl.Hooks()...)
}

// hash starts a build: it loads the manifest and notes the hash of every
// file the pages were read from.
func (pl *Plugin) hash(_ context.Context, s *build.Site) error {
	pl.entries = pl.opts.Manifest.Entries()
	pl.site, pl.Reused = "", 0
	pl.inputs, pl.digests = make(map[*build.Page]string, len(s.Pages)), make(map[*build.Page]string, len(s.Pages))
	if pl.digest == nil {
		pl.digest = build.NewDigester(sha256.New())
	}
	pl.raw = make(map[string][32]byte, len(s.Pages))
	for _, p := range s.Pages {
		pl.raw[p.Source] = sha256.Sum256(p.Body)
	}
	return nil
}

// early digests every page's inputs and takes those whose inputs digest
// the manifest recorded, reused before their queries run (the query and
// rendering stages leave a reused page alone): their data is the same as
// long as the store's stamp and the hour are.
func (pl *Plugin) early(_ context.Context, s *build.Site) error {
	pl.site = siteInputs(s, pl.opts)
	var same []*build.Page
	for _, p := range s.Pages {
		in := inputsDigest(pl.digest, pl.site, p, pl.raw[p.Source])
		pl.inputs[p] = in
		if old, ok := pl.entries[p.URL]; ok && in != "" && pl.opts.Salt != "" && old.Inputs == in {
			same = append(same, p)
		}
	}
	pl.take(s, same)
	for _, p := range same {
		if p.Reused {
			pl.digests[p] = pl.entries[p.URL].Digest
		}
	}
	return nil
}

// checker is the plugin's stage before rendering, page by page
// (build.PageRunner): it digests each page that is not reused yet, with
// its data, and takes it from the last build when the manifest recorded
// that digest.
type checker Plugin

// Name implements build.Plugin.
func (*checker) Name() string { return "incremental" }

// Run implements build.Plugin.
func (c *checker) Run(ctx context.Context, s *build.Site) error { return build.RunPages(ctx, s, c) }

// Begin implements build.PageRunner.
func (c *checker) Begin(_ context.Context, s *build.Site) error {
	pl := (*Plugin)(c)
	if pl.site == "" {
		pl.site = siteInputs(s, pl.opts)
	}
	return nil
}

// RunPage implements build.PageRunner: it compares p with the last
// build, and takes it from there when it did not change.
func (c *checker) RunPage(_ context.Context, s *build.Site, p *build.Page) error {
	pl := (*Plugin)(c)
	if p.Reused {
		return nil
	}
	d := build.NewDigester(sha256.New())
	pl.mu.Lock()
	in, ok := pl.inputs[p]
	pl.mu.Unlock()
	if !ok {
		in = inputsDigest(d, pl.site, p, pl.raw[p.Source])
	}
	digest := pageDigest(d, in, pl.opts, s, p)
	pl.mu.Lock()
	pl.inputs[p], pl.digests[p] = in, digest
	pl.mu.Unlock()
	if old, ok := pl.entries[p.URL]; ok && digest != "" && pl.opts.Salt != "" && old.Digest == digest {
		pl.take(s, []*build.Page{p})
	}
	return nil
}

// End implements build.PageRunner.
func (*checker) End(context.Context, *build.Site) error { return nil }

// take makes the last build's files of the pages same those pages' own,
// marked Reused: where the manifest keeps them in place and the build
// writes as it goes (s.Output), the writer links them (Page.Kept);
// otherwise they are read, their HTML as Body, their other files into
// s.Files. A page with a file gone is left to be built.
func (pl *Plugin) take(s *build.Site, same []*build.Page) {
	if k, ok := pl.opts.Manifest.(Keeper); ok && s.Output != nil {
		var read []*build.Page
		for _, p := range same {
			e := pl.entries[p.URL]
			if !k.Keeps(p, e) {
				read = append(read, p)
				continue
			}
			p.Body, p.Files = nil, slices.Clone(e.Files)
			p.Reused, p.Kept = true, true
			pl.mu.Lock()
			pl.Reused++
			pl.mu.Unlock()
		}
		same = read
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
			continue
		}
		out := p.OutputPath()
		for name, data := range files[i] {
			if name != out {
				s.AddFile(name, data)
			}
		}
		p.Body = files[i][out]
		p.Files = slices.Clone(pl.entries[p.URL].Files)
		p.Reused = true
		pl.mu.Lock()
		pl.Reused++
		pl.mu.Unlock()
	}
}

// readers is how many pages' files take reads at once.
const readers = 8

// record gives the manifest the digests and files of every page digested.
// A page taken from the last build with the files it had there shares
// that entry's list of files, which no one writes to, instead of a copy.
func (pl *Plugin) record(_ context.Context, s *build.Site) error {
	pages := make(map[string]Entry, len(pl.digests))
	for _, p := range s.Pages {
		d, ok := pl.digests[p]
		if !ok {
			continue // added after check, and not compared: always built
		}
		e := Entry{Digest: d}
		if old, ok := pl.entries[p.URL]; ok && p.Reused && old.Files != nil && slices.Equal(p.Files, old.Files) {
			e.Files = old.Files // sorted when it was recorded
		} else {
			e.Files = append([]string{}, p.Files...)
			sort.Strings(e.Files)
		}
		if pl.opts.Stamp != "" {
			e.Inputs = pl.inputs[p]
		}
		pages[p.URL] = e
	}
	return pl.opts.Manifest.Record(s, pages)
}
