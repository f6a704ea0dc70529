package main

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
)

// podHour is one pod's installs in one UTC hour.
type podHour struct {
	pod  string
	hour build.Hour
}

// rawPods counts the installs of a pods corpus per pod and UTC hour, and
// per hour, straight from its files with encoding/json: the event time is
// timestamp, else originalTimestamp, else receivedAt, and lines that are
// not JSON or have no time are left out, as the design says. files holds
// each file's installs in the order of its lines, the files in key order.
func rawPods(t *testing.T, dir string) (perPod map[podHour]int64, perHour map[build.Hour]int64, files [][]podHour) {
	t.Helper()
	perPod, perHour = map[podHour]int64{}, map[build.Hour]int64{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 1<<20)
		var lines []podHour
		for sc.Scan() {
			var m struct {
				Type, Event                              string
				Timestamp, OriginalTimestamp, ReceivedAt string
				Properties                               struct{ Dependency struct{ Name string } }
			}
			if json.Unmarshal(sc.Bytes(), &m) != nil {
				continue
			}
			at := m.Timestamp
			if at == "" {
				at = m.OriginalTimestamp
			}
			if at == "" {
				at = m.ReceivedAt
			}
			when, err := time.Parse(time.RFC3339Nano, at)
			if err != nil {
				continue
			}
			if m.Type != "track" || m.Event != "install" {
				t.Fatalf("%s: a %s %q in a pods corpus", path, m.Type, m.Event)
			}
			ph := podHour{m.Properties.Dependency.Name, build.HourOf(when)}
			perPod[ph]++
			perHour[ph.hour]++
			lines = append(lines, ph)
		}
		files = append(files, lines)
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return perPod, perHour, files
}

// ingestPods writes n small pods corpora (500 pods, 20,000 installs over
// the same two days, each its own files), and ingests one after the other
// into a new bolt store with count by dependency.name under the cap
// given: with two, each hour's pods come in two files, the second applied
// to cells the store holds already. It returns the store, the folder of
// the corpora, and the events the reports say folded.
func ingestPods(t *testing.T, n, cardinality int) (st *boltstore.Store, dir string, folded int64) {
	t.Helper()
	dir = t.TempDir()
	var err error
	st, err = boltstore.OpenFile(filepath.Join(t.TempDir(), "rollup.db"), boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	parse := build.NewParser(events.Decoder{}, build.FoldOptions{Cardinality: cardinality})
	for i := range n {
		name := string(rune('a' + i))
		out := filepath.Join(dir, name)
		sum, err := eventgen.Generate(context.Background(), eventgen.Options{
			Out: out, Seed: uint64(3 + i), Days: 2, Scale: 1, Pods: 500, Events: 20_000,
			End: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
		})
		if err != nil {
			t.Fatal(err)
		}
		src, err := filesource.New(out)
		if err != nil {
			t.Fatal(err)
		}
		// Small commits, so that a run's hours span commits too.
		rep, err := build.Ingest(context.Background(), src, st, parse, build.IngestOptions{Rollups: []build.Rollup{podsRollup}, MaxGroup: 5})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed > 0 || rep.Applied != sum.Files || rep.Accepted != sum.Events {
			t.Fatalf("corpus %s: %d of %d files applied (%d failed), %d of %d events accepted", name, rep.Applied, sum.Files, rep.Failed, rep.Accepted, sum.Events)
		}
		folded += rep.Folded
	}
	return st, dir, folded
}

// podSeries reads the hourly installs of one group over the hours of
// perHour, through the store's filter query.
func podSeries(t *testing.T, st build.Store, group string, from, to build.Hour) map[build.Hour]int64 {
	t.Helper()
	res, err := st.Query(context.Background(), build.Query{
		Event: "install", Measure: build.CountMeasure, By: "dependency.name", Filter: group,
		Every: build.Hourly, From: from.Time(), To: to.Time(), Loc: time.UTC,
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[build.Hour]int64{}
	for _, p := range res.Points {
		if p.Value != 0 {
			out[build.HourOf(p.Time)] = int64(p.Value)
		}
	}
	return out
}

// span returns the first hour of perHour and the one after its last.
func span(perHour map[build.Hour]int64) (from, to build.Hour) {
	first := true
	for h := range perHour {
		if first || h < from {
			from = h
		}
		if first || h >= to {
			to = h + 1
		}
		first = false
	}
	return from, to
}

// TestIngestPodsExact ingests two pods corpora under a cap no hour
// reaches: every pod's installs in every hour equal those counted from
// the raw files of both, and nothing folds.
func TestIngestPodsExact(t *testing.T) {
	st, dir, folded := ingestPods(t, 2, 10_000)
	perPod, perHour, _ := rawPods(t, dir)
	if folded != 0 {
		t.Fatalf("ingest folded %d events; 500 pods fit the cap", folded)
	}
	from, to := span(perHour)
	pods := map[string]bool{}
	for ph := range perPod {
		pods[ph.pod] = true
	}
	for pod := range pods {
		got := podSeries(t, st, pod, from, to)
		for h := from; h < to; h++ {
			if want := perPod[podHour{pod, h}]; got[h] != want {
				t.Errorf("%s at %s: %d installs stored, the files hold %d", pod, h.Time().Format(time.RFC3339), got[h], want)
			}
		}
	}
	if other := podSeries(t, st, build.OtherGroup, from, to); len(other) > 0 {
		t.Errorf("(other) holds %v under a cap no hour reaches", other)
	}
}

// TestIngestPodsCapped ingests a pods corpus under a cap of 20 pods an
// hour. Every hour keeps at most 20 pods, no pod more than the files
// hold, and (other) has the rest, so that the hour adds up to the files'
// count. An hour whose installs are all in one file keeps the pods that
// file ranks heaviest, as the README says: of the first 4 × 20 pods the
// file brings to the hour, the 20 with the most installs (ties to the
// first in byte order), each with exactly its installs.
func TestIngestPodsCapped(t *testing.T) {
	const limit = 20
	st, dir, reported := ingestPods(t, 1, limit)
	perPod, perHour, files := rawPods(t, dir)
	from, to := span(perHour)
	want := map[build.Hour]map[string]bool{} // the pods an hour of one file keeps
	fileOf := map[build.Hour]int{}
	for i, lines := range files {
		for _, ph := range lines {
			if j, ok := fileOf[ph.hour]; ok && j != i {
				fileOf[ph.hour] = -1 // in more than one file
			} else if !ok {
				fileOf[ph.hour] = i
			}
		}
	}
	for i, lines := range files {
		first := map[build.Hour][]string{} // the pods followed, in the order first seen
		seen := map[podHour]bool{}
		tracked := 0
		for _, ph := range lines {
			if fileOf[ph.hour] != i || seen[ph] {
				continue
			}
			if len(first[ph.hour]) < 4*limit && tracked < 2*4*limit {
				seen[ph] = true
				first[ph.hour] = append(first[ph.hour], ph.pod)
				tracked++
			}
		}
		for h, pods := range first {
			slices.SortFunc(pods, func(a, b string) int {
				return cmp.Or(cmp.Compare(perPod[podHour{b, h}], perPod[podHour{a, h}]), strings.Compare(a, b))
			})
			want[h] = map[string]bool{}
			for _, pod := range pods[:min(limit, len(pods))] {
				want[h][pod] = true
			}
		}
	}
	if len(want) < int(to-from)*3/4 {
		t.Fatalf("%d of %d hours have their installs in one file; the test needs most", len(want), to-from)
	}

	kept := map[build.Hour]map[string]bool{}
	sums := map[build.Hour]int64{}
	pods := map[string]bool{}
	for ph := range perPod {
		pods[ph.pod] = true
	}
	for pod := range pods {
		for h, n := range podSeries(t, st, pod, from, to) {
			if kept[h] == nil {
				kept[h] = map[string]bool{}
			}
			kept[h][pod] = true
			sums[h] += n
			if raw := perPod[podHour{pod, h}]; n > raw || (n != raw && want[h] != nil) {
				t.Errorf("%s at %s: %d installs stored, the files hold %d", pod, h.Time().Format(time.RFC3339), n, raw)
			}
		}
	}
	other := podSeries(t, st, build.OtherGroup, from, to)
	var folded int64
	for h := from; h < to; h++ {
		at := h.Time().Format(time.RFC3339)
		if len(kept[h]) > limit {
			t.Errorf("%s keeps %d pods, above the cap of %d", at, len(kept[h]), limit)
		}
		if w := want[h]; w != nil && !maps.Equal(kept[h], w) {
			t.Errorf("%s keeps %v, the file ranks %v heaviest", at, slices.Sorted(maps.Keys(kept[h])), slices.Sorted(maps.Keys(w)))
		}
		if sums[h]+other[h] != perHour[h] {
			t.Errorf("%s: %d installs of kept pods and %d in (other), the files hold %d", at, sums[h], other[h], perHour[h])
		}
		folded += other[h]
	}
	if folded == 0 || folded != reported {
		t.Errorf("(other) holds %d installs, ingest reported %d folded; 500 pods over a cap of %d must fold some", folded, reported, limit)
	}
}
