package dynamostore

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
)

// scaleEnd is the end of the pods corpus of the scale benchmarks.
var scaleEnd = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// scaleInt reads a benchmark's size from the environment, else def.
func scaleInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// podsCorpus writes a pods corpus (DASHSMITH_SCALE_PODS pods,
// DASHSMITH_SCALE_EVENTS installs over DASHSMITH_SCALE_DAYS days, one file
// an hour) and returns a source of all its files but the last hour's, and
// one of that last file alone: the hour an hourly build sees arrive.
func podsCorpus(b *testing.B) (rest, last build.Source, sum *eventgen.Summary) {
	b.Helper()
	o := eventgen.Options{Out: b.TempDir(), Seed: 14, End: scaleEnd, Scale: 1,
		Pods: scaleInt("DASHSMITH_SCALE_PODS", 20000), Events: int64(scaleInt("DASHSMITH_SCALE_EVENTS", 100000)),
		Days: scaleInt("DASHSMITH_SCALE_DAYS", 3)}
	sum, err := eventgen.Generate(ctx, o)
	if err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(sum.Dir, "*", "*.gz"))
	if err != nil || len(files) < 2 {
		b.Fatalf("the corpus's files: %v, %v", files, err)
	}
	sort.Strings(files)
	lastDir := b.TempDir()
	rel, _ := filepath.Rel(sum.Dir, files[len(files)-1])
	if err := os.MkdirAll(filepath.Dir(filepath.Join(lastDir, rel)), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(files[len(files)-1], filepath.Join(lastDir, rel)); err != nil {
		b.Fatal(err)
	}
	rs, err := filesource.New(sum.Dir)
	if err != nil {
		b.Fatal(err)
	}
	ls, err := filesource.New(lastDir)
	if err != nil {
		b.Fatal(err)
	}
	return rs, ls, sum
}

// podsParse reads Segment files with the cardinality cap of the issue's
// measurements, 10,000 values per rollup and cell (hour, or UTC day).
var podsParse = events.NewParser(events.Options{Cardinality: 10000})

// topPod is the most installed pod of a pods corpus (pod 0 of the Zipf law).
const topPod = "RiSenDB0"

// podsRollup is the breakdown of every pod page: installs by pod.
var podsRollup = build.Rollup{Event: "install", Measure: build.CountMeasure, By: "dependency.name"}

// podPage is the queries of one pod's page, as content/pods.md writes
// them: installs per day over 30 days and per hour over 2 days for the
// pod (a number card reads the first's total, no query of its own), and
// its breakdown by version (a filter keeps the pod's: the
// version is the pod's own, one group).
func podPage(b *testing.B, pod string, r build.Rollup) []build.Query {
	b.Helper()
	now := scaleEnd.Add(-time.Minute)
	specs := []build.QuerySpec{
		{Event: "install", By: r.By, Filter: pod, Every: "day", Range: "last 30 days"},
		{Event: "install", By: r.By, Filter: pod, Every: "hour", Range: "last 48 hours"},
		{Event: "install", By: r.By, Filter: pod, Every: "week", Range: "last 4 weeks"},
	}
	var qs []build.Query
	for i, s := range specs {
		s.Resolution = string(r.Resolution)
		if r.Resolution != "" && s.Every == "hour" {
			s.Every, s.Range = "day", "last 7 days"
		}
		q, err := s.Resolve(fmt.Sprintf("q%d", i), now, time.UTC)
		if err != nil {
			b.Fatal(err)
		}
		qs = append(qs, q)
	}
	return qs
}

// tableItems counts the items of the table whose partition key starts
// with prefix (a Scan: a benchmark's measure, never the store's).
func tableItems(b *testing.B, st *Store, prefix string) int64 {
	b.Helper()
	p := dynamodb.NewScanPaginator(st.db, &dynamodb.ScanInput{TableName: &st.table,
		FilterExpression:          aws.String("begins_with(#pk, :p)"),
		ExpressionAttributeNames:  map[string]string{"#pk": attrPK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str(prefix)},
		Select:                    types.SelectCount})
	n := int64(0)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			b.Fatal(err)
		}
		n += int64(page.Count)
	}
	return n
}

// BenchmarkPods measures DynamoDB at the scale of a page for every pod, on
// DynamoDB Local, by counting requests and the capacity units DynamoDB
// reports: the writes of ingesting a pods corpus with the rollup installs
// by pod; the reads of one pod's page (three queries of one pod, as a
// template with filter: $each asks) and of a top-5 breakdown over all the
// pods; and what an hourly build costs when one hour of events arrives.
// Run it with -benchtime=1x: one iteration is a whole corpus.
func BenchmarkPods(b *testing.B) {
	for _, res := range []build.Interval{"", build.Daily} {
		name := "hourly"
		if res != "" {
			name = "day"
		}
		b.Run(name, func(b *testing.B) {
			r := podsRollup
			r.Resolution = res
			for b.Loop() {
				benchPods(b, r)
			}
		})
	}
}

func benchPods(b *testing.B, r build.Rollup) {
	rest, last, sum := podsCorpus(b)
	m := &meter{}
	st := meteredTest(b, m)
	opt := build.IngestOptions{Rollups: []build.Rollup{r}, MaxGroup: 16}
	s0 := m.snap()
	rep, err := build.Ingest(ctx, rest, st, podsParse, opt)
	if err != nil || rep.Failed > 0 {
		b.Fatalf("ingest: %v %v", err, rep.Failed)
	}
	ing := m.snap().sub(s0)
	ev := float64(rep.Accepted)
	b.ReportMetric(float64(ing.reqs["TransactWriteItems"])/ev*1000, "txns/1000ev")
	b.ReportMetric(ing.wcu/ev*1000, "WCU/1000ev")
	b.ReportMetric(float64(ing.written())/ev*1000, "items/1000ev")
	b.ReportMetric(float64(ing.total())/ev*1000, "reqs/1000ev")
	b.ReportMetric(ing.read/ev*1000, "ingest-RCU/1000ev")
	b.ReportMetric(float64(tableItems(b, st, "")), "stored-items")
	cells := tableItems(b, st, "s#"+esc(r.SeriesPrefix()))
	b.ReportMetric(float64(cells), "cells")
	b.ReportMetric(float64(tableItems(b, st, "t#")), "totals-items")
	b.ReportMetric(float64(rep.Folded), "folded-events")
	b.Logf("%s: ingest of %d events (%d files): %v; items written by kind %v, %.0f WCU (estimated as AWS bills; DynamoDB Local said %.0f); breakdown cells %d",
		r.ID(), rep.Accepted, sum.Files-1, ing.reqs, ing.items, ing.wcu, ing.write, cells)

	// The pods with installs, from the group entries (as a template's
	// each lists its values), most installed first.
	var pods []string
	if err := st.partition(ctx, groupPK(r), func(it item) { pods = append(pods, unesc(getS(it, attrName))) }); err != nil {
		b.Fatal(err)
	}
	sort.Strings(pods)
	b.ReportMetric(float64(len(pods)), "pods")

	// One page of a sample of pods.
	sample := pods[:min(len(pods), 100)]
	s0 = m.snap()
	for _, pod := range sample {
		for _, q := range podPage(b, pod, r) {
			if _, err := st.Query(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	pg := m.snap().sub(s0)
	perPage := float64(pg.total()) / float64(len(sample))
	b.ReportMetric(perPage, "reqs/page")
	b.ReportMetric(pg.read/float64(len(sample)), "RCU/page")
	// The page of the most installed pod, whose series are the longest.
	s0 = m.snap()
	for _, q := range podPage(b, topPod, r) {
		if _, err := st.Query(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(m.snap().sub(s0).read, "RCU/top-page")

	// The top 5 pods over the whole range.
	q, err := build.QuerySpec{Event: "install", By: r.By, Top: 5, Every: "day", Range: "last 30 days", Resolution: string(r.Resolution)}.
		Resolve("top", scaleEnd.Add(-time.Minute), time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	s0 = m.snap()
	top, err := st.Query(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	bd := m.snap().sub(s0)
	b.ReportMetric(float64(bd.total()), "reqs/top5")
	b.ReportMetric(bd.read, "RCU/top5")
	// The same breakdown walking every group, as before group totals.
	from, to := q.Hours()
	s0 = m.snap()
	walked, err := build.Breakdown(q, func(visit func(string, map[build.Hour]*build.Cell) error) error {
		return st.walkGroups(ctx, r, from, to, visit)
	})
	if err != nil {
		b.Fatal(err)
	}
	wk := m.snap().sub(s0)
	b.ReportMetric(float64(wk.total()), "reqs/top5-walk")
	b.ReportMetric(wk.read, "RCU/top5-walk")
	if fmt.Sprint(walked.Groups) != fmt.Sprint(top.Groups) {
		b.Errorf("the top 5 from group totals %v differ from the walk's %v", top.Groups, walked.Groups)
	}
	var shown []string
	for _, g := range top.Groups {
		shown = append(shown, fmt.Sprintf("%s=%g", g.Value, g.Total))
	}
	b.Logf("top 5 of %d pods: %s; %v, %.1f RCU", len(pods), strings.Join(shown, " "), bd.reqs, bd.read)

	// Every pod with its total per month, as a template's list of its
	// values asks.
	list := q
	list.Top, list.Every = len(pods), build.Monthly
	list.From = build.Truncate(list.From, build.Monthly, time.UTC)
	list.To = build.Next(build.Truncate(list.To.Add(-time.Hour), build.Monthly, time.UTC), build.Monthly, time.UTC)
	s0 = m.snap()
	every, err := st.Query(ctx, list)
	if err != nil {
		b.Fatal(err)
	}
	ls := m.snap().sub(s0)
	b.ReportMetric(float64(ls.total()), "reqs/all-pods")
	b.ReportMetric(ls.read, "RCU/all-pods")
	if len(every.Groups) < len(pods)-1 {
		b.Errorf("the list of every pod has %d groups, want %d", len(every.Groups), len(pods))
	}

	// An hourly build: one more hour of events arrives; the pages of the
	// pods with installs in it are built again.
	s0 = m.snap()
	rep, err = build.Ingest(ctx, last, st, podsParse, opt)
	if err != nil || rep.Failed > 0 {
		b.Fatalf("ingest the last hour: %v %v", err, rep.Failed)
	}
	hr := m.snap().sub(s0)
	hourPods := podsIn(b, last)
	b.ReportMetric(float64(rep.Accepted), "hour-events")
	b.ReportMetric(hr.wcu, "hour-WCU")
	b.ReportMetric(float64(hr.written()), "hour-items")
	b.ReportMetric(float64(hourPods), "hour-pods")
	b.ReportMetric(float64(hourPods)*perPage, "hour-build-reqs")
	b.Logf("the last hour: %d events, %v, items by kind %v, %.0f WCU; %d pods had installs in it", rep.Accepted, hr.reqs, hr.items, hr.wcu, hourPods)
}

// podsIn counts the pods with installs in the files of src (the last
// hour): the pages an hourly build renders again.
func podsIn(b *testing.B, src build.Source) int {
	b.Helper()
	files, err := src.List(ctx)
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		batch, err := build.ReadFile(ctx, src, f, []build.Rollup{build.BaseRollup, podsRollup}, build.ReadOptions{Parse: events.Parse})
		if err != nil {
			b.Fatal(err)
		}
		for k := range batch.Cells {
			seen[k.Group] = true
		}
	}
	return len(seen)
}
