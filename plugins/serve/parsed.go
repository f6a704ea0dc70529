package serve

import (
	"bytes"
	"context"
	"slices"
	"sort"

	"github.com/dashsmith/dashsmith/build"
)

// parseCache keeps what frontmatter made of each source file in the last
// good build, so that a rebuild parses only the files that changed. Its
// stages are placed by build.Stage: after the pages are read (set the
// unchanged files aside, parsed) and after they are parsed (note what the
// parse made, and put the files set aside back).
type parseCache struct {
	parsed map[string]parsed // by Source: frontmatter's work on each file

	// During a build:
	prev  *parseCache
	raw   map[string][]byte // each source file as read, by Source
	order map[string]int    // each source's place in content's order
	aside []*build.Page     // unchanged files, out of the pipeline until frontmatter ran
}

// parsed is what frontmatter made of a source file. Its maps and body are
// shared with the pages of later builds, which read them only.
type parsed struct {
	raw  []byte // the file as read: a rebuild compares it byte by byte, which costs less than a hash
	meta build.Meta
	line int
	body []byte
}

// next starts the cache of a new build on top of c.
func (c *parseCache) next() *parseCache {
	n := len(c.parsed)
	return &parseCache{prev: c, raw: make(map[string][]byte, n), order: make(map[string]int, n), parsed: make(map[string]parsed, n)}
}

// hooks returns the cache's stages and where they run.
func (c *parseCache) hooks() []build.Hook {
	return []build.Hook{
		{At: build.ReadStage, After: true, Plugin: build.Func("serve: parsed before", c.setAside)},
		{At: build.ParseStage, After: true, Plugin: build.Func("serve: parsed", c.unparsed)},
	}
}

// done ends the build of a cache that becomes the last good build's.
func (c *parseCache) done() { c.prev, c.raw, c.order, c.aside = nil, nil, nil, nil }

// setAside notes every source file and its place, and takes the files
// that frontmatter parsed before, unchanged, out of the site until it has
// run.
func (c *parseCache) setAside(_ context.Context, s *build.Site) error {
	kept := s.Pages[:0:0]
	for i, p := range s.Pages {
		c.raw[p.Source], c.order[p.Source] = p.Body, i
		if pr, ok := c.prev.parsed[p.Source]; ok && bytes.Equal(pr.raw, p.Body) {
			p.Meta, p.Line, p.Body = pr.meta, pr.line, pr.body
			c.parsed[p.Source] = pr
			c.aside = append(c.aside, p)
			continue
		}
		kept = append(kept, p)
	}
	s.Pages = kept
	return nil
}

// unparsed notes what frontmatter made of the files it parsed, and puts
// the files set aside back, in content's order.
func (c *parseCache) unparsed(_ context.Context, s *build.Site) error {
	for _, p := range s.Pages {
		c.parsed[p.Source] = parsed{raw: c.raw[p.Source], meta: p.Meta, line: p.Line, body: slices.Clip(p.Body)}
	}
	s.Pages = append(s.Pages, c.aside...)
	sort.SliceStable(s.Pages, func(i, j int) bool { return c.order[s.Pages[i].Source] < c.order[s.Pages[j].Source] })
	c.aside = nil
	return nil
}
