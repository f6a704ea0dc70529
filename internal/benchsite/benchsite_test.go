package benchsite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
)

func TestWrite(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "content", "team-*", "dash-*.md"))
	if len(pages) != Pages {
		t.Errorf("%d dashboards, want %d", len(pages), Pages)
	}
	md, err := os.ReadFile(filepath.Join(dir, "content", "team-03", "dash-0023.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "title: Dashboard 0023\n") || strings.Count(string(md), "```chart\n") != 4 ||
		!strings.Contains(string(md), "event: Event 03\n") {
		t.Errorf("dashboard 23:\n%s", md)
	}

	st, err := boltstore.OpenFile(filepath.Join(dir, Store), boltstore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := st.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != Events {
		t.Fatalf("%d events in the store, want %d", len(events), Events)
	}
	// Every event is counted in every hour of the year before Now.
	first, last := build.HourOf(Now.AddDate(-1, 0, 0)), build.HourOf(Now.AddDate(-1, 0, 0))+366*24-1
	for _, e := range events {
		var idx int
		for idx = 0; idx < Events && Event(idx) != e.Event; idx++ {
		}
		want := int64(0)
		for h := first; h <= last; h++ {
			want += int64(1 + (idx*7+int(h)*13)%50)
		}
		if idx == Events || e.Total != want || e.First != first || e.Last != last {
			t.Errorf("%s: total %d over hours %d..%d; want %d over %d..%d", e.Event, e.Total, e.First, e.Last, want, first, last)
		}
	}

	if err := Write(ctx, dir); err == nil || !strings.Contains(err.Error(), "already holds") {
		t.Errorf("a second Write into the same folder: %v; want an error that it already holds a store", err)
	}
}
