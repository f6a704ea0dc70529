package s3

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
)

// Open streams the object an identity names, as stored: the body comes
// straight from the connection. An object whose ETag is no longer the
// identity's fails with ErrChanged; a missing object wraps
// build.ErrNotFound and a denied one fs.ErrPermission.
func (s *Source) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	key, etag, ok := SplitID(id)
	if !ok || key == "" || !strings.HasPrefix(key, s.prefix) {
		return nil, fmt.Errorf("s3source: refusing %q: open the identities List returns (key@etag under %s)", id, s)
	}
	in := &awss3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)}
	if etag != "" {
		in.IfMatch = aws.String(`"` + etag + `"`)
	}
	out, err := s.client.GetObject(ctx, in)
	if err != nil {
		return nil, s.fail("get", key, err)
	}
	if got := ETag(aws.ToString(out.ETag)); etag != "" && got != etag {
		out.Body.Close()
		return nil, fmt.Errorf("s3source: get s3://%s/%s: %w (ETag %s, listed as %s)", s.bucket, key, ErrChanged, got, etag)
	}
	return out.Body, nil
}

// Stat returns the file an object key is now: its identity (with the
// current ETag), size and LastModified. The Lambda uses it for a
// notification that carries no ETag.
func (s *Source) Stat(ctx context.Context, key string) (build.FileInfo, error) {
	out, err := s.client.HeadObject(ctx, &awss3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)})
	if err != nil {
		return build.FileInfo{}, s.fail("head", key, err)
	}
	return build.FileInfo{Key: ID(key, aws.ToString(out.ETag)), Size: aws.ToInt64(out.ContentLength), ModTime: aws.ToTime(out.LastModified)}, nil
}
