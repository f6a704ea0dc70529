package build

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"time"
)

// ParseFunc reads one raw event file (gzipped or plain) into b. It returns an
// error only when the file cannot be read to its end; bad lines are counted
// in b.Stats and never fail the file.
type ParseFunc func(r io.Reader, b *Batch) error

// IngestOptions tune Ingest.
type IngestOptions struct {
	Workers  int                  // files parsed at once; 0 means GOMAXPROCS
	Progress func(IngestProgress) // called after each file, from one goroutine
}

// IngestProgress is the state of a running ingest.
type IngestProgress struct {
	Done, Total int   // files
	Bytes       int64 // raw bytes of the files done
	Events      int64 // events accepted so far
}

// IngestReport is what an ingest did.
type IngestReport struct {
	Files    int              `json:"files"`    // files in the source
	Applied  int              `json:"applied"`  // files applied by this run
	Skipped  int              `json:"skipped"`  // files applied by an earlier run
	Failed   int              `json:"failed"`   // files that could not be read; nothing of them applied
	Bytes    int64            `json:"bytes"`    // raw bytes read
	Lines    int64            `json:"lines"`    // lines read
	Accepted int64            `json:"accepted"` // events counted
	Rejected map[string]int64 `json:"rejected"` // lines rejected, by reason
	Errors   []FileError      `json:"errors,omitempty"`
	Seconds  float64          `json:"seconds"`
}

// FileError names a file that failed and why.
type FileError struct {
	Key string `json:"file"`
	Err string `json:"error"`
}

// RejectedTotal is the number of rejected lines.
func (r *IngestReport) RejectedTotal() int64 {
	var n int64
	for _, v := range r.Rejected {
		n += v
	}
	return n
}

// Summary is the report as one line.
func (r *IngestReport) Summary() string {
	s := fmt.Sprintf("ingest: %d files (%d new, %d already applied, %d failed), %d events accepted, %d rejected",
		r.Files, r.Applied, r.Skipped, r.Failed, r.Accepted, r.RejectedTotal())
	if len(r.Rejected) > 0 {
		reasons := make([]string, 0, len(r.Rejected))
		for k := range r.Rejected {
			reasons = append(reasons, k)
		}
		sort.Strings(reasons)
		s += " ("
		for i, k := range reasons {
			if i > 0 {
				s += ", "
			}
			s += fmt.Sprintf("%s: %d", k, r.Rejected[k])
		}
		s += ")"
	}
	return s + fmt.Sprintf(" in %.2fs", r.Seconds)
}

// Ingest applies every file of src that st has not applied yet. Files are
// parsed in parallel and each is applied whole, exactly once. A file that
// cannot be read is reported and skipped; the others go on. The error is
// non-nil only when the source or the store fails.
func Ingest(ctx context.Context, src Source, st Store, parse ParseFunc, opt IngestOptions) (*IngestReport, error) {
	start := time.Now()
	rep := &IngestReport{Rejected: map[string]int64{}}
	files, err := src.List(ctx)
	if err != nil {
		return rep, err
	}
	rep.Files = len(files)
	var todo []FileInfo
	for _, f := range files {
		done, err := st.Applied(ctx, f.Key)
		if err != nil {
			return rep, err
		}
		if done {
			rep.Skipped++
			continue
		}
		todo = append(todo, f)
	}

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type parsed struct {
		file  FileInfo
		batch *Batch
		err   error
	}
	jobs := make(chan FileInfo)
	out := make(chan parsed)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				b, err := parseFile(ctx, src, f, parse)
				select {
				case out <- parsed{f, b, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range todo {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	var applyErr error
	for p := range out {
		if applyErr != nil {
			continue
		}
		rep.Bytes += p.file.Size
		if p.err != nil {
			rep.Failed++
			rep.Errors = append(rep.Errors, FileError{Key: p.file.Key, Err: p.err.Error()})
		} else if err := st.Apply(ctx, p.batch); err != nil {
			applyErr = fmt.Errorf("apply %s: %w", p.file.Key, err)
			cancel()
			continue
		} else {
			rep.Applied++
			rep.Lines += p.batch.Stats.Lines
			rep.Accepted += p.batch.Stats.Accepted
			for k, v := range p.batch.Stats.Rejected {
				rep.Rejected[k] += v
			}
		}
		if opt.Progress != nil {
			opt.Progress(IngestProgress{Done: rep.Applied + rep.Failed, Total: len(todo), Bytes: rep.Bytes, Events: rep.Accepted})
		}
	}
	sort.Slice(rep.Errors, func(i, j int) bool { return rep.Errors[i].Key < rep.Errors[j].Key })
	rep.Seconds = time.Since(start).Seconds()
	if applyErr == nil {
		applyErr = ctx.Err()
	}
	return rep, applyErr
}

func parseFile(ctx context.Context, src Source, f FileInfo, parse ParseFunc) (*Batch, error) {
	rc, err := src.Open(ctx, f.Key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := NewBatch(f.Key)
	if err := parse(rc, b); err != nil {
		return nil, err
	}
	return b, nil
}
