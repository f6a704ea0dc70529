package serve

import (
	"context"
	"crypto/sha256"
	"slices"
	"sort"

	"github.com/dashsmith/dashsmith/build"
)

// parsed is what frontmatter made of a source file. Its maps and body are
// shared with the pages of later builds, which read them only.
type parsed struct {
	raw  [32]byte // the file's hash
	meta build.Meta
	line int
	body []byte
}

// hash notes the hash and place of every source file, and takes the
// files that frontmatter parsed before, unchanged, out of the site until
// it has run.
func (r *reuse) hash(_ context.Context, s *build.Site) error {
	kept := s.Pages[:0:0]
	for i, p := range s.Pages {
		h := sha256.Sum256(p.Body)
		r.raw[p.Source], r.order[p.Source] = h, i
		if pr, ok := r.prev.parsed[p.Source]; ok && pr.raw == h {
			p.Meta, p.Line, p.Body = pr.meta, pr.line, pr.body
			r.parsed[p.Source] = pr
			r.unparsedPages = append(r.unparsedPages, p)
			continue
		}
		kept = append(kept, p)
	}
	s.Pages = kept
	return nil
}

// unparsed notes what frontmatter made of the files it parsed, and puts
// the files set aside back, in content's order.
func (r *reuse) unparsed(_ context.Context, s *build.Site) error {
	for _, p := range s.Pages {
		r.parsed[p.Source] = parsed{raw: r.raw[p.Source], meta: p.Meta, line: p.Line, body: slices.Clip(p.Body)}
	}
	s.Pages = append(s.Pages, r.unparsedPages...)
	sort.SliceStable(s.Pages, func(i, j int) bool { return r.order[s.Pages[i].Source] < r.order[s.Pages[j].Source] })
	r.unparsedPages = nil
	return nil
}
