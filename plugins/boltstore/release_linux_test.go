package boltstore

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// mappedKB is how much of file this process has resident through its
// memory maps (the Rss lines of /proc/self/smaps for that file).
func mappedKB(t *testing.T, file string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) >= 6 && fields[5] == file // a mapping's header line
		case in && len(fields) == 3 && fields[0] == "Rss:":
			n, _ := strconv.Atoi(fields[1])
			kb += n
		}
	}
	return kb
}

// TestRelease: a commit leaves none of the store file's pages counted in
// the process's memory, so an ingest's RSS does not grow with the store.
func TestRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rollup.db")
	st := openTemp(t, path)
	defer st.Close()
	if err := st.Declare(ctx, []build.Rollup{benchSum, benchUnique, benchBy}); err != nil {
		t.Fatal(err)
	}
	for n := 0; n < 8; n++ {
		group := make([]*build.Batch, 256)
		for j := range group {
			group[j] = fileBatch(n*256 + j)
		}
		if err := st.ApplyAll(ctx, group); err != nil {
			t.Fatal(err)
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// A read brings pages in, as a commit does ...
	if _, err := st.Events(ctx); err != nil {
		t.Fatal(err)
	}
	before := mappedKB(t, path)
	if before == 0 {
		t.Fatalf("no page of %s (%d KB) resident after a read: the test cannot see the map", path, info.Size()/1024)
	}
	// ... and the next commit lets them go.
	if err := st.ApplyAll(ctx, []*build.Batch{fileBatch(99999)}); err != nil {
		t.Fatal(err)
	}
	if after := mappedKB(t, path); after > 64 {
		t.Fatalf("%d KB of the %d KB store resident after a commit (%d KB before it); want at most 64", after, info.Size()/1024, before)
	}
}
