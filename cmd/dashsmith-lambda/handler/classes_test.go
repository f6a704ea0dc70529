package handler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	segment "github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/s3"
)

// TestHandler_Classes: each way a file can fail, and what the handler
// does with it. Retryable: the invocation fails (Lambda tries again, then
// the failure destination gets the event) and no poison record is
// written. Poison: recorded, logged, and the invocation succeeds. Gone:
// logged and skipped.
func TestHandler_Classes(t *testing.T) {
	ctx := context.Background()
	const key = "segment-logs/src/1/a.gz"
	// S3's own answers, as its REST API sends them.
	for _, c := range []struct {
		name, code, msg string
		status          int
	}{
		{"AccessDenied", "AccessDenied", "Access Denied", http.StatusForbidden},
		{"KMSDecryptDenied", "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/dashsmith-lambda/dashsmith is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd because no identity-based policy allows the kms:Decrypt action", http.StatusForbidden},
		{"KMSKeyDisabled", "KMS.DisabledException", "arn:aws:kms:us-east-1:123456789012:key/1234abcd is disabled.", http.StatusBadRequest},
		{"KMSThrottled", "KMS.ThrottlingException", "Rate exceeded", http.StatusServiceUnavailable},
		{"SlowDown", "SlowDown", "Please reduce your request rate.", http.StatusServiceUnavailable},
		{"InternalError", "InternalError", "We encountered an internal error. Please try again.", http.StatusInternalServerError},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			r := e.put(t, key, 2)
			e.h.c.S3 = answering(t, e, c.status, c.code, c.msg)
			err := e.h.Handle(ctx, event(r))
			if err == nil || !strings.Contains(err.Error(), key) || !strings.Contains(err.Error(), c.code) {
				t.Errorf("err = %v; want a retryable error naming the file and %s", err, c.code)
			}
			e.wantStatus(t, "retry")
			e.wantNoRecords(t)
		})
	}
	t.Run("KMSHint", func(t *testing.T) {
		// A key policy or IAM statement is the fix: the log line says so.
		e := newEnv(t)
		r := e.put(t, key, 2)
		e.h.c.S3 = answering(t, e, http.StatusForbidden, "AccessDenied", "not authorized to perform: kms:Decrypt")
		err := e.h.Handle(ctx, event(r))
		if err == nil || !strings.Contains(err.Error(), "kms:Decrypt") || !strings.Contains(err.Error(), "kms_key_arn") {
			t.Errorf("err = %v; want the kms:Decrypt fix named", err)
		}
	})

	t.Run("NoSuchKey", func(t *testing.T) {
		// Deleted after the notification: nothing to count, and S3 is
		// strongly consistent, so no retry will find it. Skipped like a
		// superseded object, without a poison record.
		e := newEnv(t)
		good := e.put(t, "segment-logs/src/1/good.gz", 2)
		gone := e.put(t, key, 3)
		e.srv.Delete(t, bucket, key)
		if err := e.h.Handle(ctx, event(gone, good)); err != nil {
			t.Fatalf("a deleted object failed the invocation: %v", err)
		}
		if n := e.total(t, "Order Completed"); n != 2 {
			t.Errorf("total = %d; want 2", n)
		}
		f := e.logs.take(t, "file")
		if len(f) != 2 || f[0]["status"] != "gone" || f[0]["level"] != "WARN" || f[1]["status"] != "applied" {
			t.Errorf("log = %v", f)
		}
		e.wantNoRecords(t)
	})

	t.Run("BadGzip", func(t *testing.T) {
		e := newEnv(t)
		r := e.putBody(t, key, []byte("\x1f\x8b\x08\x00garbage, not deflate"))
		if err := e.h.Handle(ctx, event(r)); err != nil {
			t.Fatalf("a poison file failed the invocation: %v", err)
		}
		e.wantStatus(t, "poison")
		e.wantRecord(t, key, r.S3.Object.ETag, ReasonCorruptGzip)
	})

	t.Run("TooLarge", func(t *testing.T) {
		e := newEnv(t)
		e.h.c.MaxFileBytes = 200
		small := e.put(t, "segment-logs/src/1/small.gz", 1)
		big := e.putBody(t, key, gz(t, lines("Order Completed", 100)))
		if big.S3.Object.Size <= 200 || small.S3.Object.Size > 200 {
			t.Fatalf("sizes %d and %d do not straddle the limit", big.S3.Object.Size, small.S3.Object.Size)
		}
		if err := e.h.Handle(ctx, event(big, small)); err != nil {
			t.Fatalf("a poison file failed the invocation: %v", err)
		}
		if n := e.total(t, "Order Completed"); n != 1 {
			t.Errorf("total = %d; want 1, from the small file alone", n)
		}
		p := e.wantRecord(t, key, big.S3.Object.ETag, ReasonTooLarge)
		if !strings.Contains(p.Error, "DASHSMITH_MAX_FILE_BYTES") || !strings.Contains(p.Error, "dashsmith ingest") {
			t.Errorf("the record does not say the fix: %q", p.Error)
		}
	})

	t.Run("GzipBomb", func(t *testing.T) {
		// A small object whose text, once unpacked, passes the parser's
		// limit: poison, recorded, never retried.
		e := newEnv(t)
		e.h.c.Parse = segment.NewParser(segment.Options{MaxTextBytes: 64 << 10})
		bomb := e.putBody(t, key, gz(t, lines("Order Completed", 1)+strings.Repeat(" ", 1<<20)+"\n"))
		if bomb.S3.Object.Size > 8<<10 {
			t.Fatalf("the bomb is %d bytes packed; want a small one", bomb.S3.Object.Size)
		}
		if err := e.h.Handle(ctx, event(bomb)); err != nil {
			t.Fatalf("a poison file failed the invocation: %v", err)
		}
		e.wantStatus(t, "poison")
		p := e.wantRecord(t, key, bomb.S3.Object.ETag, ReasonTooLarge)
		if !strings.Contains(p.Error, "gzip bomb") {
			t.Errorf("the record does not say what it is: %q", p.Error)
		}
		if n := e.total(t, "Order Completed"); n != 0 {
			t.Errorf("total = %d; a file not read to its end applies nothing", n)
		}
	})

	t.Run("TooLargeNoETag", func(t *testing.T) {
		// The size is then the one S3's HEAD gives.
		e := newEnv(t)
		e.h.c.MaxFileBytes = 200
		big := e.putBody(t, key, gz(t, lines("Order Completed", 100)))
		etag := big.S3.Object.ETag
		big.S3.Object.ETag, big.S3.Object.Size = "", 0
		if err := e.h.Handle(ctx, event(big)); err != nil {
			t.Fatal(err)
		}
		e.wantRecord(t, key, etag, ReasonTooLarge)
	})

	t.Run("BodyCut", func(t *testing.T) {
		// The connection drops in the middle of a good gzip body: the
		// stream ends early exactly as a truncated file does, but the file
		// is fine. Retryable, never poison.
		e := newEnv(t)
		body := gz(t, lines("Order Completed", 500))
		r := e.putBody(t, key, body)
		e.h.c.S3 = faulty(t, e, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.Header().Set("ETag", `"`+r.S3.Object.ETag+`"`)
			w.Write(body[:len(body)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler) // close the connection mid-body
		})
		if err := e.h.Handle(ctx, event(r)); err == nil {
			t.Error("a dropped connection did not fail the invocation")
		}
		e.wantStatus(t, "retry")
		e.wantNoRecords(t)
	})

	t.Run("BadKeyEncoding", func(t *testing.T) {
		e := newEnv(t)
		r := created("x", "0123456789abcdef0123456789abcdef", 10)
		r.S3.Object.Key = "segment-logs/src/1/%zz.gz"
		if err := e.h.Handle(ctx, event(r)); err != nil {
			t.Fatal(err)
		}
		e.wantStatus(t, "poison")
		e.wantRecord(t, r.S3.Object.Key, r.S3.Object.ETag, ReasonBadKey)
	})

	t.Run("Deadline", func(t *testing.T) {
		// S3 hangs: the handler gives up Margin before the function's
		// deadline, with a retryable error, and leaves the files it did not
		// start to the retry. It returns before the deadline, so that the
		// log line is written and Lambda sees an error, not a timeout.
		e := newEnv(t)
		a, b := e.put(t, key, 2), e.put(t, "segment-logs/src/1/b.gz", 3)
		e.h.c.S3 = faulty(t, e, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		e.h.c.Margin = 300 * time.Millisecond
		lambda, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
		defer cancel()
		err := e.h.Handle(lambda, event(a, b))
		if lambda.Err() != nil {
			t.Error("the handler ran into the function's deadline")
		}
		if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "before the function's timeout") {
			t.Errorf("err = %v; want a retryable deadline error", err)
		}
		f := e.logs.take(t, "file")
		if len(f) != 2 {
			t.Fatalf("log = %v; want a line per file", f)
		}
		for _, l := range f {
			if l["status"] != "retry" || l["reason"] != "deadline" {
				t.Errorf("log line %v", l)
			}
		}
		e.wantNoRecords(t)
	})

	t.Run("DeadlineWithoutContextDeadline", func(t *testing.T) {
		// Outside Lambda (no deadline) the handler sets none of its own.
		e := newEnv(t)
		if err := e.h.Handle(ctx, event(e.put(t, key, 2))); err != nil {
			t.Fatal(err)
		}
		e.wantStatus(t, "applied")
	})
}

// answering returns an S3 client whose reads (GET, HEAD) get status and
// an S3 error document, tried once (no SDK retries, no backoff).
func answering(t *testing.T, e *env, status int, code, msg string) *s3.Client {
	t.Helper()
	return faulty(t, e, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Header().Set("x-amz-request-id", "TESTREQUEST")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>TESTREQUEST</RequestId></Error>`, code, msg)
	})
}

// faulty returns an S3 client whose reads (GET, HEAD) read answers
// and whose writes (the poison records) go to the fake S3, tried once.
func faulty(t *testing.T, e *env, read http.HandlerFunc) *s3.Client {
	t.Helper()
	u, err := url.Parse(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	fake := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			read(w, r)
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return s3.WrapClient(awss3.New(e.srv.Client.Options(), func(o *awss3.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.HTTPClient = srv.Client()
		o.RetryMaxAttempts = 1
	}))
}

// wantStatus checks that every file log line has status.
func (e *env) wantStatus(t *testing.T, status string) {
	t.Helper()
	f := e.logs.take(t, "file")
	if len(f) == 0 {
		t.Fatal("no file log line")
	}
	for _, l := range f {
		if l["status"] != status {
			t.Errorf("log line %v; want status %q", l, status)
		}
	}
}

// wantNoRecords checks that no poison record was written.
func (e *env) wantNoRecords(t *testing.T) {
	t.Helper()
	out, err := e.srv.Client.ListObjectsV2(context.Background(), &awss3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(".dashsmith-poison/")})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out.Contents {
		t.Errorf("poison record %s written for a file that a retry may apply", aws.ToString(o.Key))
	}
}

// wantRecord reads the poison record of key@etag and checks its reason.
func (e *env) wantRecord(t *testing.T, key, etag, reason string) Poison {
	t.Helper()
	p, err := e.record(key, etag)
	if err != nil {
		t.Fatalf("%s: no poison record: %v", key, err)
	}
	if p.Key != key || p.Reason != reason || p.Error == "" || p.Time.IsZero() {
		t.Errorf("%s: record %+v; want reason %q", key, p, reason)
	}
	return p
}
