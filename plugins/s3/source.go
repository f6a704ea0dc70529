package s3

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
)

// PoisonPrefix is where the Lambda records the files it cannot read, one
// JSON object per file. It is hidden, so no listing of the bucket reads it.
const PoisonPrefix = ".dashsmith-poison/"

// Source is the event files under one S3 prefix.
type Source struct {
	client   *awss3.Client
	bucket   string
	prefix   string
	pageSize int32
	since    time.Time
}

// OpenSource opens the event source an s3:// URL names (see ParseURL and
// NewClient); it is registered as the "s3" source. It does not call S3: a
// missing bucket or a denied listing shows in List.
func OpenSource(ctx context.Context, url string) (build.Source, error) {
	client, o, err := openURL(ctx, url)
	if err != nil {
		return nil, err
	}
	return NewSource(client, o), nil
}

// NewSource returns the source for o.Bucket and o.Prefix read through
// client.
func NewSource(client *awss3.Client, o Options) *Source {
	return &Source{client: client, bucket: o.Bucket, prefix: Folder(o.Prefix), pageSize: o.PageSize}
}

// Bucket is the source's bucket.
func (s *Source) Bucket() string { return s.bucket }

// SetSince makes List leave out objects last modified before t; the zero
// time lists them all.
func (s *Source) SetSince(t time.Time) { s.since = t }

// List returns every event file under the prefix, sorted by identity
// (see the package doc): Size is the stored size and ModTime the object's
// LastModified.
func (s *Source) List(ctx context.Context) ([]build.FileInfo, error) {
	in := &awss3.ListObjectsV2Input{Bucket: aws.String(s.bucket)}
	if s.prefix != "" {
		in.Prefix = aws.String(s.prefix)
	}
	if s.pageSize > 0 {
		in.MaxKeys = aws.Int32(s.pageSize)
	}
	var files []build.FileInfo
	pages := awss3.NewListObjectsV2Paginator(s.client, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, s.fail("list", s.prefix, err)
		}
		for _, o := range page.Contents {
			key := aws.ToString(o.Key)
			mod := aws.ToTime(o.LastModified)
			if !s.listed(key) || mod.Before(s.since) {
				continue
			}
			files = append(files, build.FileInfo{Key: ID(key, aws.ToString(o.ETag)), Size: aws.ToInt64(o.Size), ModTime: mod})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Key < files[j].Key })
	return files, nil
}

// listed reports whether key is an event file: under the prefix, not a
// folder, with no hidden part below the prefix.
func (s *Source) listed(key string) bool {
	rel, ok := strings.CutPrefix(key, s.prefix)
	if !ok || rel == "" || strings.HasSuffix(rel, "/") {
		return false
	}
	for part := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// String is the source's URL.
func (s *Source) String() string { return fmt.Sprintf("s3://%s/%s", s.bucket, s.prefix) }

var _ build.Source = (*Source)(nil)
