// Package s3test serves a fake S3 (github.com/johannesboyne/gofakes3, in
// memory) over HTTP in-process, for the tests of the S3 source and the
// Lambda. Its client signs with dummy static credentials, computes and
// checks checksums only when an operation requires them (as gofakes3
// expects), and uses the test server's own HTTP client, so nothing in the
// environment (AWS_PROFILE, AWS_CA_BUNDLE, a Lambda role) matters.
package s3test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Start is the fake clock's first instant: objects put before any Advance
// are last modified then.
var Start = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// Server is a fake S3 endpoint.
type Server struct {
	URL    string     // http://127.0.0.1:port
	Client *s3.Client // path-style, region us-east-1
	clock  *Clock
	lists  atomic.Int64
}

// New starts a server, stopped when the test ends, with the buckets
// created.
func New(t testing.TB, buckets ...string) *Server {
	t.Helper()
	clock := &Clock{now: Start}
	fake := gofakes3.New(s3mem.New(s3mem.WithTimeSource(clock)),
		gofakes3.WithTimeSource(clock), gofakes3.WithTimeSkewLimit(0))
	s := &Server{clock: clock}
	h := fake.Server()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Query().Get("list-type") == "2" {
			s.lists.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	s.URL = hs.URL
	s.Client = s3.New(s3.Options{
		Region:                     "us-east-1",
		BaseEndpoint:               aws.String(hs.URL),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", ""),
		HTTPClient:                 hs.Client(),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})
	for _, b := range buckets {
		if _, err := s.Client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatalf("s3test: create bucket %s: %v", b, err)
		}
	}
	return s
}

// Put stores body under bucket/key, with the Content-Encoding given (none
// when ""), and returns the object's ETag as S3 sends it (quoted).
func (s *Server) Put(t testing.TB, bucket, key string, body []byte, contentEncoding string) string {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}
	if contentEncoding != "" {
		in.ContentEncoding = aws.String(contentEncoding)
	}
	out, err := s.Client.PutObject(context.Background(), in)
	if err != nil {
		t.Fatalf("s3test: put s3://%s/%s: %v", bucket, key, err)
	}
	return aws.ToString(out.ETag)
}

// Delete removes bucket/key.
func (s *Server) Delete(t testing.TB, bucket, key string) {
	t.Helper()
	if _, err := s.Client.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}); err != nil {
		t.Fatalf("s3test: delete s3://%s/%s: %v", bucket, key, err)
	}
}

// Advance moves the server's clock, which stamps LastModified.
func (s *Server) Advance(d time.Duration) { s.clock.Advance(d) }

// Lists is the number of ListObjectsV2 requests served so far.
func (s *Server) Lists() int64 { return s.lists.Load() }

// Now is the server's clock.
func (s *Server) Now() time.Time { return s.clock.Now() }

// Clock is a fake clock safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Since returns the time elapsed since t on the clock.
func (c *Clock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
