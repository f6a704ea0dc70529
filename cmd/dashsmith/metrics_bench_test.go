package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
)

// orderFiles writes a day of orders as analytics.js sends them (about 700
// bytes a line), one gzipped Segment file an hour, each order with a
// revenue drawn from a wide spread of prices, and
// returns the folder, the events and their uncompressed bytes.
func orderFiles(b *testing.B, perHour int) (dir string, n int, size int64) {
	b.Helper()
	dir = filepath.Join(b.TempDir(), "events")
	r := rand.New(rand.NewPCG(7, 13))
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for h := range 24 {
		var raw bytes.Buffer
		for i := range perHour {
			ts := start.Add(time.Duration(h)*time.Hour + time.Duration(i)*time.Hour/time.Duration(perHour)).Format("2006-01-02T15:04:05.000Z")
			revenue := float64(int(100*min(1e5, 40*r.ExpFloat64()*r.ExpFloat64()+1))) / 100
			fmt.Fprintf(&raw, `{"type":"track","event":"Order Completed","messageId":"ajs-%02d-%08d","userId":"u_%d",`+
				`"anonymousId":"a1f3c9e0-2b7d-4e5a-9c11-0f3e2d1b7a61","properties":{"order_id":"o_%d","revenue":%g,`+
				`"currency":"USD","plan":"pro","products":[{"sku":"sku-1","price":%g,"quantity":1}]},`+
				`"context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"4.1.0"},`+
				`"page":{"path":"/checkout","url":"https://shop.example.com/checkout"},"userAgent":"Mozilla/5.0",`+
				`"locale":"en-US","timezone":"America/New_York"},"integrations":{},"channel":"client","version":2,`+
				`"originalTimestamp":%q,"sentAt":%q,"receivedAt":%q,"timestamp":%q}`+"\n",
				h, i, r.IntN(20000), i, revenue, revenue, ts, ts, ts, ts)
			n++
		}
		size += int64(raw.Len())
		var gz bytes.Buffer
		w := gzip.NewWriter(&gz)
		w.Write(raw.Bytes())
		w.Close()
		path := filepath.Join(dir, fmt.Sprintf("2026-11-25/%02d/orders.gz", h))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir, n, size
}

// BenchmarkIngestPercentile ingests a day of orders (24 files of 10,000)
// into a new bolt store per iteration, side by side: the base counts
// alone, and with one percentiles(revenue) rollup besides, which p50 to
// p99 of revenue read. The goal is at most 1.3 times the count-only time.
func BenchmarkIngestPercentile(b *testing.B) {
	dir, n, size := orderFiles(b, 10_000)
	src, err := filesource.New(dir)
	if err != nil {
		b.Fatal(err)
	}
	pct := build.Rollup{Event: "Order Completed", Measure: build.Measure{Kind: "percentiles", Prop: "revenue"}}
	for _, tc := range []struct {
		name    string
		rollups []build.Rollup
	}{{"count", nil}, {"sum", []build.Rollup{{Event: pct.Event, Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}}}}, {"percentiles", []build.Rollup{pct}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				st, err := boltstore.OpenFile(filepath.Join(b.TempDir(), "rollup.db"), boltstore.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rep, err := build.Ingest(context.Background(), src, st, events.Parse, build.IngestOptions{Rollups: tc.rollups})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Accepted != int64(n) {
					b.Fatalf("accepted %d of %d events", rep.Accepted, n)
				}
				st.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
