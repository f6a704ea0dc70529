package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/eventgen"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
)

// The demo's rollups, as its dashboards ask for them.
var e2eRollups = []build.Rollup{
	{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}},
	{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}, By: "plan"},
	{Event: "Order Completed", Measure: build.Measure{Kind: build.Unique, Prop: "userId"}},
	{Event: "Signed Up", Measure: build.CountMeasure, By: "plan"},
	{Event: "Signed Up", Measure: build.CountMeasure, By: "referrer"},
}

// e2eEvents writes two days of the demo's Segment files.
func e2eEvents(t *testing.T) (*filesource.Source, time.Time) {
	t.Helper()
	end := time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)
	sum, err := eventgen.Generate(ctx, eventgen.Options{Out: t.TempDir(), Seed: 7, Days: 2, End: end, Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	// One file uploaded twice under another name: dedupe counts its
	// messages once.
	files, err := filepath.Glob(filepath.Join(sum.Dir, "*", "*.gz"))
	if err != nil || len(files) < 10 {
		t.Fatalf("eventgen's files: %v, %v", files, err)
	}
	data, err := os.ReadFile(files[9])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(strings.TrimSuffix(files[9], ".gz")+".again.gz", data, 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := filesource.New(sum.Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", sum)
	return src, end
}

func ingest(st build.Store, src build.Source) error {
	_, err := ingestReport(st, src)
	return err
}

func ingestReport(st build.Store, src build.Source) (*build.IngestReport, error) {
	return build.Ingest(ctx, src, st, events.Parse, build.IngestOptions{Rollups: e2eRollups, Dedupe: 24 * time.Hour, MaxGroup: 16})
}

// TestEndToEnd ingests the same Segment files into bbolt and DynamoDB,
// the DynamoDB side through a crash half way, a Lambda's retry and three
// concurrent deliveries of every file, and asks both every query the
// rollups answer: the results must be the same (sums to 1e-9: DynamoDB
// adds decimals, bbolt binary floats).
func TestEndToEnd(t *testing.T) {
	dyn := openTest(t)
	src, end := e2eEvents(t)
	bolt, err := boltstore.OpenFile(filepath.Join(t.TempDir(), "rollup.db"), boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	rep, err := ingestReport(bolt, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep.Summary())
	if rep.Dups == 0 {
		t.Error("bbolt found no duplicates in the file uploaded twice")
	}

	// A crash after the third transaction, then three deliveries at once
	// of every file (the crashed one's retry among them), then a retry.
	commits := 0
	dyn.afterCommit = func(int) error {
		if commits++; commits == 3 {
			return errCrash
		}
		return nil
	}
	if err := ingest(dyn, src); !errors.Is(err, errCrash) {
		t.Fatalf("ingest with a crash: %v", err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ingest(reopen(t, dyn), src)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	retry := reopen(t, dyn)
	if err := ingest(retry, src); err != nil {
		t.Fatal(err)
	}
	if retry.Writes() != 0 {
		t.Errorf("ingest of files all applied wrote %d items", retry.Writes())
	}
	same(t, bolt, dyn, end)
}

// same asks both stores every query and compares the answers.
func same(t *testing.T, want, got build.Store, end time.Time) {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	from := end.AddDate(0, 0, -3)
	rollups := append([]build.Rollup{{Event: "Order Completed"}, {Event: "Signed Up"}, {Event: "Viewed Pricing Page"}}, e2eRollups...)
	compared := 0
	for _, r := range rollups {
		for _, every := range []build.Interval{build.Hourly, build.Daily} {
			q := build.Query{Event: r.Event, Measure: r.Measure, By: r.By, Top: 3, Every: every, From: from, To: end, Loc: ny}
			if every == build.Daily {
				q.From, q.To = time.Date(2026, 4, 30, 0, 0, 0, 0, ny), time.Date(2026, 5, 3, 0, 0, 0, 0, ny)
			}
			a, err := want.Query(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			b, err := got.Query(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if a.Total == 0 {
				t.Errorf("%s every %s: bbolt's total is 0; the test data should hold some", r.ID(), every)
			}
			if d := diff(a, b); d != "" {
				t.Errorf("%s every %s: %s", r.ID(), every, d)
			}
			compared++
		}
	}
	ea, err := want.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	eb, err := got.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ea) != fmt.Sprint(eb) {
		t.Errorf("Events:\nbbolt    %v\ndynamodb %v", ea, eb)
	}
	ha, _ := build.Health(context.Background(), want)
	hb, _ := build.Health(context.Background(), got)
	if showHealth(ha) != showHealth(hb) {
		t.Errorf("Health:\nbbolt    %s\ndynamodb %s", showHealth(ha), showHealth(hb))
	}
	t.Logf("%d queries, %d events and %d days of health: the same", compared, len(ea), len(ha))
}

// diff describes how two results differ, "" when they do not.
func diff(a, b *build.Result) string {
	show := func(r *build.Result) string {
		var s strings.Builder
		fmt.Fprintf(&s, "%s folded=%v", points(r.Points, r.Total), r.Folded)
		for _, g := range r.Groups {
			fmt.Fprintf(&s, "\n  %s %s", g.Value, points(g.Points, g.Total))
		}
		return s.String()
	}
	if show(a) == show(b) {
		return ""
	}
	return "\nbbolt    " + show(a) + "\ndynamodb " + show(b)
}

// points writes values rounded to 1e-9 of the largest, so that decimal
// and binary sums compare equal.
func points(pts []build.Point, total float64) string {
	scale := math.Abs(total)
	for _, p := range pts {
		scale = max(scale, math.Abs(p.Value))
	}
	round := func(v float64) string {
		if scale == 0 {
			return "0"
		}
		return fmt.Sprint(math.Round(v/scale*1e9) / 1e9 * scale)
	}
	var s []string
	for _, p := range pts {
		s = append(s, p.Time.Format(time.RFC3339)+"="+round(p.Value))
	}
	return "[" + strings.Join(s, " ") + "] = " + round(total)
}

func showHealth(days []build.HealthDay) string {
	var s strings.Builder
	for _, d := range days {
		fmt.Fprintf(&s, "\n  %s files=%d bytes=%d events=%d rejected=%v lag=%.6g/%.6g/%d", d.Day, d.Files, d.Bytes, d.Events, d.Rejected, d.LagSum, d.LagMax, d.LagN)
	}
	return s.String()
}
