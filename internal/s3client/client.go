package s3client

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// NewClient returns an S3 client configured by the SDK's standard chain,
// with o's region, endpoint and addressing style on top. Its HTTP
// transport never decompresses a body on the fly (see the package doc);
// AWS_CA_BUNDLE still applies.
func NewClient(ctx context.Context, o Options) (*s3.Client, error) {
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.DisableCompression = true
	})
	opts := []func(*config.LoadOptions) error{config.WithHTTPClient(httpClient)}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("s3: AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		if o.Endpoint == "" && cfg.BaseEndpoint == nil && os.Getenv("AWS_ENDPOINT_URL_S3") == "" {
			return nil, fmt.Errorf("s3: no AWS region: set AWS_REGION or add ?region=us-east-1 to the s3:// URL")
		}
		cfg.Region = "us-east-1" // an S3-compatible server's usual default
	}
	return s3.NewFromConfig(cfg, func(so *s3.Options) {
		// Segment's files, and objects on S3-compatible servers, often
		// carry no checksum the SDK can check; it would print a line about
		// it on every read (noise in the Lambda's JSON log lines).
		so.DisableLogOutputChecksumValidationSkipped = true
		if o.Endpoint != "" {
			so.BaseEndpoint = aws.String(o.Endpoint)
		}
		if o.PathStyle {
			so.UsePathStyle = true
		}
	}), nil
}
