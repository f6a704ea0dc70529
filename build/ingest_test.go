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
	applied map[string]bool
	fail    error
}

func newMemStore() *memStore {
	return &memStore{counts: map[EventHour]int64{}, applied: map[string]bool{}}
}

func (m *memStore) Apply(_ context.Context, b *Batch) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	if m.applied[b.ID] {
		return nil
	}
	for k, v := range b.Counts {
		m.counts[k] += v
	}
	m.applied[b.ID] = true
	return nil
}
func (m *memStore) Applied(_ context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.applied[id], nil
}
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
			b.Counts[EventHour{Event: w}]++
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
	t.Run("store failure stops the run", func(t *testing.T) {
		st := newMemStore()
		st.fail = errors.New("disk full")
		_, err := Ingest(ctx, memSource{"a": "x\n", "b": "y\n"}, st, parseWords, IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v, want the store's error", err)
		}
	})
}
