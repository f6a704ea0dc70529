package handler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3"
)

// Config is what a Handler works with.
type Config struct {
	Store  build.Store     // opened once per container
	S3     *s3.Client      // reads the objects, writes the poison records
	Parse  build.ParseFunc // build.NewParser of the format's decoder
	Dedupe time.Duration   // the dedupe window; 0 is off
	Log    *slog.Logger    // a JSON logger; nil discards

	// MaxFileBytes is the largest object read; a larger one is poison
	// (ReasonTooLarge). 0 means DefaultMaxFileBytes, a negative number no
	// limit.
	MaxFileBytes int64
	// Margin is how long before the function's deadline the handler
	// stops (see DefaultMargin). 0 means DefaultMargin.
	Margin time.Duration
	// MaxEventNames caps the distinct event names of the store, as
	// max_event_names does for dashsmith ingest (see build.Names); 0
	// means build.DefaultMaxEventNames.
	MaxEventNames int
}

// Handler handles S3 notifications. It is safe for concurrent use.
type Handler struct{ c Config }

// New returns a handler for c.
func New(c Config) *Handler {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.MaxFileBytes == 0 {
		c.MaxFileBytes = DefaultMaxFileBytes
	}
	if c.Margin == 0 {
		c.Margin = DefaultMargin
	}
	return &Handler{c}
}

// Handle applies every file that ev's ObjectCreated records name (see the
// package doc). It returns an error only when a file failed in a way that
// a retry may fix, and it returns before ctx's deadline (see
// DefaultMargin).
func (h *Handler) Handle(ctx context.Context, ev events.S3Event) error {
	log := h.c.Log
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		log = log.With("request_id", lc.AwsRequestID)
	}
	ctx, cancel := h.beforeDeadline(ctx)
	defer cancel()
	declared, err := build.Declared(ctx, h.c.Store)
	if err != nil {
		err = stopped(ctx, err)
		log.Error("store", "status", "retry", "error", err.Error())
		return fmt.Errorf("dashsmith-lambda: read the declared rollups (Lambda retries): %w", err)
	}
	wanted := build.SortRollups(append([]build.Rollup{build.BaseRollup}, declared...))
	stored, err := build.StoredNames(ctx, h.c.Store)
	if err != nil {
		err = stopped(ctx, err)
		log.Error("store", "status", "retry", "error", err.Error())
		return fmt.Errorf("dashsmith-lambda: read the stored event names (Lambda retries): %w", err)
	}
	names := build.NewNames(h.c.MaxEventNames, stored, wanted)
	var failed []error
	for _, r := range ev.Records {
		name := strings.TrimPrefix(r.EventName, "s3:")
		if !strings.HasPrefix(name, "ObjectCreated:") {
			log.Info("skipped", "event", r.EventName, "bucket", r.S3.Bucket.Name, "key", r.S3.Object.Key)
			continue
		}
		o := object{bucket: r.S3.Bucket.Name, key: r.S3.Object.Key, etag: r.S3.Object.ETag, size: r.S3.Object.Size}
		key, err := url.QueryUnescape(o.key) // "+" is a space, %XX a byte
		switch {
		case err != nil: // recorded under the key as sent
			flog := log.With("bucket", o.bucket, "key", o.key)
			err = h.fault(ctx, flog, o, s3.ID(o.key, o.etag), &badKeyError{key: o.key, err: err}, time.Now())
		case ctx.Err() != nil: // out of time: leave it to the retry
			o.key = key
			err = h.retry(ctx, log.With("bucket", o.bucket, "key", o.key), o, errors.New("not started"), time.Now())
		default:
			o.key = key
			err = h.file(ctx, log, o, wanted, names)
		}
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("dashsmith-lambda: %d of %d files failed and may pass when tried again (Lambda retries; files applied are skipped then): %w",
			len(failed), len(ev.Records), errors.Join(failed...))
	}
	return nil
}
