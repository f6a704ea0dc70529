// Package health adds the ingestion page to every site: files, bytes,
// events and rejected lines per day, the lag from event time to arrival,
// and gaps (hours with no events at all when the same hour of the week had
// some in each of the weeks before), so a broken upstream shows on the
// site. Its charts are ordinary chart blocks over results this plugin
// computes from the store's health records.
package health

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// URL is where the page goes.
const URL = "ingestion/"

// Health is the plugin; run it after query and before markdown.
type Health struct{ days int }

var _ build.Plugin = (*Health)(nil)

// New returns the plugin, showing the last days days (30 when 0).
func New(days int) *Health {
	if days <= 0 {
		days = 30
	}
	return &Health{days: days}
}

// Name implements build.Plugin.
func (*Health) Name() string { return "health" }

// Stage implements build.Staged: it adds a page of data.
func (*Health) Stage() build.Stage { return build.ExpandStage }

// Run adds the page, unless there is no store or the site has its own
// content/ingestion page. A store that keeps no ingestion record (not a
// build.HealthReader) gives a page of zeros per day, with its gaps.
func (h *Health) Run(ctx context.Context, s *build.Site) error {
	if s.Store == nil {
		return nil
	}
	for _, p := range s.Pages {
		if p.URL == URL {
			return nil
		}
	}
	records, err := build.Health(ctx, s.Store)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	to := build.Truncate(s.Now, build.Daily, time.UTC).AddDate(0, 0, 1)
	from := to.AddDate(0, 0, -h.days)
	byDay := map[string]build.HealthDay{}
	for _, r := range records {
		byDay[r.Day] = r
	}
	series := func(name string, f func(build.HealthDay) float64) *build.Result {
		q := build.Query{Name: name, Event: name, Measure: build.CountMeasure, Every: build.Daily, From: from, To: to, Loc: time.UTC}
		r := &build.Result{Query: q}
		for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
			v := f(byDay[d.Format("2006-01-02")])
			r.Points = append(r.Points, build.Point{Time: d, Value: v})
			r.Total += v
		}
		return r
	}
	data := map[string]*build.Result{
		"files":  series("Files", func(d build.HealthDay) float64 { return float64(d.Files) }),
		"mb":     series("Megabytes", func(d build.HealthDay) float64 { return float64(d.Bytes) / 1e6 }),
		"events": series("Events", func(d build.HealthDay) float64 { return float64(d.Events) }),
		"lag":    series("Mean lag", meanLag),
		"maxlag": series("Longest lag", func(d build.HealthDay) float64 { return d.LagMax }),
	}
	data["rejected"] = rejects(series, records)
	gaps, err := findGaps(ctx, s.Store, s.Now)
	if err != nil {
		return err
	}
	page := &build.Page{
		Source: "ingestion.md",
		URL:    URL,
		Meta:   build.Meta{Title: "Ingestion", Description: "Event files, events and rejected lines per day, as ingest saw them.", Weight: build.MaxWeight},
		Data:   data,
		Body:   []byte(body(gaps)),
	}
	s.Pages = append(s.Pages, page)
	return nil
}

func meanLag(d build.HealthDay) float64 {
	if d.LagN == 0 {
		return 0
	}
	return float64(int64(d.LagSum/float64(d.LagN)*10)) / 10
}

// rejects is the rejected lines per day, broken down by reason.
func rejects(series func(string, func(build.HealthDay) float64) *build.Result, records []build.HealthDay) *build.Result {
	reasons := map[string]bool{}
	for _, r := range records {
		for k := range r.Rejected {
			reasons[k] = true
		}
	}
	names := make([]string, 0, len(reasons))
	for k := range reasons {
		names = append(names, k)
	}
	sort.Strings(names)
	all := series("Rejected lines", func(d build.HealthDay) float64 {
		var n int64
		for _, v := range d.Rejected {
			n += v
		}
		return float64(n)
	})
	all.Query.By = "reason"
	all.Query.Top = len(names)
	for _, k := range names {
		g := series(k, func(d build.HealthDay) float64 { return float64(d.Rejected[k]) })
		all.Groups = append(all.Groups, build.Group{Value: k, Points: g.Points, Total: g.Total})
	}
	return all
}

// body is the page's Markdown: charts over the results in Data, then gaps.
func body(gaps []time.Time) string {
	var b strings.Builder
	b.WriteString("What ingest applied, by the UTC day the files arrived. A day without files, a jump in rejected lines or a growing lag is an upstream to look at.\n\n")
	// The lags are seconds, written as a reader says them (33 h 20 min).
	for _, c := range []struct{ typ, query, title, width, format string }{
		{"number", "files", "Files, last 30 days", "1/3", ""},
		{"number", "events", "Events, last 30 days", "1/3", ""},
		{"number", "rejected", "Rejected lines, last 30 days", "1/3", ""},
		{"bar", "files", "Files per day", "1/2", ""},
		{"bar", "events", "Events per day", "1/2", ""},
		{"stacked", "rejected", "Rejected lines per day, by reason", "full", ""},
		{"line", "lag", "Mean lag from event time to arrival", "1/2", "duration"},
		{"line", "maxlag", "Longest lag", "1/2", "duration"},
	} {
		fmt.Fprintf(&b, "```chart\ntype: %s\nquery: %s\ntitle: %s\nwidth: %s\n", c.typ, c.query, c.title, c.width)
		if c.format != "" {
			fmt.Fprintf(&b, "format: %s\n", c.format)
		}
		b.WriteString("```\n\n")
	}
	b.WriteString("## Gaps\n\n")
	if len(gaps) == 0 {
		b.WriteString("No gaps in the last 7 days: every hour that usually has events had some.\n")
		return b.String()
	}
	b.WriteString("Hours of the last 7 days with no events at all, though the same hour of the week had events in each of the 3 weeks before:\n\n")
	for _, g := range gaps {
		fmt.Fprintf(&b, "- %s UTC\n", g.Format("Mon 2006-01-02 15:04"))
	}
	return b.String()
}
