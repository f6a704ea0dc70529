package handler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3"
)

// object is one file a notification names.
type object struct {
	bucket, key, etag string
	size              int64
}

// file applies one object's missing rollups and logs one line. The error
// is non-nil only for a failure that a retry may fix. The object is read
// by build.ReadFile, as dashsmith ingest reads a file: names holds its
// event names to the store's cap.
func (h *Handler) file(ctx context.Context, log *slog.Logger, o object, wanted []build.Rollup, names *build.Names) error {
	start := time.Now()
	log = log.With("bucket", o.bucket, "key", o.key)
	src := h.c.S3.Source(o.bucket)
	id := s3.ID(o.key, o.etag)
	if o.etag == "" { // not in every notification: ask S3, so the identity is the one List gives
		fi, err := src.Stat(ctx, o.key)
		if err != nil {
			return h.fault(ctx, log, o, id, err, start)
		}
		id, o.size = fi.Key, fi.Size
	}
	log = log.With("id", id)
	done, err := h.c.Store.Applied(ctx, id)
	if err != nil {
		return h.retry(ctx, log, o, fmt.Errorf("store: %w", err), start)
	}
	missing := build.Missing(wanted, done)
	if len(missing) == 0 {
		log.Info("file", "status", "already applied", "ms", ms(start))
		return nil
	}
	if h.c.MaxFileBytes > 0 && o.size > h.c.MaxFileBytes {
		return h.fault(ctx, log, o, id, &tooLargeError{bucket: o.bucket, key: o.key, size: o.size, max: h.c.MaxFileBytes}, start)
	}
	in := &watched{Source: src}
	b, err := build.ReadFile(ctx, in, build.FileInfo{Key: id, Size: o.size}, missing,
		build.ReadOptions{Parse: h.c.Parse, Dedupe: h.c.Dedupe, Names: names})
	if err != nil && in.err != nil { // the connection failed, not the file
		return h.retry(ctx, log, o, fmt.Errorf("read s3://%s/%s: %w", o.bucket, o.key, in.err), start)
	}
	if err != nil {
		return h.fault(ctx, log, o, id, err, start)
	}
	if err := h.apply(ctx, b); err != nil {
		return h.retry(ctx, log, o, fmt.Errorf("store: %w", err), start)
	}
	status := "applied"
	if !b.HasBase() {
		status = "backfilled" // a rollup declared after the file was applied
	}
	log.Info("file", "status", status, "rollups", len(missing), "events", b.Stats.Accepted, "lines", b.Stats.Lines,
		"rejected", b.Stats.Rejected, "duplicates", b.Stats.Dups, "bytes", b.Size, "ms", ms(start))
	return nil
}

// apply commits one batch, with ApplyAll when the store has it.
func (h *Handler) apply(ctx context.Context, b *build.Batch) error {
	if m, ok := h.c.Store.(build.MultiApplier); ok {
		return m.ApplyAll(ctx, []*build.Batch{b})
	}
	return h.c.Store.Apply(ctx, b)
}

// fault sorts out an S3 or parse failure: superseded, gone, poison or
// retry (see the package doc).
func (h *Handler) fault(ctx context.Context, log *slog.Logger, o object, id string, err error, start time.Time) error {
	reason := poison(err)
	switch {
	case errors.Is(err, s3.ErrChanged):
		log.Info("file", "status", "superseded", "error", err.Error(), "ms", ms(start))
		return nil
	case errors.Is(err, build.ErrNotFound):
		log.Warn("file", "status", "gone", "error", err.Error(), "ms", ms(start))
		return nil
	case reason == "":
		return h.retry(ctx, log, o, err, start)
	}
	where, rerr := h.record(ctx, o, id, reason, err)
	if rerr != nil {
		rerr = stopped(ctx, rerr)
		log.Error("file", "status", "retry", "reason", reason, "error", err.Error(), "record_error", rerr.Error(), "ms", ms(start))
		return fmt.Errorf("%s: %s, and recording it failed: %w", o.key, reason, rerr)
	}
	log.Error("file", "status", "poison", "reason", reason, "error", err.Error(), "record", where, "ms", ms(start))
	return nil
}

// retry logs a failure that may pass when tried again and returns it.
// Past the handler's own deadline the reason is "deadline".
func (h *Handler) retry(ctx context.Context, log *slog.Logger, o object, err error, start time.Time) error {
	if ctx.Err() != nil {
		err = stopped(ctx, err)
		log.Warn("file", "status", "retry", "reason", "deadline", "error", err.Error(), "ms", ms(start))
	} else {
		log.Warn("file", "status", "retry", "error", err.Error(), "ms", ms(start))
	}
	return fmt.Errorf("%s: %w", o.key, err)
}

// stopped puts why ctx ended (the handler's deadline) in front of err.
func stopped(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	return fmt.Errorf("%w (%v)", context.Cause(ctx), err)
}

// watched is the file's source, remembering the first failure of the
// connection under the file it opens, so that a dropped connection, which
// ends a gzip stream early exactly as a truncated file does, is never
// taken for a corrupt file.
type watched struct {
	build.Source
	err error
}

func (w *watched) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	rc, err := w.Source.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	return &body{ReadCloser: rc, w: w}, nil
}

// body is a file opened by watched.
type body struct {
	io.ReadCloser
	w *watched
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && b.w.err == nil {
		b.w.err = err
	}
	return n, err
}

func ms(start time.Time) int64 { return time.Since(start).Milliseconds() }
