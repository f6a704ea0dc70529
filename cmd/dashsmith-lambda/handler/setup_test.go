package handler

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	segment "github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/s3"
	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

const bucket = "segment-bucket"

// env is a handler over a fake S3 and a bolt store in a temp folder.
type env struct {
	srv   *s3test.Server
	store *boltstore.Store
	h     *Handler
	logs  *logBuffer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := boltstore.OpenFile(filepath.Join(t.TempDir(), "rollup.db"), boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{srv: s3test.New(t, bucket), store: st, logs: &logBuffer{}}
	e.h = New(Config{Store: st, S3: s3.WrapClient(e.srv.Client), Parse: segment.Parse, Log: slog.New(slog.NewJSONHandler(e.logs, nil))})
	return e
}

// put stores a gzipped file of n "Order Completed" events, as Segment
// does (Content-Encoding: gzip), and returns its notification record.
func (e *env) put(t *testing.T, key string, n int) events.S3EventRecord {
	t.Helper()
	return e.putBody(t, key, gz(t, lines("Order Completed", n)))
}

func (e *env) putBody(t *testing.T, key string, body []byte) events.S3EventRecord {
	t.Helper()
	etag := e.srv.Put(t, bucket, key, body, "gzip")
	return created(key, strings.Trim(etag, `"`), int64(len(body)))
}

// created is an ObjectCreated record as S3 sends it: the key URL-encoded
// ("+" for a space), the ETag without quotes.
func created(key, etag string, size int64) events.S3EventRecord {
	var r events.S3EventRecord
	r.EventSource, r.EventName = "aws:s3", "ObjectCreated:Put"
	r.S3.Bucket.Name = bucket
	r.S3.Object.Key = strings.ReplaceAll(url.QueryEscape(key), "%2F", "/")
	r.S3.Object.ETag = etag
	r.S3.Object.Size = size
	return r
}

func event(rs ...events.S3EventRecord) events.S3Event { return events.S3Event{Records: rs} }

func lines(name string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"type":"track","event":%q,"messageId":"m%d","timestamp":"2026-11-25T10:%02d:00Z"}`+"\n", name, i, i%60)
	}
	return b.String()
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// record reads the poison record of the file key@etag.
func (e *env) record(key, etag string) (Poison, error) {
	var p Poison
	out, err := e.srv.Client.GetObject(context.Background(), &awss3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(PoisonKey(s3.ID(key, etag)))})
	if err != nil {
		return p, err
	}
	defer out.Body.Close()
	err = json.NewDecoder(out.Body).Decode(&p)
	return p, err
}

// total is the store's count of an event.
func (e *env) total(t *testing.T, name string) int64 {
	t.Helper()
	infos, err := e.store.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range infos {
		if i.Event == name {
			return i.Total
		}
	}
	return 0
}

// logBuffer collects JSON log lines, safely across goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// lines returns the log lines whose msg is msg, decoded, and empties the
// buffer.
func (l *logBuffer) take(t *testing.T, msg string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	l.buf.Reset()
	return out
}

var _ build.Store = (*boltstore.Store)(nil)
