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

// benchRichLine is one of three realistic calls with the context Segment's
// libraries send (20 to 30 leaves): a track call from analytics.js with a
// campaign, a screen call from analytics-ios, and an identify call with
// traits.
func benchRichLine(i int, ts string) string {
	switch i % 3 {
	case 0:
		return fmt.Sprintf(`{"type":"track","event":"Order Completed","messageId":"ajs-%016x","userId":"u_%d",`+
			`"anonymousId":"a1f3c9e0-2b7d-4e5a-9c11-0f3e2d1b7a61","properties":{"order_id":"o_%d","revenue":42.5,`+
			`"currency":"USD","plan":"pro","coupon":null,"products":[{"sku":"sku-1","price":42.5,"quantity":1}]},`+
			`"context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"npm:next-1.72.0"},`+
			`"locale":"en-US","timezone":"America/New_York","userAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",`+
			`"userAgentData":{"brands":[{"brand":"Chromium","version":"131"},{"brand":"Google Chrome","version":"131"}],"mobile":false,"platform":"macOS"},`+
			`"page":{"path":"/checkout","referrer":"https://www.google.com/","search":"?utm_source=google&utm_medium=cpc",`+
			`"title":"Checkout - Shop","url":"https://shop.example.com/checkout?utm_source=google&utm_medium=cpc"},`+
			`"campaign":{"name":"winter-sale","source":"google","medium":"cpc","term":"running shoes","content":"ad-7"},`+
			`"screen":{"width":1440,"height":900,"density":2},"traits":{"email":"ada@example.com","plan":"pro"},`+
			`"instance":{"id":"8c6f2a41-7d3e-4b8a-9f21-3e5d6c7b8a90"}},"integrations":{},"channel":"client","version":2,`+
			`"originalTimestamp":%q,"sentAt":%q,"receivedAt":%q,"timestamp":%q}`,
			i, i%5000, i, ts, ts, ts, ts)
	case 1:
		return fmt.Sprintf(`{"type":"screen","name":"Cart","messageId":"ios-%016x","userId":"u_%d",`+
			`"anonymousId":"d4c3b2a1-0f9e-48d7-a6b5-c4d3e2f1a0b9","properties":{"items":2,"total":84.99},`+
			`"context":{"app":{"build":"5210","name":"Shop","namespace":"com.example.shop","version":"5.2.1"},`+
			`"device":{"adTrackingEnabled":false,"id":"9E2D1C0B-8A7F-4E6D-5C4B-3A2910F8E7D6","manufacturer":"Apple","model":"iPhone17,1","name":"iPhone","type":"ios"},`+
			`"library":{"name":"analytics-ios","version":"4.1.8"},"locale":"en-US","network":{"bluetooth":false,"carrier":"T-Mobile","cellular":false,"wifi":true},`+
			`"os":{"name":"iOS","version":"19.1"},"screen":{"height":874,"width":402},"timezone":"America/Los_Angeles",`+
			`"traits":{"anonymousId":"d4c3b2a1-0f9e-48d7-a6b5-c4d3e2f1a0b9","userId":"u_%d"}},"integrations":{},"channel":"mobile","version":2,`+
			`"originalTimestamp":%q,"sentAt":%q,"receivedAt":%q,"timestamp":%q}`,
			i, i%5000, i%5000, ts, ts, ts, ts)
	}
	return fmt.Sprintf(`{"type":"identify","messageId":"ajs-%016x","userId":"u_%d",`+
		`"anonymousId":"b27d6a10-4c8e-41f2-8d33-71a9c0e4b512","traits":{"email":"user%d@example.com","name":"Ada Lovelace",`+
		`"plan":"pro","createdAt":"2026-01-05T10:00:00.000Z","company":{"name":"Analytical Engines","employees":12},`+
		`"address":{"city":"London","country":"UK","postalCode":"W1"}},`+
		`"context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"npm:next-1.72.0"},"locale":"en-GB",`+
		`"page":{"path":"/account","referrer":"","search":"","title":"Account","url":"https://shop.example.com/account"},`+
		`"userAgent":"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0","timezone":"Europe/London"},`+
		`"integrations":{},"channel":"client","version":2,"originalTimestamp":%q,"sentAt":%q,"receivedAt":%q,"timestamp":%q}`,
		i, i%5000, i%5000, ts, ts, ts, ts)
}

// benchFile returns a gzipped file of n realistic lines spread over a day,
// and its size unzipped.
func benchFile(b *testing.B, n int) ([]byte, int) {
	return benchFileOf(b, n, benchLine)
}

func benchFileOf(b *testing.B, n int, line func(int, string) string) ([]byte, int) {
	var buf bytes.Buffer
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ts := start.Add(time.Duration(i) * 24 * time.Hour / time.Duration(n)).Format("2006-01-02T15:04:05.000Z")
		buf.WriteString(line(i, ts) + "\n")
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

// BenchmarkParseRich parses a file of benchRichLine, whose property paths
// are mostly those of traits and context.
func BenchmarkParseRich(b *testing.B) {
	const n = 99_999
	data, size := benchFileOf(b, n, benchRichLine)
	b.SetBytes(int64(size))
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
	for _, bl := range []struct {
		name string
		line string
	}{
		{"track", benchLine(1, "2026-11-25T14:03:11.555Z")},
		{"rich", benchRichLine(0, "2026-11-25T14:03:11.555Z")},
	} {
		b.Run(bl.name, func(b *testing.B) {
			line := []byte(bl.line)
			var m message
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				if m.scan(line) != 0 {
					b.Fatal("rejected")
				}
			}
		})
	}
}
