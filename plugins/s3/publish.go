package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/dashsmith/dashsmith/build"
)

// Publisher writes a site under one S3 prefix.
type Publisher struct {
	client *awss3.Client
	bucket string
	prefix string // "" or ending in "/"
}

var (
	_ build.Publisher     = (*Publisher)(nil)
	_ build.RootPublisher = (*Publisher)(nil)
)

// maxGet bounds what Get reads: the deploy record of a site of 100,000
// files is a few MB.
const maxGet = 64 << 20

// OpenPublisher opens the publisher an s3:// URL names (see ParseURL and
// NewClient); it is registered as the "s3" publisher.
func OpenPublisher(ctx context.Context, url string) (build.Publisher, error) {
	client, o, err := openURL(ctx, url)
	if err != nil {
		return nil, err
	}
	return NewPublisher(client, o.Bucket, o.Prefix), nil
}

// NewPublisher returns a publisher writing under bucket/prefix with
// client.
func NewPublisher(client *awss3.Client, bucket, prefix string) *Publisher {
	return &Publisher{client: client, bucket: bucket, prefix: Folder(prefix)}
}

// List returns every object under the prefix with its ETag (the MD5 of a
// plain upload; a multipart ETag never matches, so such a file is
// uploaded again, once).
func (p *Publisher) List(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	pages := awss3.NewListObjectsV2Paginator(p.client, &awss3.ListObjectsV2Input{Bucket: aws.String(p.bucket), Prefix: aws.String(p.prefix)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("s3publish: list s3://%s/%s: %w", p.bucket, p.prefix, err)
		}
		for _, obj := range page.Contents {
			key := aws.ToString(obj.Key)
			rel := strings.TrimPrefix(key, p.prefix)
			if rel == "" || strings.HasSuffix(rel, "/") {
				continue
			}
			out[rel] = strings.ToLower(strings.Trim(aws.ToString(obj.ETag), `"`))
		}
	}
	return out, nil
}

// AtRoot reports whether the publisher writes at the bucket's root.
func (p *Publisher) AtRoot() bool { return p.prefix == "" }

// Get reads one file, at most maxGet bytes of it.
func (p *Publisher) Get(ctx context.Context, rel string) ([]byte, error) {
	out, err := p.client.GetObject(ctx, &awss3.GetObjectInput{Bucket: aws.String(p.bucket), Key: aws.String(p.prefix + rel)})
	if err != nil {
		var api smithy.APIError
		if errors.As(err, &api) && (api.ErrorCode() == "NoSuchKey" || api.ErrorCode() == "NotFound") {
			return nil, fmt.Errorf("s3publish: s3://%s/%s%s: %w", p.bucket, p.prefix, rel, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("s3publish: get s3://%s/%s%s: %w", p.bucket, p.prefix, rel, err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(io.LimitReader(out.Body, maxGet+1))
	if err != nil {
		return nil, fmt.Errorf("s3publish: get s3://%s/%s%s: %w", p.bucket, p.prefix, rel, err)
	}
	if len(data) > maxGet {
		return nil, fmt.Errorf("s3publish: s3://%s/%s%s is larger than %d MB, more than any deploy record", p.bucket, p.prefix, rel, maxGet>>20)
	}
	return data, nil
}

// Put uploads one file.
func (p *Publisher) Put(ctx context.Context, rel string, data []byte, meta build.ObjectMeta) error {
	_, err := p.client.PutObject(ctx, &awss3.PutObjectInput{
		Bucket:       aws.String(p.bucket),
		Key:          aws.String(p.prefix + rel),
		Body:         bytes.NewReader(data),
		ContentType:  aws.String(meta.ContentType),
		CacheControl: aws.String(meta.CacheControl),
		Metadata:     map[string]string{"md5": meta.MD5},
	})
	if err != nil {
		return fmt.Errorf("s3publish: put s3://%s/%s%s: %w", p.bucket, p.prefix, rel, err)
	}
	return nil
}

// Delete removes files, a thousand per request.
func (p *Publisher) Delete(ctx context.Context, rels []string) error {
	for len(rels) > 0 {
		n := min(len(rels), 1000)
		objs := make([]types.ObjectIdentifier, n)
		for i, rel := range rels[:n] {
			objs[i] = types.ObjectIdentifier{Key: aws.String(p.prefix + rel)}
		}
		out, err := p.client.DeleteObjects(ctx, &awss3.DeleteObjectsInput{
			Bucket: aws.String(p.bucket),
			Delete: &types.Delete{Objects: objs, Quiet: aws.Bool(true)},
		})
		if err != nil {
			return fmt.Errorf("s3publish: delete from s3://%s/%s: %w", p.bucket, p.prefix, err)
		}
		if len(out.Errors) > 0 {
			e := out.Errors[0]
			return fmt.Errorf("s3publish: delete %s: %s %s", aws.ToString(e.Key), aws.ToString(e.Code), aws.ToString(e.Message))
		}
		rels = rels[n:]
	}
	return nil
}
