package serve

import (
	"context"
	"crypto/sha256"

	"github.com/dashsmith/dashsmith/build"
)

// reuse keeps the laid-out pages of the last good build. A page is kept
// when its source file is the same, and so is everything every page
// depends on (global): the layouts and config (a change to either makes
// the server forget every page), the store's data, the hour, and every
// page's place and title in the navigation. A kept page skips query,
// markdown, charts and layout; the navigation of the others still lists
// it. A source file that did not change skips frontmatter too (parsed).
type reuse struct {
	base   string            // the config, the store's stamp and the hour
	global string            // base and the navigation of every page
	pages  map[string]record // by URL: what the build made of each page
	parsed map[string]parsed // by Source: frontmatter's work on each file

	// During a build:
	prev  *reuse
	raw   map[string][32]byte // hash of each source file, by Source
	order map[string]int      // each source's place in content's order
	out   []*build.Page       // pages kept, out of the pipeline until index
	kept  int

	unparsedPages []*build.Page // unchanged files, out of the pipeline until frontmatter ran
}

// record is one page of a build.
type record struct {
	fp   [32]byte // its source's hash with its URL and value
	body []byte   // laid out
}

// forget makes the next build parse and lay out every page.
func (r *reuse) forget() { r.pages, r.parsed = nil, nil }

// next starts the reuse of a new build on top of r.
func (r *reuse) next(base string) *reuse {
	return &reuse{base: base, prev: r, raw: map[string][32]byte{}, order: map[string]int{}, parsed: map[string]parsed{}}
}

// wrap returns pl with the stages of reuse added: after content (hash the
// sources, set the unchanged ones aside), after frontmatter (put them
// back, parsed), after each or else frontmatter (set unchanged pages
// aside), before index (put them back, marked Reused, which layout leaves
// alone) and after index (keep the pages no content file made). A
// pipeline without those stages gets no reuse.
func (r *reuse) wrap(pl build.Pipeline) build.Pipeline {
	at := map[string]int{}
	for i, p := range pl {
		at[p.Name()] = i
	}
	after, ok := at["each"]
	if !ok {
		after, ok = at["frontmatter"]
	}
	_, hasContent := at["content"]
	_, hasFrontmatter := at["frontmatter"]
	_, hasIndex := at["index"]
	if !ok || !hasContent || !hasFrontmatter || !hasIndex {
		return pl
	}
	var out build.Pipeline
	for _, p := range pl {
		if p.Name() == "index" {
			out = append(out, build.Func("serve: restore", r.restore))
		}
		out = append(out, p)
		if p.Name() == "content" {
			out = append(out, build.Func("serve: hash", r.hash))
		}
		if p.Name() == "frontmatter" {
			out = append(out, build.Func("serve: parsed", r.unparsed))
		}
		if p.Name() == pl[after].Name() {
			out = append(out, build.Func("serve: set aside", r.setAside))
		}
		if p.Name() == "index" {
			out = append(out, build.Func("serve: keep generated", r.keepGenerated))
		}
	}
	return out
}

// setAside computes global and takes the pages that did not change out of
// the site, with the body they were laid out to.
func (r *reuse) setAside(_ context.Context, s *build.Site) error {
	d := build.NewDigester(sha256.New())
	d.String(r.base)
	for _, p := range s.Pages {
		m := p.Meta
		for _, v := range []string{p.URL, p.Each, m.Title, m.Description, m.Layout} {
			d.String(v)
		}
		d.Int(int64(m.Weight))
		d.Bool(m.Draft)
	}
	r.global = string(d.Sum(nil))
	if r.prev == nil || r.prev.global != r.global || r.prev.pages == nil {
		return nil
	}
	kept := make([]*build.Page, 0, len(s.Pages))
	for _, p := range s.Pages {
		if rec, ok := r.prev.pages[p.URL]; ok && rec.fp == r.fingerprint(p) {
			p.Body = rec.body
			r.out = append(r.out, p)
			continue
		}
		kept = append(kept, p)
	}
	s.Pages = kept
	return nil
}

// restore puts the pages set aside back, for index and layout to list,
// marked Reused.
func (r *reuse) restore(_ context.Context, s *build.Site) error {
	for _, p := range r.out {
		p.Reused = true
	}
	s.Pages = append(s.Pages, r.out...)
	return nil
}

// keepGenerated keeps the pages that no content file made (the home page
// of the index plugin, when there is no content/index.md, and the
// ingestion page) when everything they show is as it was: they read only
// the store, the hour, the config and the navigation, all of them in
// global.
func (r *reuse) keepGenerated(_ context.Context, s *build.Site) error {
	if r.prev == nil || r.prev.global != r.global {
		return nil
	}
	for _, p := range s.Pages {
		if _, fromFile := r.raw[p.Source]; fromFile || p.Reused {
			continue
		}
		if rec, ok := r.prev.pages[p.URL]; ok && rec.fp == r.fingerprint(p) {
			p.Body, p.Reused = rec.body, true
		}
	}
	return nil
}

// done records what the build made of every page.
func (r *reuse) done(s *build.Site) {
	r.pages = make(map[string]record, len(s.Pages))
	for _, p := range s.Pages {
		r.pages[p.URL] = record{fp: r.fingerprint(p), body: p.Body}
	}
	for _, p := range s.Pages {
		if p.Reused {
			r.kept++
		}
	}
	r.prev, r.raw, r.order, r.out = nil, nil, nil, nil
}

// fingerprint identifies a page's input: its source file, URL and value.
func (r *reuse) fingerprint(p *build.Page) [32]byte {
	d := build.NewDigester(sha256.New())
	raw := r.raw[p.Source]
	d.String(string(raw[:]))
	d.String(p.Source)
	d.String(p.URL)
	d.String(p.Each)
	var fp [32]byte
	d.Sum(fp[:0])
	return fp
}
