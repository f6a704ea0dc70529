package build_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	. "github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// memSource is a Source over strings.
type memSource map[string]string

func (m memSource) List(context.Context) ([]FileInfo, error) {
	var out []FileInfo
	for k, v := range m {
		out = append(out, FileInfo{Key: k, Size: int64(len(v))})
	}
	return out, nil
}

func (m memSource) Open(_ context.Context, key string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(m[key])), nil
}

// failStore is the in-memory store, whose writes all fail with err.
type failStore struct {
	*storetest.Memory
	err error
}

func (f failStore) Apply(context.Context, *Batch) error               { return f.err }
func (f failStore) ApplyAll(context.Context, []*Batch) error          { return f.err }
func (f failStore) Applied(context.Context, string) ([]string, error) { return nil, nil }

// total is what st holds of event in hour 0: its base count, or with by
// the count of by's group named as the event.
func total(t *testing.T, st Reader, event, by string) float64 {
	t.Helper()
	q := Query{Event: event, Measure: CountMeasure, By: by, Every: Hourly, From: Hour(0).Time(), To: Hour(1).Time(), Loc: time.UTC}
	if by != "" {
		q.Filter = event
	}
	r, err := st.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("Query(%s by %q): %v", event, by, err)
	}
	return r.Total
}

// parseWords counts each word of a line as an event in hour 0; the word
// "bad" is rejected and the word "corrupt" fails the file.
func parseWords(r io.Reader, b *Batch) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		b.Stats.Lines++
		switch w := sc.Text(); w {
		case "bad":
			b.Stats.Reject("bad json")
		case "corrupt":
			return errors.New("gzip: unexpected EOF")
		default:
			b.Stats.Accepted++
			for _, r := range b.Rollups {
				if r.IsBase() {
					b.Counts[EventHour{Event: w}]++
				} else if r.Event == w {
					k := CellKey{Rollup: r, Group: w}
					if b.Cells[k] == nil {
						c, err := NewCell(r.Measure)
						if err != nil {
							return err
						}
						b.Cells[k] = c
					}
					b.Cells[k].Add(Value{})
				}
			}
		}
	}
	return nil
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	src := memSource{"a": "x\ny\nbad\n", "b": "x\nx\n", "c": "x\ncorrupt\n"}
	st := storetest.NewMemory()

	rep, err := Ingest(ctx, src, st, parseWords, IngestOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Files != 3 || rep.Applied != 2 || rep.Failed != 1 || rep.Accepted != 4 || rep.Rejected["bad json"] != 1 {
		t.Errorf("report %+v", rep)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Key != "c" {
		t.Errorf("errors %+v, want file c", rep.Errors)
	}
	if x, y := total(t, st, "x", ""), total(t, st, "y", ""); x != 3 || y != 1 {
		t.Errorf("counts x = %v, y = %v, want 3 and 1: the failed file must apply nothing", x, y)
	}
	if !strings.Contains(rep.Summary(), "2 new, 0 already applied, 1 failed") {
		t.Errorf("summary %q", rep.Summary())
	}

	t.Run("again applies nothing twice", func(t *testing.T) {
		rep, err := Ingest(ctx, src, st, parseWords, IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Skipped != 2 || rep.Applied != 0 || rep.Failed != 1 {
			t.Errorf("report %+v", rep)
		}
		if x := total(t, st, "x", ""); x != 3 {
			t.Errorf("x = %v after a second run, want 3", x)
		}
	})
	t.Run("a new rollup backfills from the files seen", func(t *testing.T) {
		byX := Rollup{Event: "x", Measure: CountMeasure, By: "word"}
		rep, err := Ingest(ctx, src, st, parseWords, IngestOptions{Rollups: []Rollup{byX}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Backfilled != 2 || rep.Applied != 0 || rep.Accepted != 0 {
			t.Errorf("report %+v, want 2 files read again and nothing new", rep)
		}
		if got := total(t, st, "x", "word"); got != 3 {
			t.Errorf("backfilled x by word = %v, want 3", got)
		}
		if x := total(t, st, "x", ""); x != 3 {
			t.Errorf("base count of x = %v after the backfill, want 3 (unchanged)", x)
		}
		rep, _ = Ingest(ctx, src, st, parseWords, IngestOptions{Rollups: []Rollup{byX}})
		if rep.Backfilled != 0 || rep.Skipped != 2 {
			t.Errorf("a second run read files again: %+v", rep)
		}
	})
	t.Run("store failure stops the run", func(t *testing.T) {
		st := failStore{storetest.NewMemory(), errors.New("disk full")}
		_, err := Ingest(ctx, memSource{"a": "x\n", "b": "y\n"}, st, parseWords, IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v, want the store's error", err)
		}
	})
}

func TestIngestReport_Summary(t *testing.T) {
	r := &IngestReport{Files: 3, Applied: 1, Backfilled: 2, Accepted: 10, Reread: 40, Rejected: map[string]int64{"bad json": 2}, Folded: 3, Seconds: 1.5}
	want := "ingest: 3 files (1 new, 0 already applied, 0 failed, 2 read again for new rollups), 10 events accepted, 2 rejected (bad json: 2) in new files; " +
		"40 events read again for new rollups; 3 events had a breakdown value folded into (other) in 1.50s"
	if got := r.Summary(); got != want {
		t.Errorf("Summary:\n got %s\nwant %s", got, want)
	}
}
