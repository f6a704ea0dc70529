package handler

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/s3source"
)

// Poison is the record of a file that cannot be applied, stored as JSON
// at PoisonKey in the file's bucket.
type Poison struct {
	Bucket    string    `json:"bucket"`
	Key       string    `json:"key"`
	ETag      string    `json:"etag"`
	ID        string    `json:"id"`
	Reason    string    `json:"reason"` // corrupt gzip, object gone, access denied
	Error     string    `json:"error"`
	Time      time.Time `json:"time"`
	RequestID string    `json:"request_id,omitempty"`
}

// PoisonKey is where the record of the file id goes.
func PoisonKey(id string) string { return s3source.PoisonPrefix + id + ".json" }

// poison returns why err makes a file poison, or "" when a retry may
// fix it.
func poison(err error) string {
	var re *events.ReadError
	switch {
	case errors.As(err, &re) && re.Gzip:
		return "corrupt gzip"
	case errors.Is(err, build.ErrNotFound):
		return "object gone"
	case errors.Is(err, fs.ErrPermission):
		return "access denied"
	}
	return ""
}

// record writes the poison record of a file and returns its location.
func (h *Handler) record(ctx context.Context, o object, id, reason string, cause error) (string, error) {
	_, etag, _ := s3source.SplitID(id)
	p := Poison{Bucket: o.bucket, Key: o.key, ETag: etag, ID: id, Reason: reason, Error: cause.Error(), Time: time.Now().UTC()}
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		p.RequestID = lc.AwsRequestID
	}
	body, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return "", err
	}
	key := PoisonKey(id)
	_, err = h.c.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket:      aws.String(o.bucket),
		Key:         aws.String(key),
		Body:        bytes.NewReader(body),
		ContentType: aws.String("application/json"),
	})
	if err != nil {
		return "", err
	}
	return "s3://" + o.bucket + "/" + key, nil
}
