package eventgen

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/events"
)

var end = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func generate(t *testing.T, o Options) (*Summary, map[string][]byte) {
	t.Helper()
	if o.Out == "" {
		o.Out = t.TempDir()
	}
	sum, err := Generate(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(o.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(o.Out, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != sum.Files {
		t.Fatalf("%d files on disk, summary says %d", len(files), sum.Files)
	}
	return sum, files
}

func gunzip(t *testing.T, data []byte) [][]byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
}

func TestGenerate(t *testing.T) {
	o := Options{Seed: 7, Days: 3, End: end, Scale: 1}
	sum, files := generate(t, o)

	t.Run("Deterministic", func(t *testing.T) {
		sum2, files2 := generate(t, o)
		a, b := *sum, *sum2
		a.Dir, b.Dir = "", ""
		if a != b {
			t.Errorf("summaries differ: %+v, %+v", a, b)
		}
		if len(files2) != len(files) {
			t.Fatalf("%d files, then %d", len(files), len(files2))
		}
		for k, data := range files {
			if !bytes.Equal(files2[k], data) {
				t.Errorf("%s differs between runs", k)
			}
		}
		_, other := generate(t, Options{Seed: 8, Days: 3, End: end, Scale: 1})
		for k, data := range other {
			if bytes.Equal(files[k], data) {
				t.Errorf("%s is the same under another seed", k)
			}
		}
	})

	t.Run("Layout", func(t *testing.T) {
		key := regexp.MustCompile(`^segment-logs/` + DefaultSourceID + `/(\d+)/(\d+)\.[0-9a-f]{12}\.gz$`)
		if sum.Files != 3*24 {
			t.Errorf("%d files, want one an hour: 72", sum.Files)
		}
		for k, data := range files {
			m := key.FindStringSubmatch(k)
			if m == nil {
				t.Fatalf("key %q does not match %s", k, key)
			}
			day, _ := strconv.ParseInt(m[1], 10, 64)
			upload, _ := strconv.ParseInt(m[2], 10, 64)
			dayStart := time.UnixMilli(day).UTC()
			if !dayStart.Equal(dayStart.Truncate(24*time.Hour)) || dayStart.Before(end.AddDate(0, 0, -3)) || !dayStart.Before(end) {
				t.Errorf("%s: day folder %s is not a UTC midnight in range", k, dayStart)
			}
			if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) || data[4]|data[5]|data[6]|data[7] != 0 || data[3] != 0 {
				t.Errorf("%s: gzip header % x has a time or a name", k, data[:10])
			}
			var hours []build.Hour
			for _, line := range gunzip(t, data) {
				var msg struct{ ReceivedAt time.Time }
				if json.Unmarshal(line, &msg) != nil || msg.ReceivedAt.IsZero() {
					continue // a malformed line
				}
				hours = append(hours, build.HourOf(msg.ReceivedAt))
			}
			if len(hours) == 0 || slices.Min(hours) != slices.Max(hours) {
				t.Errorf("%s: received in hours %v, want one", k, hours)
				continue
			}
			received := hours[0].Time()
			if !received.Truncate(24 * time.Hour).Equal(dayStart) {
				t.Errorf("%s: received %s, not on its day folder's day", k, received)
			}
			if u := time.UnixMilli(upload); !u.After(received.Add(time.Hour)) || u.After(received.Add(2*time.Hour)) {
				t.Errorf("%s: uploaded %s, want within the hour after %s", k, u, received)
			}
		}
	})

	t.Run("ParsesAsDesigned", func(t *testing.T) {
		b := build.NewBatch("all")
		for _, data := range files {
			if err := events.Parse(bytes.NewReader(data), b); err != nil {
				t.Fatal(err)
			}
		}
		want := map[string]int64{}
		if sum.Truncated > 0 {
			want[events.RejectBadJSON] = sum.Truncated
		}
		if sum.Untimed > 0 {
			want[events.RejectNoTime] = sum.Untimed
		}
		if b.Stats.Accepted != sum.Events || b.Stats.Lines != sum.Lines || len(b.Stats.Rejected) != len(want) {
			t.Errorf("stats %+v, summary %+v", b.Stats, sum)
		}
		for reason, n := range want {
			if b.Stats.Rejected[reason] != n {
				t.Errorf("rejected %q = %d, want %d", reason, b.Stats.Rejected[reason], n)
			}
		}
		names := map[string]bool{}
		for k := range b.Counts {
			names[k.Event] = true
		}
		for _, name := range []string{"Viewed Home Page", "Viewed Pricing Page", "Loaded a Page", "Signed Up", "Order Completed", "install", "Identify"} {
			if !names[name] {
				t.Errorf("no %q events", name)
			}
		}
	})
}

func TestGenerate_Errors(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	if _, err := Generate(ctx, Options{Out: out, Days: 1, End: end, Scale: 0.1}); err != nil {
		t.Fatal(err)
	}
	_, err := Generate(ctx, Options{Out: out, Days: 1, End: end, Scale: 0.1})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second run into the same folder: err = %v", err)
	}
	for _, o := range []Options{
		{Days: 0, Scale: 1},
		{Days: 1, Scale: 0},
		{Days: 1, Scale: -1},
		{Days: 1, Scale: 1, SourceID: "../x"},
	} {
		o.Out = t.TempDir()
		if _, err := Generate(ctx, o); err == nil || !strings.HasPrefix(err.Error(), "eventgen: ") {
			t.Errorf("%+v: err = %v", o, err)
		}
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	out = t.TempDir()
	if _, err := Generate(canceled, Options{Out: out, Days: 2, End: end, Scale: 1}); err == nil {
		t.Error("canceled run succeeded")
	}
	if entries, _ := os.ReadDir(filepath.Join(out, "segment-logs")); len(entries) != 0 {
		t.Errorf("canceled run left %v", entries)
	}
}
