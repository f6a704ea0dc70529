package build

import (
	"context"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// ParseFunc reads one raw event file (gzipped or not) into b, keeping the
// rollups b.Rollups names. It returns an error only when the file cannot be
// read to its end; bad lines are counted in b.Stats and never fail the file.
type ParseFunc func(r io.Reader, b *Batch) error

// MultiApplier is implemented by stores that commit many batches in one
// transaction, each still applied once per (file, rollup) and whole.
type MultiApplier interface {
	ApplyAll(ctx context.Context, bs []*Batch) error
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	Workers  int                  // files parsed at once; 0 means GOMAXPROCS
	Rollups  []Rollup             // kept besides the base counts; files that lack one are read again
	Progress func(IngestProgress) // called after each commit, from one goroutine
	MaxGroup int                  // batches per commit with a MultiApplier; 0 means DefaultMaxGroup
	Dedupe   time.Duration        // count a repeated message ID once within this window; 0 is off
	// GroupFor is how long parsed files wait for others to share their
	// commit; 0 means DefaultGroupFor. A commit costs a sync of the
	// store, whatever its size.
	GroupFor time.Duration
	// MaxEventNames caps the distinct event names of the store (see
	// Names); 0 means DefaultMaxEventNames.
	MaxEventNames int
}

// DefaultMaxGroup is how many files commit together at most.
const DefaultMaxGroup = 256

// MaxGroupCounters is how many counters (Batch.Counters) an ingest holds
// in its commits: a store holds a commit's writes in memory until it is
// done, and the next group gathers meanwhile, so each of the two closes
// at half of it (a file over that closes its group).
const MaxGroupCounters = 100000

// DefaultGroupFor is how long a parsed file waits, at most, for more to
// commit with. A file is counted (and shown in progress) when it commits.
const DefaultGroupFor = 500 * time.Millisecond

// IngestProgress is the state of a running ingest.
type IngestProgress struct {
	Done, Total int   // files
	Bytes       int64 // raw bytes of the files done
	Events      int64 // events accepted so far
}

// Ingest applies every file of src that st has not applied yet, and reads
// again the files that lack a rollup of opt.Rollups (a backfill). Files are
// read in parallel, each by ReadFile with parse (NewParser of the format's
// decoder); each is applied whole, once per rollup. A file that
// cannot be read is reported and skipped; the others go on. The error is
// non-nil only when the source or the store fails.
//
// The event names of the files are held to opt.MaxEventNames over the
// store (see Names): each file is folded under the cap's read view of the
// store, and its names are admitted as it is applied, in the order of the
// listing (ReadOptions.AdmitLater).
func Ingest(ctx context.Context, src Source, st Store, parse ParseFunc, opt IngestOptions) (*IngestReport, error) {
	start := time.Now()
	rep := &IngestReport{Rejected: map[string]int64{}}
	wanted := SortRollups(append([]Rollup{BaseRollup}, opt.Rollups...))
	if err := Declare(ctx, st, wanted[1:]); err != nil {
		return rep, err
	}
	stored, err := StoredNames(ctx, st)
	if err != nil {
		return rep, err
	}
	names := NewNames(opt.MaxEventNames, stored, wanted)
	files, err := src.List(ctx)
	if err != nil {
		return rep, err
	}
	rep.Files = len(files)
	type job struct {
		n       int // its place in the listing
		file    FileInfo
		rollups []Rollup
	}
	var todo []job
	// Files that miss the same rollups (all of them, for new files) share
	// one slice: a long listing of new files costs its names, no more.
	shared := map[string][]Rollup{}
	for _, f := range files {
		done, err := st.Applied(ctx, f.Key)
		if err != nil {
			return rep, err
		}
		missing := Missing(wanted, done)
		if len(missing) == 0 {
			rep.Skipped++
			continue
		}
		ids := make([]string, len(missing))
		for i, r := range missing {
			ids[i] = r.ID()
		}
		set := strings.Join(ids, "\n")
		if s, ok := shared[set]; ok {
			missing = s
		} else {
			shared[set] = missing
		}
		todo = append(todo, job{len(todo), f, missing})
	}

	read := ReadOptions{Parse: parse, Dedupe: opt.Dedupe, Names: names, AdmitLater: true}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type parsed struct {
		n     int
		file  FileInfo
		batch *Batch
		err   error
	}
	jobs := make(chan job)
	out := make(chan parsed, 4*workers)
	// Files are applied in the order of the listing, whichever parser
	// finishes first, so that the store ends the same however the
	// parsers raced: which breakdown groups an hour keeps under the
	// cardinality cap depends on the order files arrive in. A file waits
	// for those before it; at most window are parsed or being parsed
	// ahead of the next to apply, which bounds the memory held.
	window := 8 * workers
	slots := make(chan struct{}, window)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				b, err := ReadFile(ctx, src, j.file, j.rollups, read)
				select {
				case out <- parsed{j.n, j.file, b, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, j := range todo {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	maxGroup := opt.MaxGroup
	if maxGroup <= 0 {
		maxGroup = DefaultMaxGroup
	}
	com := newCommitter(ctx, st, rep, len(todo), opt.Progress, cancel)
	var pending commitGroup
	weight := 0 // the counters of pending
	groupFor := opt.GroupFor
	if groupFor <= 0 {
		groupFor = DefaultGroupFor
	}
	// A commit takes what has been parsed once the first file of its
	// group has waited groupFor and the previous commit is done, or at
	// maxGroup files, or once its batches hold half of MaxGroupCounters
	// counters, or at the last file. It runs while the next group gathers
	// (committer), so the two together hold what one group held when
	// commits stopped the parse.
	timer := time.NewTimer(groupFor)
	timer.Stop()
	due := false // the timer fired while a commit ran
	commit := func() {
		timer.Stop()
		due = false
		com.send(pending)
		pending, weight = commitGroup{}, 0
	}
	held := map[int]parsed{} // parsed ahead of next
	next := 0
	for open := true; open; {
		select {
		case p, ok := <-out:
			if !ok {
				open = false
				break
			}
			held[p.n] = p
			for {
				p, ok := held[next]
				if !ok {
					break
				}
				delete(held, next)
				next++
				<-slots
				switch {
				case ctx.Err() != nil: // an apply failed, or the caller gave up
				case p.err != nil:
					pending.failed = append(pending.failed, FileError{Key: p.file.Key, Err: p.err.Error()})
				default:
					names.Admit(p.batch) // in the listing's order: the same files admit the same names
					if len(pending.batches) == 0 {
						timer.Reset(groupFor)
					}
					pending.batches = append(pending.batches, p.batch)
					weight += p.batch.Counters()
					if len(pending.batches) >= maxGroup || 2*weight >= MaxGroupCounters {
						commit()
					}
				}
			}
		case <-timer.C:
			if com.busy {
				due = true
			} else {
				commit()
			}
		case <-com.done:
			com.idle()
			if due {
				commit()
			}
		}
	}
	timer.Stop()
	if ctx.Err() == nil {
		com.send(pending)
	}
	applyErr := com.wait()
	sort.Slice(rep.Errors, func(i, j int) bool { return rep.Errors[i].Key < rep.Errors[j].Key })
	rep.Seconds = time.Since(start).Seconds()
	if applyErr == nil {
		applyErr = ctx.Err()
	}
	return rep, applyErr
}

// Missing returns the rollups of wanted that a file whose applied rollup
// IDs are done has still to apply. A rollup of one event is not missing
// when its pattern (Rollup.Pattern) is in done, as the file was read for
// every event then, nor when its pattern is itself missing, as reading the
// file for the pattern keeps the rollup too.
func Missing(wanted []Rollup, done []string) []Rollup {
	have := make(map[string]bool, len(done))
	for _, id := range done {
		have[id] = true
	}
	patterns := map[string]bool{}
	for _, r := range wanted {
		if r.IsPattern() {
			patterns[r.ID()] = true
		}
	}
	var out []Rollup
	for _, r := range wanted {
		if have[r.ID()] {
			continue
		}
		if !r.IsBase() && !r.IsPattern() {
			if p := r.Pattern().ID(); have[p] || patterns[p] {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}
