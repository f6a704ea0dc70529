package frontmatter

import (
	"sort"

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
	names := make([]string, 0, len(p.Meta.Queries))
	for name := range p.Meta.Queries {
		names = append(names, name)
	}
	sort.Strings(names)
	var errs build.ErrorList
	for _, name := range names {
		if _, err := p.Meta.Queries[name].Resolve(name, s.Now, loc); err != nil {
			errs = append(errs, build.Errorf("content/"+p.Source, p.Meta.QueryLines[name], "%v", err))
		}
	}
	return errs
}
