package handler

import (
	"context"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
	segment "github.com/dashsmith/dashsmith/plugins/events"
	_ "github.com/dashsmith/dashsmith/plugins/hll" // unique(messageId)
	"github.com/dashsmith/dashsmith/plugins/s3"
)

func TestHandler_Handle(t *testing.T) {
	ctx := context.Background()
	t.Run("Records", func(t *testing.T) {
		e := newEnv(t)
		removed := created("segment-logs/src/gone.gz", "x", 1)
		removed.EventName = "ObjectRemoved:Delete"
		ev := event(
			e.put(t, "segment-logs/src/1764028800000/1.gz", 3),
			e.put(t, "segment-logs/src/1764028800000/a b+c,d%.gz", 4), // a space, a plus, a comma, a percent
			removed,
			e.put(t, "segment-logs/src/1764028800000/3.gz", 5),
		)
		if err := e.h.Handle(ctx, ev); err != nil {
			t.Fatal(err)
		}
		if n := e.total(t, "Order Completed"); n != 12 {
			t.Errorf("total = %d; want 12 from the three files", n)
		}
		files := e.logs.take(t, "file")
		if len(files) != 3 {
			t.Fatalf("%d file log lines; want 3", len(files))
		}
		if f := files[1]; f["key"] != "segment-logs/src/1764028800000/a b+c,d%.gz" || f["status"] != "applied" || f["events"] != 4.0 || f["ms"] == nil {
			t.Errorf("log line %v", f)
		}

		t.Run("Retried", func(t *testing.T) {
			if err := e.h.Handle(ctx, ev); err != nil {
				t.Fatal(err)
			}
			if n := e.total(t, "Order Completed"); n != 12 {
				t.Errorf("total = %d after a retry; want 12", n)
			}
			for _, f := range e.logs.take(t, "file") {
				if f["status"] != "already applied" {
					t.Errorf("retry: %v", f)
				}
			}
		})
		t.Run("ScheduledIngestAgrees", func(t *testing.T) {
			// The scheduled ingest names the files as the Lambda did.
			src := s3.NewSource(e.srv.Client, s3.Options{Bucket: bucket, Prefix: "segment-logs"})
			rep, err := build.Ingest(ctx, src, e.store, segment.Parse, build.IngestOptions{})
			if err != nil || rep.Applied != 0 || rep.Skipped != 3 {
				t.Errorf("ingest after the Lambda: %s, %v; want the 3 files skipped", rep.Summary(), err)
			}
		})
	})

	t.Run("Concurrent", func(t *testing.T) {
		// Two deliveries of one notification, both past the "applied?"
		// check before either applies: the store counts the file once.
		e := newEnv(t)
		var both sync.WaitGroup
		both.Add(2)
		e.h.c.Parse = func(r io.Reader, b *build.Batch) error {
			err := segment.Parse(r, b)
			both.Done()
			both.Wait()
			return err
		}
		ev := event(e.put(t, "segment-logs/src/1/x.gz", 7))
		errs := make(chan error, 2)
		for range 2 {
			go func() { errs <- e.h.Handle(ctx, ev) }()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if n := e.total(t, "Order Completed"); n != 7 {
			t.Errorf("total = %d; want 7", n)
		}
	})

	t.Run("Poison", func(t *testing.T) {
		e := newEnv(t)
		good := e.put(t, "segment-logs/src/1/good.gz", 2)
		body := gz(t, lines("Order Completed", 50))
		corrupt := e.putBody(t, "segment-logs/src/1/corrupt.gz", body[:len(body)/2]) // truncated
		e.h.c.MaxFileBytes = int64(len(body)) - 1
		big := e.putBody(t, "segment-logs/src/1/big.gz", body)
		if err := e.h.Handle(ctx, event(corrupt, good, big)); err != nil {
			t.Fatalf("a poison file failed the invocation: %v", err)
		}
		if n := e.total(t, "Order Completed"); n != 2 {
			t.Errorf("total = %d; want 2 from the good file alone", n)
		}
		for _, c := range []struct {
			key, etag, reason string
		}{
			{"segment-logs/src/1/corrupt.gz", corrupt.S3.Object.ETag, ReasonCorruptGzip},
			{"segment-logs/src/1/big.gz", big.S3.Object.ETag, ReasonTooLarge},
		} {
			p, err := e.record(c.key, c.etag)
			if err != nil {
				t.Errorf("%s: no poison record: %v", c.key, err)
				continue
			}
			if p.Key != c.key || p.ID != s3.ID(c.key, c.etag) || p.Reason != c.reason || p.Error == "" || p.Time.IsZero() {
				t.Errorf("%s: record %+v", c.key, p)
			}
		}
		var statuses []string
		for _, f := range e.logs.take(t, "file") {
			statuses = append(statuses, f["status"].(string))
			if f["status"] == "poison" && (f["reason"] == nil || !strings.HasPrefix(f["record"].(string), "s3://"+bucket+"/.dashsmith-poison/")) {
				t.Errorf("poison log line %v", f)
			}
		}
		if !slices.Equal(statuses, []string{"poison", "applied", "poison"}) {
			t.Errorf("statuses = %q", statuses)
		}
		// The records are hidden from a listing of the whole bucket.
		files, err := s3.NewSource(e.srv.Client, s3.Options{Bucket: bucket}).List(ctx)
		if err != nil || len(files) != 3 {
			t.Errorf("listing the bucket: %v, %v; want the three files", files, err)
		}
	})

	t.Run("Retryable", func(t *testing.T) {
		t.Run("S3", func(t *testing.T) {
			e := newEnv(t)
			r := e.put(t, "segment-logs/src/1/a.gz", 2)
			e.h.c.S3 = s3.WrapClient(awss3.New(e.srv.Client.Options(), func(o *awss3.Options) {
				o.BaseEndpoint = aws.String("http://127.0.0.1:1") // nothing listens there
				o.RetryMaxAttempts = 1
			}))
			err := e.h.Handle(ctx, event(r))
			if err == nil || !strings.Contains(err.Error(), "segment-logs/src/1/a.gz") {
				t.Errorf("err = %v; want a retryable error naming the file", err)
			}
			if f := e.logs.take(t, "file"); len(f) != 1 || f[0]["status"] != "retry" || f[0]["level"] != "WARN" {
				t.Errorf("log = %v", f)
			}
		})
		t.Run("Store", func(t *testing.T) {
			e := newEnv(t)
			r := e.put(t, "segment-logs/src/1/a.gz", 2)
			e.store.Close()
			if err := e.h.Handle(ctx, event(r)); err == nil {
				t.Error("a closed store did not fail the invocation")
			}
		})
		t.Run("PoisonNotRecorded", func(t *testing.T) {
			// A poison file whose record cannot be written is retried, so
			// that the event ends in the on-failure destination, not lost.
			e := newEnv(t)
			e.h.c.MaxFileBytes = 1
			r := created("segment-logs/src/1/big.gz", "abc", 2)
			r.S3.Bucket.Name = "no-such-bucket"
			if err := e.h.Handle(ctx, event(r)); err == nil || !strings.Contains(err.Error(), "recording it failed") {
				t.Errorf("err = %v", err)
			}
		})
	})

	t.Run("Superseded", func(t *testing.T) {
		e := newEnv(t)
		old := e.put(t, "segment-logs/src/1/a.gz", 2)
		now := e.put(t, "segment-logs/src/1/a.gz", 3)
		if err := e.h.Handle(ctx, event(old, now)); err != nil {
			t.Fatal(err)
		}
		if n := e.total(t, "Order Completed"); n != 3 {
			t.Errorf("total = %d; want 3, from the current content", n)
		}
		if f := e.logs.take(t, "file"); len(f) != 2 || f[0]["status"] != "superseded" {
			t.Errorf("log = %v", f)
		}
	})

	t.Run("NoETag", func(t *testing.T) {
		e := newEnv(t)
		r := e.put(t, "segment-logs/src/1/a.gz", 2)
		etag := r.S3.Object.ETag
		r.S3.Object.ETag = ""
		if err := e.h.Handle(ctx, event(r)); err != nil {
			t.Fatal(err)
		}
		if done, err := e.store.Applied(ctx, s3.ID("segment-logs/src/1/a.gz", etag)); err != nil || len(done) != 1 {
			t.Errorf("applied under the listed identity: %v, %v", done, err)
		}
	})

	t.Run("Declared", func(t *testing.T) {
		// Rollups the scheduled ingest declared are kept by the Lambda too,
		// and backfilled from a file applied before they were declared.
		e := newEnv(t)
		before := e.put(t, "segment-logs/src/1/before.gz", 2)
		if err := e.h.Handle(ctx, event(before)); err != nil {
			t.Fatal(err)
		}
		m, _ := build.ParseMeasure("sum(revenue)")
		sum := build.Rollup{Event: "Order Completed", Measure: m}
		if err := e.store.Declare(ctx, []build.Rollup{sum}); err != nil {
			t.Fatal(err)
		}
		after := e.put(t, "segment-logs/src/1/after.gz", 3)
		if err := e.h.Handle(ctx, event(before, after)); err != nil {
			t.Fatal(err)
		}
		for _, r := range []string{"before", "after"} {
			id := s3.ID("segment-logs/src/1/"+r+".gz", map[string]string{"before": before.S3.Object.ETag, "after": after.S3.Object.ETag}[r])
			done, err := e.store.Applied(ctx, id)
			if err != nil || !slices.Contains(done, sum.ID()) || !slices.Contains(done, build.BaseRollup.ID()) {
				t.Errorf("%s: applied %q, %v", r, done, err)
			}
		}
		if n := e.total(t, "Order Completed"); n != 5 {
			t.Errorf("total = %d; want 5", n)
		}
		if f := e.logs.take(t, "file"); len(f) != 3 || f[1]["status"] != "backfilled" || f[2]["status"] != "applied" {
			t.Errorf("log = %v", f)
		}
	})

	t.Run("DeclaredPattern", func(t *testing.T) {
		// A rollup declared for every event (event "*") is kept by the
		// Lambda for each event of a file, names it never saw included.
		e := newEnv(t)
		m, _ := build.ParseMeasure("unique(messageId)")
		pattern := build.Rollup{Event: build.AnyEvent, Measure: m}
		if err := e.store.Declare(ctx, []build.Rollup{pattern}); err != nil {
			t.Fatal(err)
		}
		r := e.putBody(t, "segment-logs/src/1/mixed.gz", gz(t, lines("Signed Up", 4)+lines("Order Completed", 3)))
		if err := e.h.Handle(ctx, event(r)); err != nil {
			t.Fatal(err)
		}
		done, err := e.store.Applied(ctx, s3.ID("segment-logs/src/1/mixed.gz", r.S3.Object.ETag))
		if err != nil || !slices.Contains(done, pattern.ID()) || !slices.Contains(done, pattern.For("Signed Up").ID()) {
			t.Errorf("applied %q, %v; want the pattern and the rollup it made of each event", done, err)
		}
		for name, want := range map[string]float64{"Signed Up": 4, "Order Completed": 3} {
			res, err := e.store.Query(ctx, build.Query{Event: name, Measure: m, Every: build.Daily, Loc: time.UTC,
				From: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
			if err != nil || res.Total != want {
				t.Errorf("%s unique(messageId): %v, %v; want %v", name, res, err, want)
			}
		}
	})
}
