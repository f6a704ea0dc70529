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
		{"unknown-key.md", `content/unknown-key.md:3: unknown key "descripton" (did you mean "description"?)`},
		// A page with a bad key has its queries checked all the same.
		{"unknown-key-and-range.md", "content/unknown-key-and-range.md:3: unknown key \"descripton\" (did you mean \"description\"?)\n" +
			"content/unknown-key-and-range.md:5: query \"orders\": bad range \"last fortnight\": use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01\n" +
			"content/unknown-key-and-range.md:10: query \"revenue\": unknown measure \"summ(revenue)\": did you mean sum(revenue)? (measures: count, or avg, p25, p50, p75, p90, p95, p99, percentiles, sum or unique of a property, e.g. unique(userId))"},
		{"bad-weight-and-range.md", "content/bad-weight-and-range.md:3: expected a whole number, got \"heavy\"\n" +
			"content/bad-weight-and-range.md:5: query \"orders\": bad range \"last fortnight\": use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01"},
		{"unknown-query.md", `content/unknown-query.md:12: chart: unknown query "ordrs" (queries: orders, revenue)`},
		{"bad-range.md", `content/bad-range.md:3: query "orders": bad range "last fortnight": use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01`},
		{"bad-measure.md", `content/bad-measure.md:6: query "revenue": unknown measure "summ(revenue)": did you mean sum(revenue)? (measures: count, or avg, p25, p50, p75, p90, p95, p99, percentiles, sum or unique of a property, e.g. unique(userId))`},
		{"bad-type.md", `content/bad-type.md:8: chart: unknown type "donut" (types: area, bar, heatmap, line, number, pie, stacked, table)`},
		{"compare-without-range.md", "content/compare-without-range.md:3: query \"orders\": compare previous period needs a range to shift: add e.g. `range: last 30 days`"},
		{"bad-compare.md", `content/bad-compare.md:3: query "orders": compare "last week": use previous period or previous year`},
		{"filter-without-by.md", "content/filter-without-by.md:3: query \"pro\": filter \"pro\" keeps one value of a breakdown: add `by: <property>`"},
		{"bad-timezone.md", `content/bad-timezone.md:3: query "orders": timezone "Europe/Atlantis": not an IANA zone name such as America/New_York or UTC`},
		{"bad-format.md", `content/bad-format.md:10: chart: unknown format "dollars" (formats: compact, currency, duration, number, percent)`},
		{"bad-width.md", `content/bad-width.md:8: chart: width "half": use full, 1/2, 1/3, 2/3, 1/4 or 3/4`},
		{"bad-chart-keys.md", "content/bad-chart-keys.md:8: chart: unknown type \"donut\" (types: area, bar, heatmap, line, number, pie, stacked, table)\n" +
			"content/bad-chart-keys.md:10: chart: unknown format \"dollars\" (formats: compact, currency, duration, number, percent)\n" +
			"content/bad-chart-keys.md:11: chart: height 12 is out of range: use 80 to 2000 (pixels)\n" +
			"content/bad-chart-keys.md:12: chart: width \"half\": use full, 1/2, 1/3, 2/3, 1/4 or 3/4\n" +
			"content/bad-chart-keys.md:13: unknown key \"colour\""},
		{"pie-without-by.md", `content/pie-without-by.md:7: chart: type pie shares out the groups of a breakdown: give query "signups" a by: property`},
		{"heatmap-daily.md", `content/heatmap-daily.md:9: chart: type heatmap lays hours over weekdays: give query "views" every: hour`},
		{"bad-inline.md", "content/bad-inline.md:7: value: unknown query \"ordrs\" (did you mean \"orders\"?)\n" +
			"content/bad-inline.md:8: delta: query \"orders\" has nothing to compare with: add `compare: previous period` (or previous year) to it\n" +
			"content/bad-inline.md:8: unknown inline call \"valeu\" (did you mean \"value\"?)\n" +
			"content/bad-inline.md:9: value: unknown format \"dollars\" (formats: compact, currency, duration, number, percent)"},
		// Every {{ outside code is a call or an error, with the fix.
		{"broken-calls.md", "content/broken-calls.md:7: {{ value }}: the argument orders goes in double quotes: {{ value \"orders\" }}\n" +
			"content/broken-calls.md:8: {{ value }}: the argument 'orders' goes in double quotes, not single ones: {{ value \"orders\" }}\n" +
			"content/broken-calls.md:8: {{ value }}: the argument “orders” goes in straight double quotes (\"), not curly ones: {{ value \"orders\" }}\n" +
			"content/broken-calls.md:9: unknown inline call \"vale\" (did you mean \"value\"?)\n" +
			"content/broken-calls.md:9: {{ .Title }} is not a call: a call is a name and its arguments in double quotes, as {{ value \"orders\" }} (calls: delta, each, value); to write {{ as text, write \\{{\n" +
			"content/broken-calls.md:10: value: give a query and, if you like, a format: {{ value \"orders\" }} or {{ value \"revenue\" \"currency\" }}\n" +
			"content/broken-calls.md:10: {{ value }}: no \"}}\" closes it on its line: a call sits on one line, as {{ value \"orders\" }}\n" +
			"content/broken-calls.md:11: a link's address or title cannot hold a call: {{ … }} there would be published as written; put the value in the link's text, or write %7B%7B for {{ in an address"},
		// Every problem of a page at once: the query stage's does not hide
		// the charts' and the prose's.
		{"all-at-once.md", "content/all-at-once.md:3: query \"orders\": bad range \"last fortnight\": use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01\n" +
			"content/all-at-once.md:19: chart: unknown type \"lnie\" (did you mean \"line\" or \"pie\"?) (types: area, bar, heatmap, line, number, pie, stacked, table)\n" +
			"content/all-at-once.md:26: chart: height 12 is out of range: use 80 to 2000 (pixels)\n" +
			"content/all-at-once.md:31: bad YAML: the value of \"title\" holds \": \": put it in quotes, e.g. title: \"Sign-ups: all\"\n" +
			"content/all-at-once.md:34: value: unknown format \"dollars\" (formats: compact, currency, duration, number, percent)"},
		{"key-and-chart.md", "content/key-and-chart.md:3: unknown key \"descripton\" (did you mean \"description\"?)\n" +
			"content/key-and-chart.md:7: unknown key \"evry\" (did you mean \"every\"?)\n" +
			"content/key-and-chart.md:12: chart: unknown type \"barr\" (did you mean \"bar\"?) (types: area, bar, heatmap, line, number, pie, stacked, table)\n" +
			"content/key-and-chart.md:17: chart: unknown query \"ordrs\" (queries: orders)"},
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
