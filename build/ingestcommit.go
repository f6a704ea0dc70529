package build

import (
	"context"
	"fmt"
)

// commitGroup is one commit of an ingest: the batches applied together,
// and the files before them in the listing that failed to read.
type commitGroup struct {
	batches []*Batch
	failed  []FileError
}

// committer applies an ingest's commit groups one at a time, in the order
// they are sent, on a goroutine of its own: the next group is gathered,
// and more files parsed, while the store commits one. At most one group
// commits while the next is gathered, so the memory held is two groups
// and the parse window, however many files there are.
type committer struct {
	st     Store
	multi  MultiApplier // st, when it commits many batches at once
	rep    *IngestReport
	total  int // files to read
	done   int // files committed or failed so far
	onProg func(IngestProgress)
	cancel context.CancelFunc

	groups chan commitGroup
	end    chan struct{}
	err    error // the first apply error; read once end is closed
}

// newCommitter starts a committer for st that writes into rep; on an
// apply error it calls cancel and skips the groups that follow.
func newCommitter(ctx context.Context, st Store, rep *IngestReport, total int, progress func(IngestProgress), cancel context.CancelFunc) *committer {
	c := &committer{st: st, rep: rep, total: total, onProg: progress, cancel: cancel,
		groups: make(chan commitGroup), end: make(chan struct{})}
	c.multi, _ = st.(MultiApplier)
	go c.run(ctx)
	return c
}

// send hands over one group; it waits while the previous one commits.
func (c *committer) send(g commitGroup) {
	if len(g.batches) > 0 || len(g.failed) > 0 {
		c.groups <- g
	}
}

// wait closes the committer and returns the first apply error, once every
// group sent has been applied or skipped. rep is the caller's again after.
func (c *committer) wait() error {
	close(c.groups)
	<-c.end
	return c.err
}

func (c *committer) run(ctx context.Context) {
	defer close(c.end)
	for g := range c.groups {
		if c.err != nil {
			continue // drain: an earlier group failed
		}
		if c.err = c.apply(ctx, g.batches); c.err != nil {
			c.cancel()
			continue
		}
		for _, b := range g.batches {
			c.rep.count(b)
		}
		c.rep.Failed += len(g.failed)
		c.rep.Errors = append(c.rep.Errors, g.failed...)
		c.done += len(g.batches) + len(g.failed)
		if c.onProg != nil {
			c.onProg(IngestProgress{Done: c.done, Total: c.total, Bytes: c.rep.Bytes, Events: c.rep.Accepted})
		}
	}
}

// apply commits bs: in one transaction when the store can, else one by one.
func (c *committer) apply(ctx context.Context, bs []*Batch) error {
	if len(bs) == 0 {
		return nil
	}
	if c.multi != nil {
		return c.multi.ApplyAll(ctx, bs)
	}
	for _, b := range bs {
		if err := c.st.Apply(ctx, b); err != nil {
			return fmt.Errorf("apply %s: %w", b.ID, err)
		}
	}
	return nil
}
