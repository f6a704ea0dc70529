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
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
)

// Config is what a Handler works with.
type Config struct {
	Store  build.Store     // opened once per container
	S3     *s3.Client      // reads the objects, writes the poison records
	Parse  build.ParseFunc // events.NewParser(...)
	Dedupe time.Duration   // the dedupe window; 0 is off
	Log    *slog.Logger    // a JSON logger; nil discards
}

// Handler handles S3 notifications. It is safe for concurrent use.
type Handler struct{ c Config }

// New returns a handler for c.
func New(c Config) *Handler {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return &Handler{c}
}

// Handle applies every file that ev's ObjectCreated records name (see the
// package doc). It returns an error only when a file failed in a way that
// a retry may fix.
func (h *Handler) Handle(ctx context.Context, ev events.S3Event) error {
	log := h.c.Log
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		log = log.With("request_id", lc.AwsRequestID)
	}
	declared, err := h.c.Store.Declared(ctx)
	if err != nil {
		log.Error("store", "status", "retry", "error", err.Error())
		return fmt.Errorf("dashsmith-lambda: read the declared rollups (Lambda retries): %w", err)
	}
	wanted := build.SortRollups(append([]build.Rollup{build.BaseRollup}, declared...))
	var failed []error
	for _, r := range ev.Records {
		name := strings.TrimPrefix(r.EventName, "s3:")
		if !strings.HasPrefix(name, "ObjectCreated:") {
			log.Info("skipped", "event", r.EventName, "bucket", r.S3.Bucket.Name, "key", r.S3.Object.Key)
			continue
		}
		key, err := url.QueryUnescape(r.S3.Object.Key) // "+" is a space, %XX a byte
		if err != nil {
			log.Error("file", "status", "poison", "reason", "bad key encoding", "bucket", r.S3.Bucket.Name, "key", r.S3.Object.Key)
			continue
		}
		o := object{bucket: r.S3.Bucket.Name, key: key, etag: r.S3.Object.ETag, size: r.S3.Object.Size}
		if err := h.file(ctx, log, o, wanted); err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("dashsmith-lambda: %d of %d files failed and may pass when tried again (Lambda retries; files applied are skipped then): %w",
			len(failed), len(ev.Records), errors.Join(failed...))
	}
	return nil
}
