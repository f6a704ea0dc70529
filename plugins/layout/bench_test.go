package layout

import (
	"context"
	"fmt"
	"testing"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
)

// BenchmarkLayout lays out 1,000 pages in 20 folders with the default
// theme and reports the time per page.
func BenchmarkLayout(b *testing.B) {
	l := New(dashsmith.Layouts, dashsmith.Static, b.TempDir())
	body := []byte("<p>" + string(make([]byte, 4000)) + "</p>")
	pages := func() []*build.Page {
		ps := []*build.Page{{Meta: build.Meta{Title: "Home", Layout: "index"}}}
		for i := 0; i < 1000; i++ {
			ps = append(ps, &build.Page{
				Source: fmt.Sprintf("team-%02d/dash-%04d.md", i%20, i),
				URL:    fmt.Sprintf("team-%02d/dash-%04d/", i%20, i),
				Meta:   build.Meta{Title: fmt.Sprintf("Dashboard %d", i), Description: "Numbers."},
				Body:   body,
			})
		}
		return ps
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := &build.Site{Config: build.Config{Title: "Bench"}, Pages: pages(), Now: now, Through: now}
		b.StartTimer()
		if err := l.Run(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1001, "µs/page")
}
