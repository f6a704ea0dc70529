package incremental

import (
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Memory is the manifest kept between the builds of one process, as
// dashsmith serve keeps it: each build reads the record of the last good
// build and leaves its own, which becomes the last good build's on Keep.
// It holds the laid-out pages and their files themselves (shared with
// the output, read only). The builds of one Memory share their binary,
// theme and config: whoever changes those calls Forget.
type Memory struct {
	last, next *snapshot
}

// snapshot is one build's record: each page's entry and files, by URL.
type snapshot struct {
	entries map[string]Entry
	files   map[string]map[string][]byte
}

// NewMemory returns a memory with no build recorded yet.
func NewMemory() *Memory { return &Memory{} }

// Entries implements Manifest.
func (m *Memory) Entries() map[string]Entry {
	if m.last == nil {
		return nil
	}
	return m.last.entries
}

// Files implements Manifest: the files recorded with the page, to be
// read only.
func (m *Memory) Files(p *build.Page, _ Entry) map[string][]byte {
	if m.last == nil {
		return nil
	}
	return m.last.files[p.URL]
}

// Record implements Manifest: the record waits for Keep. It keeps pages
// itself as the record's entries, less the pages of no file in s.Files.
func (m *Memory) Record(s *build.Site, pages map[string]Entry) error {
	next := &snapshot{entries: pages, files: make(map[string]map[string][]byte, len(pages))}
	for _, p := range s.Pages {
		e, ok := pages[p.URL]
		if !ok {
			continue
		}
		if p.Reused && m.last != nil && m.last.files[p.URL] != nil && m.last.entries[p.URL].Digest == e.Digest {
			next.files[p.URL] = m.last.files[p.URL] // as it was
			continue
		}
		files := make(map[string][]byte, 1+len(e.Files))
		files[p.OutputPath()] = p.Body
		for _, name := range e.Files {
			data, ok := s.Files[name]
			if !ok {
				files = nil
				break
			}
			files[name] = data
		}
		if files != nil {
			next.files[p.URL] = files
		}
	}
	if len(next.files) < len(pages) { // some file gone, or no page of the site
		for url := range pages {
			if _, ok := next.files[url]; !ok {
				delete(pages, url)
			}
		}
	}
	m.next = next
	return nil
}

// Keep makes the build that recorded last the one the next build reuses
// pages from; a build that failed is not kept, and the next one reuses
// the pages of the last that did not.
func (m *Memory) Keep() {
	if m.next != nil {
		m.last, m.next = m.next, nil
	}
}

// Forget makes the next build build every page: the theme, the layouts
// or the config changed.
func (m *Memory) Forget() { m.last, m.next = nil, nil }

// Wrap returns pl with the stages that reuse the pages of the last good
// build whose inputs did not change (see Options), for a build over the
// store whose data stamp is stamp. A kept page may be up to an hour
// behind the clock (Options.Tick): what it shows of the time ("complete
// through", the home page's "built") is of the hour.
func (m *Memory) Wrap(pl build.Pipeline, stamp string) (build.Pipeline, error) {
	m.next = nil
	return New(Options{Manifest: m, Salt: "memory", Stamp: stamp, Tick: time.Hour}).Place(pl)
}
