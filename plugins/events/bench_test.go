package events

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// benchFile returns a gzipped file of n realistic lines spread over a day,
// and its size unzipped.
func benchFile(b *testing.B, n int) ([]byte, int) {
	var buf bytes.Buffer
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ts := start.Add(time.Duration(i) * 24 * time.Hour / time.Duration(n)).Format("2006-01-02T15:04:05.000Z")
		fmt.Fprintf(&buf, `{"type":"track","event":"Order Completed","messageId":"ajs-%016x","userId":"u_%d",`+
			`"anonymousId":"a1f3c9e0-2b7d-4e5a-9c11-0f3e2d1b7a61","properties":{"order_id":"o_%d","revenue":42.5,`+
			`"currency":"USD","plan":"pro","products":[{"sku":"sku-1","price":42.5,"quantity":1}]},`+
			`"context":{"ip":"203.0.113.7","library":{"name":"analytics.js","version":"4.1.0"},`+
			`"page":{"path":"/checkout","url":"https://shop.example.com/checkout"},"userAgent":"Mozilla/5.0",`+
			`"locale":"en-US","timezone":"America/New_York"},"integrations":{},"channel":"client","version":2,`+
			`"originalTimestamp":%q,"sentAt":%q,"receivedAt":%q,"timestamp":%q}`+"\n",
			i, i%5000, i, ts, ts, ts, ts)
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
