package s3publish

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// target is a parsed s3:// deploy URL.
type target struct {
	bucket, prefix, region, endpoint string
	pathStyle                        bool
}

// parseURL reads s3://bucket/prefix?region=…&endpoint=…&path_style=1.
func parseURL(raw string) (target, error) {
	var t target
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return t, fmt.Errorf("s3publish: %q: write s3://bucket/prefix", raw)
	}
	t.bucket, t.prefix = u.Host, strings.TrimPrefix(u.Path, "/")
	for k, vs := range u.Query() {
		v := vs[len(vs)-1]
		switch k {
		case "region":
			t.region = v
		case "endpoint":
			t.endpoint = v
		case "path_style":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return t, fmt.Errorf("s3publish: %q: path_style %q: use 1 or 0", raw, v)
			}
			t.pathStyle = b
		default:
			return t, fmt.Errorf("s3publish: %q: unknown setting %q: the settings are region, endpoint and path_style", raw, k)
		}
	}
	return t, nil
}

// newClient builds an S3 client from the SDK's standard chain
// (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_S3, …) with t on top.
func newClient(ctx context.Context, t target) (*s3.Client, error) {
	var opts []func(*config.LoadOptions) error
	if t.region != "" {
		opts = append(opts, config.WithRegion(t.region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("s3publish: AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, fmt.Errorf("s3publish: no AWS region: set AWS_REGION or add ?region=us-east-1 to the s3:// URL")
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		if t.endpoint != "" {
			o.BaseEndpoint = aws.String(t.endpoint)
		}
		o.UsePathStyle = t.pathStyle
	}), nil
}
