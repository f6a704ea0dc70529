package eventgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
)

// maxLinesPerFile splits busy hours into several files, as Segment does.
const maxLinesPerFile = 5000

// malformedRate is the share of lines broken on purpose.
const malformedRate = 0.001

// write generates every hour of o into a temporary folder, in parallel, and
// renames it into place.
func write(ctx context.Context, o Options) (*Summary, error) {
	dst := filepath.Join(o.Out, "segment-logs", o.SourceID)
	if err := vacant(dst); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, fmt.Errorf("eventgen: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dst), "."+o.SourceID+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("eventgen: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op after the rename

	hours := o.Days * 24
	from := o.End.Add(-time.Duration(hours) * time.Hour)
	for d := from.Truncate(24 * time.Hour); d.Before(o.End); d = d.Add(24 * time.Hour) {
		if err := os.Mkdir(filepath.Join(tmp, dayFolder(d)), 0o755); err != nil {
			return nil, fmt.Errorf("eventgen: %w", err)
		}
	}
	sums := make([]Summary, hours)
	errs := make([]error, hours)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sums[i], errs[i] = writeHour(tmp, o, from, i, hours)
			}
		}()
	}
	for i := 0; i < hours && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("eventgen: stopped: %w", err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sum := &Summary{Dir: dst, From: from, To: o.End}
	for i := range sums {
		sum.add(&sums[i])
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("eventgen: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return nil, fmt.Errorf("eventgen: %w", err)
	}
	return sum, nil
}

// vacant checks that dst holds no files yet, and removes it when it is an
// empty folder.
func vacant(dst string) error {
	entries, err := os.ReadDir(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && len(entries) == 0 {
		return os.Remove(dst)
	}
	return fmt.Errorf("eventgen: %s already exists: delete it to generate again, or pass --out a new folder", dst)
}

// writeHour generates the events received in hour i of the range and writes
// them to one file, or more when the hour is busy.
func writeHour(dir string, o Options, from time.Time, i, hours int) (Summary, error) {
	start := from.Add(time.Duration(i) * time.Hour)
	r := rand.New(rand.NewPCG(o.Seed, uint64(start.Unix()/3600)))
	h := &hour{r: r, seed: o.Seed, from: from, frac: (float64(i) + 0.5) / float64(hours), scale: o.Scale}

	var msgs []*message
	if o.Pods > 0 {
		msgs = h.podInstalls(start, podMean(start, o.Events, hours), o.Pods)
	} else {
		mean := rate(start, h.frac, o.Scale)
		n := int(math.Round(mean + math.Sqrt(mean)*r.NormFloat64()))
		msgs = make([]*message, 0, max(n, 0))
		for range n {
			msgs = append(msgs, h.message(start.Add(ms(r, 0, 3_599_999))))
		}
	}
	sort.SliceStable(msgs, func(a, b int) bool { return msgs[a].received.Before(msgs[b].received) })

	var sum Summary
	lines := make([][]byte, len(msgs))
	for k, m := range msgs {
		switch {
		case r.Float64() >= malformedRate:
			lines[k] = m.line()
			sum.Events++
		case r.IntN(2) == 0:
			l := m.line()
			lines[k] = l[:1+r.IntN(len(l)-2)] // cut short: never a whole object
			sum.Truncated++
		default:
			m.OriginalTimestamp, m.SentAt, m.ReceivedAt, m.Timestamp = "", "", "", ""
			lines[k] = m.line()
			sum.Untimed++
		}
	}
	sum.Lines = int64(len(lines))

	day := dayFolder(start)
	for j := 0; j*maxLinesPerFile < len(lines); j++ {
		chunk := lines[j*maxLinesPerFile : min((j+1)*maxLinesPerFile, len(lines))]
		upload := start.Add(time.Hour + time.Duration(j)*2*time.Minute + ms(r, 1_000, 90_000))
		name := fmt.Sprintf("%d.%s.gz", upload.UnixMilli(), hex16(r)[:12])
		size, err := writeFile(filepath.Join(dir, day, name), chunk)
		if err != nil {
			return sum, err
		}
		sum.Files++
		sum.Bytes += size
	}
	return sum, nil
}

// gzipWriters reuses compressors, which are large to set up.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// dayFolder names the folder of files received on t's UTC day: the day's
// start in Unix milliseconds, as Segment names it.
func dayFolder(t time.Time) string {
	return fmt.Sprint(t.UTC().Truncate(24 * time.Hour).UnixMilli())
}

// writeFile writes lines, gzipped, to path. The gzip header has no name and
// no time, so the same lines always give the same bytes.
func writeFile(path string, lines [][]byte) (int64, error) {
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	zw.ModTime = time.Unix(0, 0) // "no time"; the zero time.Time would write a bogus one
	for _, l := range lines {
		zw.Write(l) // writes to a bytes.Buffer do not fail
		zw.Write([]byte("\n"))
	}
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("eventgen: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return 0, fmt.Errorf("eventgen: %w", err)
	}
	return int64(buf.Len()), nil
}
