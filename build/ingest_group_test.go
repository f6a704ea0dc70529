package build_test

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	. "github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
)

// multiStore is the in-memory store, remembering the size of each group
// of files it commits.
type multiStore struct {
	*storetest.Memory
	groups  []int
	applied chan struct{} // gets a value after each commit
}

func (m *multiStore) ApplyAll(ctx context.Context, bs []*Batch) error {
	if err := m.Memory.ApplyAll(ctx, bs); err != nil {
		return err
	}
	m.groups = append(m.groups, len(bs))
	select {
	case m.applied <- struct{}{}:
	default:
	}
	return nil
}

// gatedSource holds back the file "last" until its gate is closed.
type gatedSource struct {
	memSource
	gate chan struct{}
}

// List puts "last" last, as its name says.
func (g gatedSource) List(ctx context.Context) ([]FileInfo, error) {
	fs, err := g.memSource.List(ctx)
	sort.Slice(fs, func(i, j int) bool { return fs[j].Key == "last" || (fs[i].Key != "last" && fs[i].Key < fs[j].Key) })
	return fs, err
}

func (g gatedSource) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if key == "last" {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return g.memSource.Open(ctx, key)
}

// TestIngest_Groups: files commit together (a commit syncs the store, so
// one per file would cost more than the parsing), in groups of at most
// MaxGroup, and a file never waits longer than GroupFor for company.
func TestIngest_Groups(t *testing.T) {
	ctx := context.Background()
	files := memSource{}
	for i := 0; i < 100; i++ {
		files[fmt.Sprintf("f%03d", i)] = "x\n"
	}
	t.Run("one commit for a quick run", func(t *testing.T) {
		st := &multiStore{Memory: storetest.NewMemory()}
		if _, err := Ingest(ctx, files, st, parseWords, IngestOptions{Workers: 2, GroupFor: time.Hour}); err != nil {
			t.Fatal(err)
		}
		if x := total(t, st, "x", ""); len(st.groups) != 1 || st.groups[0] != 100 || x != 100 {
			t.Fatalf("groups %v, x = %v; want one commit of 100 files", st.groups, x)
		}
	})
	t.Run("at most MaxGroup a commit", func(t *testing.T) {
		st := &multiStore{Memory: storetest.NewMemory()}
		if _, err := Ingest(ctx, files, st, parseWords, IngestOptions{Workers: 2, GroupFor: time.Hour, MaxGroup: 30}); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(st.groups) != "[30 30 30 10]" {
			t.Fatalf("groups %v, want [30 30 30 10]", st.groups)
		}
	})
	t.Run("a slow file does not hold back the others", func(t *testing.T) {
		src := gatedSource{memSource{"last": "y\n"}, make(chan struct{})}
		for k, v := range files {
			src.memSource[k] = v
		}
		st := &multiStore{Memory: storetest.NewMemory(), applied: make(chan struct{}, 1)}
		go func() {
			<-st.applied // the files parsed so far commit while "last" is still being read
			close(src.gate)
		}()
		rep, err := Ingest(ctx, src, st, parseWords, IngestOptions{Workers: 1, GroupFor: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if len(st.groups) < 2 || rep.Applied != 101 {
			t.Fatalf("groups %v, %d files applied; want the others committed before the last", st.groups, rep.Applied)
		}
		if !strings.Contains(rep.Summary(), "101 new") {
			t.Fatalf("summary %q", rep.Summary())
		}
	})
}
