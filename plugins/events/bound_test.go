package events

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/dashsmith/dashsmith/build"
)

// at writes a track line of event at the i-th hour after 2020-01-01 with
// the given properties.
func at(event string, i int, props string) string {
	ts := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour).Format(time.RFC3339)
	return fmt.Sprintf(`{"type":"track","event":%q,"timestamp":%q,"properties":{%s}}`, event, ts, props) + "\n"
}

// TestParse_TooManyHours checks that a file whose times spread over more
// hours than MaxCounters allows counts what fits and rejects the rest,
// while the hours it counts already take more lines.
func TestParse_TooManyHours(t *testing.T) {
	plans := rollup(t, "Buy", "count", "plan")
	var in strings.Builder
	hours := MaxCounters/2 + 10 // Buy costs 2: its count and its rollup
	for i := range hours {
		in.WriteString(at("Buy", i, `"plan":"a"`))
	}
	in.WriteString(at("Buy", 0, `"plan":"b"`))
	b := parseRollups(t, []byte(in.String()), Options{}, 0, build.BaseRollup, plans)
	if got := b.Stats.Rejected[RejectTooManyHours]; got != 10 {
		t.Errorf("rejected %v, want 10 lines as %q", b.Stats.Rejected, RejectTooManyHours)
	}
	if b.Stats.Accepted != int64(hours-10+1) {
		t.Errorf("accepted %d, want %d: a line in an hour already counted is", b.Stats.Accepted, hours-10+1)
	}
	if len(b.Counts) != MaxCounters/2 {
		t.Errorf("%d counts, want %d", len(b.Counts), MaxCounters/2)
	}
}

// TestParse_NameCap checks that a file keeps the names the store knows
// and as many new ones as the cap has room for, the first it meets.
func TestParse_NameCap(t *testing.T) {
	var in strings.Builder
	for _, name := range []string{"old", "new1", "new2", "new1", "old", "new3"} {
		in.WriteString(track(name, 1, ""))
	}
	b := build.NewBatch("names")
	b.Names = build.NewNames(3, []string{"old", "other"}, nil) // room for 1
	if err := Parse(strings.NewReader(in.String()), b); err != nil {
		t.Fatal(err)
	}
	if got := b.Stats.Rejected[RejectTooManyNames]; got != 2 || b.Stats.Accepted != 4 {
		t.Errorf("accepted %d, rejected %v; want old and new1 kept, new2 and new3 rejected", b.Stats.Accepted, b.Stats.Rejected)
	}
	b = parseRollups(t, []byte(in.String()), Options{MaxEventNames: 2}, 0)
	if got := b.Stats.Rejected[RejectTooManyNames]; got != 2 {
		t.Errorf("without a build.Names: rejected %v, want the lines of new2 and new3", b.Stats.Rejected)
	}
}

// TestParse_TextTooLarge: a file whose text, after gzip, passes the
// limit (a gzip bomb: a few kB that unpack to gigabytes) stops being read
// there, with a ReadError that says so; a file of exactly the limit is
// read whole.
func TestParse_TextTooLarge(t *testing.T) {
	line := at("Buy", 0, `"plan":"a"`)
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write([]byte(line + strings.Repeat(" ", 1<<20) + "\n" + line))
	zw.Close()
	b := build.NewBatch("bomb")
	err := NewParser(Options{MaxTextBytes: 64 << 10})(bytes.NewReader(zb.Bytes()), b)
	var re *ReadError
	if !errors.As(err, &re) || !re.TooLarge || re.Gzip || !strings.Contains(err.Error(), "gzip bomb") {
		t.Fatalf("err = %v; want a ReadError with TooLarge", err)
	}
	if b.Stats.Bytes > 64<<10+1 {
		t.Errorf("read %d bytes of text; want it to stop at the limit", b.Stats.Bytes)
	}

	exact := []byte(line + line)
	b = build.NewBatch("exact")
	if err := NewParser(Options{MaxTextBytes: int64(len(exact))})(bytes.NewReader(exact), b); err != nil {
		t.Fatalf("a file of exactly the limit: %v", err)
	}
	if b.Stats.Accepted != 2 {
		t.Errorf("accepted %d; want 2", b.Stats.Accepted)
	}
}
