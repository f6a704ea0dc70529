package s3publish

import (
	"context"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/s3client"
)

// Open reads s3://bucket/prefix?region=…&endpoint=…&path_style=1.
func Open(ctx context.Context, url string) (build.Publisher, error) {
	o, err := s3client.ParseURL(url)
	if err != nil {
		return nil, err
	}
	client, err := s3client.NewClient(ctx, o)
	if err != nil {
		return nil, err
	}
	return New(client, o.Bucket, o.Prefix), nil
}
