package handler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/s3"
)

// Poison is the record of a file that cannot be applied, stored as JSON
// at PoisonKey in the file's bucket.
type Poison struct {
	Bucket    string    `json:"bucket"`
	Key       string    `json:"key"`
	ETag      string    `json:"etag"`
	ID        string    `json:"id"`
	Reason    string    `json:"reason"` // ReasonCorruptGzip, ReasonTooLarge or ReasonBadKey
	Error     string    `json:"error"`
	Time      time.Time `json:"time"`
	RequestID string    `json:"request_id,omitempty"`
}

// The reasons a file is poison: only what no retry can change.
const (
	// ReasonCorruptGzip: the object's gzip stream is broken (bad header,
	// bad deflate data, bad checksum, or it ends early) while S3 sent the
	// whole object.
	ReasonCorruptGzip = "corrupt gzip"
	// ReasonTooLarge: the object is larger than Config.MaxFileBytes, or
	// its text, after gzip, passes the parser's MaxTextBytes.
	ReasonTooLarge = "too large"
	// ReasonBadKey: the notification's object key is not URL-encoded text.
	ReasonBadKey = "bad key encoding"
)

// DefaultMaxFileBytes is the largest object the function reads unless
// DASHSMITH_MAX_FILE_BYTES says otherwise: 256 MiB of gzip, about a
// hundred times one of Segment's files, and more than a 512 MB function
// reads in its default two minutes.
const DefaultMaxFileBytes = 256 << 20

// PoisonKey is where the record of the file id goes.
func PoisonKey(id string) string { return s3.PoisonPrefix + id + ".json" }

// poison returns why err makes a file poison, or "" when a retry may
// fix it. Everything that is not known to be permanent is retryable:
// denied requests (a missing kms:Decrypt, a role not yet propagated),
// throttling, the network, the store.
func poison(err error) string {
	var (
		re  *events.ReadError
		big *tooLargeError
		bad *badKeyError
	)
	switch {
	case errors.As(err, &big):
		return ReasonTooLarge
	case errors.As(err, &bad):
		return ReasonBadKey
	case errors.As(err, &re) && re.Gzip:
		return ReasonCorruptGzip
	case errors.As(err, &re) && re.TooLarge:
		return ReasonTooLarge
	}
	return ""
}

// tooLargeError is an object over the size limit.
type tooLargeError struct {
	bucket, key string
	size, max   int64
}

func (e *tooLargeError) Error() string {
	dir := ""
	if i := strings.LastIndex(e.key, "/"); i >= 0 {
		dir = e.key[:i+1]
	}
	return fmt.Sprintf("s3://%s/%s is %d bytes, over the function's limit of %d (DASHSMITH_MAX_FILE_BYTES, the Terraform variable max_file_bytes): it may not be read before the function's timeout. Apply it with dashsmith ingest --from s3://%s/%s (no time limit; files already applied are skipped), or raise the limit with the timeout and memory",
		e.bucket, e.key, e.size, e.max, e.bucket, dir)
}

// badKeyError is a notification whose key cannot be decoded.
type badKeyError struct {
	key string
	err error
}

func (e *badKeyError) Error() string {
	return fmt.Sprintf("the notification's object key %q is not URL-encoded: %v", e.key, e.err)
}

func (e *badKeyError) Unwrap() error { return e.err }

// record writes the poison record of a file and returns its location.
func (h *Handler) record(ctx context.Context, o object, id, reason string, cause error) (string, error) {
	_, etag, _ := s3.SplitID(id)
	p := Poison{Bucket: o.bucket, Key: o.key, ETag: etag, ID: id, Reason: reason, Error: cause.Error(), Time: time.Now().UTC()}
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		p.RequestID = lc.AwsRequestID
	}
	body, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return "", err
	}
	key := PoisonKey(id)
	if err := h.c.S3.Put(ctx, o.bucket, key, body, "application/json"); err != nil {
		return "", err
	}
	return "s3://" + o.bucket + "/" + key, nil
}
