package events

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// benchLine is a realistic track call: Order Completed by user i%5000 at ts.
func benchLine(i int, ts string) string {
	return fmt.Sprintf(`{"type":"track","event":"Order Completed","messageId":"ajs-%016x","userId":"u_%d",`+
		`"anonymousId":"a1f3c9e0-2b7d-4e5a-9c11-0f3e2d1b7a61","properties":{"order_id":"o_%d","revenue":42.5,`+
		`"currency":"USD","plan":"pro","products":[{"sku":"sku-1","price":42.5,"quantity":1}]},`+
		`"context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"4.1.0"},`+
		`"page":{"path":"/checkout","url":"https://shop.example.com/checkout"},"userAgent":"Mozilla/5.0",`+
		`"locale":"en-US","timezone":"America/New_York"},"integrations":{},"channel":"client","version":2,`+
		`"originalTimestamp":%q,"sentAt":%q,"receivedAt":%q,"timestamp":%q}`,
		i, i%5000, i, ts, ts, ts, ts)
}

// benchFile returns a gzipped file of n realistic lines spread over a day,
// and its size unzipped.
func benchFile(b *testing.B, n int) ([]byte, int) {
	var buf bytes.Buffer
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ts := start.Add(time.Duration(i) * 24 * time.Hour / time.Duration(n)).Format("2006-01-02T15:04:05.000Z")
		buf.WriteString(benchLine(i, ts) + "\n")
	}
	return gzipBytes(b, buf.Bytes()), buf.Len()
}

func BenchmarkParse(b *testing.B) {
	const n = 100_000
	data, size := benchFile(b, n)
	b.SetBytes(int64(size)) // MB/s of JSON lines
	b.ResetTimer()
	for b.Loop() {
		batch := build.NewBatch("bench")
		if err := Parse(bytes.NewReader(data), batch); err != nil {
			b.Fatal(err)
		}
		if batch.Stats.Accepted != n {
			b.Fatalf("accepted %d of %d", batch.Stats.Accepted, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkParseRollups parses the same file keeping, besides the base
// counts, a sum, a unique and a breakdown of its event; with dedupe off
// and on.
func BenchmarkParseRollups(b *testing.B) {
	const n = 100_000
	data, size := benchFile(b, n)
	rs := []build.Rollup{build.BaseRollup,
		{Event: "Order Completed", Measure: build.Measure{Kind: build.Sum, Prop: "revenue"}},
		{Event: "Order Completed", Measure: build.Measure{Kind: build.Unique, Prop: "userId"}},
		{Event: "Order Completed", Measure: build.CountMeasure, By: "plan"},
	}
	for _, dedupe := range []time.Duration{0, 24 * time.Hour} {
		b.Run(fmt.Sprintf("dedupe=%v", dedupe), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				batch := build.NewBatch("bench", rs...)
				batch.Dedupe = dedupe
				if err := Parse(bytes.NewReader(data), batch); err != nil {
					b.Fatal(err)
				}
				if batch.Stats.Accepted != n || len(batch.Cells) != 24*3 {
					b.Fatalf("accepted %d of %d, %d cells", batch.Stats.Accepted, n, len(batch.Cells))
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkScan measures the scanner alone on one line.
func BenchmarkScan(b *testing.B) {
	line := []byte(benchLine(1, "2026-11-25T14:03:11.555Z"))
	var m message
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		if m.scan(line) != 0 {
			b.Fatal("rejected")
		}
	}
}
