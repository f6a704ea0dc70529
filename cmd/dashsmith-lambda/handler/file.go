package handler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3source"
)

// object is one file a notification names.
type object struct {
	bucket, key, etag string
	size              int64
}

// file applies one object's missing rollups and logs one line. The error
// is non-nil only for a failure that a retry may fix.
func (h *Handler) file(ctx context.Context, log *slog.Logger, o object, wanted []build.Rollup) error {
	start := time.Now()
	log = log.With("bucket", o.bucket, "key", o.key)
	src := s3source.New(h.c.S3, s3source.Options{Bucket: o.bucket})
	id := s3source.ID(o.key, o.etag)
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
		return retry(log, o, fmt.Errorf("store: %w", err), start)
	}
	missing := build.Missing(wanted, done)
	if len(missing) == 0 {
		log.Info("file", "status", "already applied", "ms", ms(start))
		return nil
	}
	rc, err := src.Open(ctx, id)
	if err != nil {
		return h.fault(ctx, log, o, id, err, start)
	}
	b := build.NewBatch(id, missing...)
	b.Size, b.Dedupe = o.size, h.c.Dedupe
	err = h.c.Parse(rc, b)
	rc.Close()
	if err != nil {
		return h.fault(ctx, log, o, id, err, start)
	}
	if err := h.apply(ctx, b); err != nil {
		return retry(log, o, fmt.Errorf("store: %w", err), start)
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

// fault sorts out an S3 or parse failure: superseded, poison or retry.
func (h *Handler) fault(ctx context.Context, log *slog.Logger, o object, id string, err error, start time.Time) error {
	reason := poison(err)
	switch {
	case errors.Is(err, s3source.ErrChanged):
		log.Info("file", "status", "superseded", "error", err.Error(), "ms", ms(start))
		return nil
	case reason == "":
		return retry(log, o, err, start)
	}
	where, rerr := h.record(ctx, o, id, reason, err)
	if rerr != nil {
		log.Error("file", "status", "retry", "reason", reason, "error", err.Error(), "record_error", rerr.Error(), "ms", ms(start))
		return fmt.Errorf("%s: %s, and recording it failed: %w", o.key, reason, rerr)
	}
	log.Error("file", "status", "poison", "reason", reason, "error", err.Error(), "record", where, "ms", ms(start))
	return nil
}

// retry logs a failure that may pass when tried again and returns it.
func retry(log *slog.Logger, o object, err error, start time.Time) error {
	log.Warn("file", "status", "retry", "error", err.Error(), "ms", ms(start))
	return fmt.Errorf("%s: %w", o.key, err)
}

func ms(start time.Time) int64 { return time.Since(start).Milliseconds() }
