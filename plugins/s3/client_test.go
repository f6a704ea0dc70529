package s3

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

// TestClient: what the Lambda does through a Client, over a fake S3.
func TestClient(t *testing.T) {
	ctx := context.Background()
	srv := s3test.New(t, "events")
	c := WrapClient(srv.Client)
	t.Run("Put", func(t *testing.T) {
		const key = ".dashsmith-poison/a.gz@x.json"
		if err := c.Put(ctx, "events", key, []byte(`{"reason":"corrupt gzip"}`), "application/json"); err != nil {
			t.Fatal(err)
		}
		out, err := srv.Client.GetObject(ctx, &awss3.GetObjectInput{Bucket: aws.String("events"), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		defer out.Body.Close()
		body, _ := io.ReadAll(out.Body)
		if string(body) != `{"reason":"corrupt gzip"}` || aws.ToString(out.ContentType) != "application/json" {
			t.Errorf("stored %q as %q", body, aws.ToString(out.ContentType))
		}
	})
	t.Run("PutNoBucket", func(t *testing.T) {
		err := c.Put(ctx, "nope", "k", nil, "application/json")
		if err == nil || !strings.Contains(err.Error(), "NoSuchBucket") {
			t.Errorf("err = %v; want the SDK's NoSuchBucket", err)
		}
	})
	t.Run("Source", func(t *testing.T) {
		etag := srv.Put(t, "events", "segment-logs/src/1.gz", []byte("one"), "")
		s := c.Source("events")
		fi, err := s.Stat(ctx, "segment-logs/src/1.gz")
		if err != nil || fi.Key != ID("segment-logs/src/1.gz", etag) || fi.Size != 3 {
			t.Fatalf("Stat = %+v, %v", fi, err)
		}
		if got := read(t, s, fi.Key); string(got) != "one" {
			t.Errorf("read %q", got)
		}
		if _, err := s.Stat(ctx, "segment-logs/src/none.gz"); !errors.Is(err, build.ErrNotFound) {
			t.Errorf("Stat of a missing object: %v; want build.ErrNotFound", err)
		}
	})
}
