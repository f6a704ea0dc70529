package events

import (
	"bytes"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/dashsmith/dashsmith/build"
)

const samplePath = "testdata/segment-events.ndjson"

// hour returns the UTC hour h of 2026-11-25, the samples' day.
func hour(h int) build.Hour {
	return build.HourOf(time.Date(2026, 11, 25, h, 0, 0, 0, time.UTC))
}

// sampleCounts is what shared/samples/README.md says the samples hold.
var sampleCounts = map[build.EventHour]int64{
	{Event: "Order Completed", Hour: hour(14)}:     2,
	{Event: "Order Completed", Hour: hour(16)}:     2,
	{Event: "Signed Up", Hour: hour(14)}:           1,
	{Event: "Viewed Pricing Page", Hour: hour(15)}: 1,
	{Event: "Loaded a Page", Hour: hour(15)}:       1,
	{Event: "Viewed Cart Screen", Hour: hour(13)}:  1,
	{Event: "Identify", Hour: hour(15)}:            1,
	{Event: "Group", Hour: hour(15)}:               1,
	{Event: "Alias", Hour: hour(15)}:               1,
	{Event: "install", Hour: hour(15)}:             2,
}

var sampleRejects = map[string]int64{RejectNoName: 1, RejectNoTime: 2, RejectBadJSON: 1}

func parse(t testing.TB, data []byte) (*build.Batch, error) {
	t.Helper()
	b := build.NewBatch("test")
	err := Parse(bytes.NewReader(data), b)
	return b, err
}

func mustParse(t testing.TB, data []byte) *build.Batch {
	t.Helper()
	b, err := parse(t, data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return b
}

func gzipBytes(t testing.TB, parts ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, p := range parts { // one gzip member per part
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write(p); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func checkSamples(t *testing.T, b *build.Batch, size int) {
	t.Helper()
	if len(b.Counts) != len(sampleCounts) {
		t.Errorf("counts = %v, want %v", b.Counts, sampleCounts)
	}
	for k, want := range sampleCounts {
		if got := b.Counts[k]; got != want {
			t.Errorf("%q at %s = %d, want %d", k.Event, k.Hour.Time().Format(time.RFC3339), got, want)
		}
	}
	if b.Stats.Accepted != 13 || b.Stats.Lines != 17 || b.Stats.Bytes != int64(size) {
		t.Errorf("stats = %+v, want 13 accepted of 17 lines, %d bytes", b.Stats, size)
	}
	if len(b.Stats.Rejected) != len(sampleRejects) {
		t.Errorf("rejected = %v, want %v", b.Stats.Rejected, sampleRejects)
	}
	for reason, want := range sampleRejects {
		if got := b.Stats.Rejected[reason]; got != want {
			t.Errorf("rejected %q = %d, want %d", reason, got, want)
		}
	}
}
