package build

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
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

// memStore is the smallest Store: counts in a map, applied IDs in a set.
type memStore struct {
	mu      sync.Mutex
	counts  map[EventHour]int64
	cells   map[CellKey]float64
	applied map[string]map[string]bool // file -> rollup IDs
	fail    error
	commits int
}

func newMemStore() *memStore {
	return &memStore{counts: map[EventHour]int64{}, cells: map[CellKey]float64{}, applied: map[string]map[string]bool{}}
}

func (m *memStore) Apply(_ context.Context, b *Batch) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.commits++
	if m.applied[b.ID] == nil {
		m.applied[b.ID] = map[string]bool{}
	}
	done := m.applied[b.ID]
	for _, r := range b.Rollups {
		if done[r.ID()] {
			continue
		}
		done[r.ID()] = true
		if r.IsBase() {
			for k, v := range b.Counts {
				m.counts[k] += v
			}
			continue
		}
		for k, c := range b.Cells {
			if k.Rollup == r {
				m.cells[k] += c.Value()
			}
		}
	}
	return nil
}
func (m *memStore) Applied(_ context.Context, id string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []string
	for k := range m.applied[id] {
		ids = append(ids, k)
	}
	return ids, nil
}
func (m *memStore) Declare(context.Context, []Rollup) error       { return nil }
func (m *memStore) Declared(context.Context) ([]Rollup, error)    { return nil, nil }
func (m *memStore) Health(context.Context) ([]HealthDay, error)   { return nil, nil }
func (m *memStore) Query(context.Context, Query) (*Result, error) { return nil, errors.New("unused") }
func (m *memStore) Events(context.Context) ([]EventInfo, error)   { return nil, nil }
func (m *memStore) Close() error                                  { return nil }

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
						b.Cells[k] = nCell(0)
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
	st := newMemStore()

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
	if st.counts[EventHour{Event: "x"}] != 3 || st.counts[EventHour{Event: "y"}] != 1 {
		t.Errorf("counts %v: the failed file must apply nothing", st.counts)
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
		if st.counts[EventHour{Event: "x"}] != 3 {
			t.Errorf("x = %d after a second run, want 3", st.counts[EventHour{Event: "x"}])
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
		if got := st.cells[CellKey{Rollup: byX, Group: "x"}]; got != 3 {
			t.Errorf("backfilled x by word = %v, want 3", got)
		}
		if st.counts[EventHour{Event: "x"}] != 3 {
			t.Errorf("base count of x = %d after the backfill, want 3 (unchanged)", st.counts[EventHour{Event: "x"}])
		}
		rep, _ = Ingest(ctx, src, st, parseWords, IngestOptions{Rollups: []Rollup{byX}})
		if rep.Backfilled != 0 || rep.Skipped != 2 {
			t.Errorf("a second run read files again: %+v", rep)
		}
	})
	t.Run("store failure stops the run", func(t *testing.T) {
		st := newMemStore()
		st.fail = errors.New("disk full")
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
