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
//
// A commit costs the store about the same whatever its size (it rewrites
// the pages its keys fall in, and syncs), so the ingest sends a group
// only when the committer is idle (see busy) unless the group is full:
// the groups grow to what is parsed while one commits.
type committer struct {
	st     Store
	multi  MultiApplier // st, when it commits many batches at once
	rep    *IngestReport
	total  int // files to read
	files  int // files committed or failed so far
	onProg func(IngestProgress)
	cancel context.CancelFunc

	groups chan commitGroup
	done   chan struct{} // a group was applied (or skipped)
	busy   bool          // a group was sent and is not done yet
	end    chan struct{}
	err    error // the first apply error; read once end is closed
}

// newCommitter starts a committer for st that writes into rep; on an
// apply error it calls cancel and skips the groups that follow.
func newCommitter(ctx context.Context, st Store, rep *IngestReport, total int, progress func(IngestProgress), cancel context.CancelFunc) *committer {
	c := &committer{st: st, rep: rep, total: total, onProg: progress, cancel: cancel,
		groups: make(chan commitGroup), done: make(chan struct{}, 1), end: make(chan struct{})}
	c.multi, _ = st.(MultiApplier)
	go c.run(ctx)
	return c
}

// send hands over one group; it waits while the previous one commits.
// The caller is one goroutine, which receives from c.done and then calls
// idle whenever a group is done.
func (c *committer) send(g commitGroup) {
	if len(g.batches) == 0 && len(g.failed) == 0 {
		return
	}
	if c.busy {
		<-c.done
	}
	c.busy = true
	c.groups <- g
}

// idle notes that the group sent last is done: the caller received from
// c.done.
func (c *committer) idle() { c.busy = false }

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
		c.commit(ctx, g)
		c.done <- struct{}{} // read by the next send, or by the ingest's loop
	}
}

// commit applies one group and counts it in the report: its files that
// failed to read, then its batches once applied. After an apply error, it
// skips every group.
func (c *committer) commit(ctx context.Context, g commitGroup) {
	if c.err != nil {
		return // an earlier group failed
	}
	c.rep.Failed += len(g.failed)
	c.rep.Errors = append(c.rep.Errors, g.failed...)
	c.files += len(g.failed)
	if c.err = c.apply(ctx, g.batches); c.err != nil {
		c.cancel()
		return
	}
	for _, b := range g.batches {
		c.rep.count(b)
	}
	c.files += len(g.batches)
	if c.onProg != nil {
		c.onProg(IngestProgress{Done: c.files, Total: c.total, Bytes: c.rep.Bytes, Events: c.rep.Accepted})
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
