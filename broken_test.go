package dashsmith_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/content"
)

// TestSite_Broken builds each dashboard of testdata/broken/ on its own and
// checks the exact errors, file and line, that a user would see.
func TestSite_Broken(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"unknown-key.md", `content/unknown-key.md:3: unknown key "descripton"`},
		{"unknown-query.md", `content/unknown-query.md:12: chart: unknown query "ordrs" (queries: orders, revenue)`},
		{"bad-range.md", `content/bad-range.md:3: query "orders": bad range "last fortnight": use last N hours|days|weeks|months, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01`},
		{"bad-measure.md", `content/bad-measure.md:6: query "revenue": unknown measure "summ(revenue)": use count, sum(property) or unique(property)`},
		{"bad-type.md", `content/bad-type.md:8: chart: unknown type "pie" (types: area, bar, line, number, stacked, table)`},
		{"bad-yaml.md", "content/bad-yaml.md:10: unknown key \"colour\"\ncontent/bad-yaml.md:15: expected a whole number, got \"tall\""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "broken", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			one := build.Func("content", func(ctx context.Context, s *build.Site) error {
				url, err := content.URL(tc.file)
				s.Pages = []*build.Page{{Source: tc.file, URL: url, Line: 1, Body: raw}}
				return err
			})
			pl := append(build.Pipeline{one}, pipeline()[1:]...)
			s := &build.Site{Store: patterned(), Now: now}
			err = pl.Run(context.Background(), s)
			var list build.ErrorList
			if err == nil || !errors.As(err, &list) || list.Error() != tc.want {
				t.Fatalf("got\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
}
