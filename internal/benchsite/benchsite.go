// Package benchsite writes the 1,000-dashboard site of the build
// benchmarks: 1,000 dashboards in 20 folders, 4 charts each, over a year
// of hourly counts of 20 events, with a bolt store already filled. The Go
// benchmarks of cmd/dashsmith (BenchmarkBuild1000 and the others) and
// make bench-scale (through cmd/benchsite) build the same site, so their
// figures compare.
package benchsite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
)

// The site's shape.
const (
	Pages   = 1000 // dashboards
	Folders = 20   // folders of content/ they are spread over
	Events  = 20   // event names the store counts
	Store   = "rollup.db"
)

// Now is the "as of" instant the site is built at: the store's year of
// hours ends at it.
var Now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// Write writes the site into dir (created if need be): dashsmith.yaml,
// content/ and Store, a bolt store filled with a year of hourly counts
// up to Now, made directly as batches, one per day (no event files to
// parse). dir must not hold a store already.
func Write(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, Store)); err == nil {
		return fmt.Errorf("benchsite: %s already holds %s: write into a new folder", dir, Store)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("title: Bench\nstore: bolt:"+Store+"\n"), 0o644); err != nil {
		return err
	}
	for i := 0; i < Pages; i++ {
		path := filepath.Join(dir, "content", fmt.Sprintf("team-%02d", i%Folders), fmt.Sprintf("dash-%04d.md", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(Dashboard(i)), 0o644); err != nil {
			return err
		}
	}
	st, err := boltstore.OpenFile(filepath.Join(dir, Store), boltstore.Options{})
	if err != nil {
		return err
	}
	if err := st.ApplyAll(ctx, batches()); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}

// batches are the store's counts: a year of hours before Now, one batch a
// day, every event counted every hour (1 to 50, varying by event and hour).
func batches() []*build.Batch {
	start := build.HourOf(Now.AddDate(-1, 0, 0))
	var out []*build.Batch
	for day := 0; day < 366; day++ {
		bt := build.NewBatch(fmt.Sprintf("day-%03d", day))
		for h := 0; h < 24; h++ {
			hour := start + build.Hour(day*24+h)
			for e := 0; e < Events; e++ {
				bt.Counts[build.EventHour{Event: Event(e), Hour: hour}] = int64(1 + (e*7+int(hour)*13)%50)
			}
		}
		out = append(out, bt)
	}
	return out
}

// Event is the name of event e, 0 to Events-1.
func Event(e int) string { return fmt.Sprintf("Event %02d", e) }

// Dashboard is dashboard i: a number, a line, a bar and a table over one
// of the events, so that pages share their queries.
func Dashboard(i int) string {
	ev := Event(i % Events)
	return fmt.Sprintf(`---
title: Dashboard %04d
description: %s, by the hour, day, week and month.
queries:
  days:
    event: %s
    every: day
    range: last 30 days
  hours:
    event: %s
    every: hour
    range: last 7 days
  weeks:
    event: %s
    every: week
    range: last 52 weeks
  months:
    event: %s
    every: month
    range: last 12 months
---
How %s went.

`+"```chart\ntype: number\nquery: days\ntitle: Last 30 days\n```\n\n"+
		"```chart\ntype: line\nquery: hours\ntitle: Per hour\n```\n\n"+
		"```chart\ntype: bar\nquery: weeks\ntitle: Per week\n```\n\n"+
		"```chart\ntype: table\nquery: months\ntitle: Per month\n```\n", i, ev, ev, ev, ev, ev, ev)
}
