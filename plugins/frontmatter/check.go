package frontmatter

import (
	"github.com/dashsmith/dashsmith/build"
)

// checkQueries returns the problems the query stage would find in the
// queries of p without asking the store (ranges, measures, comparisons,
// filters, zones), each at the line that names its query. Run uses it for
// a page it drops for a bad key, which the query stage never sees.
func checkQueries(s *build.Site, p *build.Page) build.ErrorList {
	loc, err := s.Config.Location()
	if err != nil {
		return nil // the query stage reports the site's zone
	}
	_, errs := build.ResolveQueries(p, s.Now, loc)
	return errs
}
