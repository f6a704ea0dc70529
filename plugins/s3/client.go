package s3

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
)

// Client reaches S3 for code that does not import the AWS SDK (the Lambda
// function): it reads the objects of a bucket through a Source and writes
// small objects, with plain Go types in and out. It is safe for
// concurrent use.
type Client struct{ api *awss3.Client }

// NewClient returns a client configured as the source and the publisher
// configure theirs (see newAPI), with o's region, endpoint and addressing
// style; its bucket and prefix are not used.
func NewClient(ctx context.Context, o Options) (*Client, error) {
	api, err := newAPI(ctx, o)
	if err != nil {
		return nil, err
	}
	return &Client{api: api}, nil
}

// WrapClient returns a Client over an SDK client made elsewhere (a test's
// fake S3, a program with its own configuration).
func WrapClient(api *awss3.Client) *Client { return &Client{api: api} }

// Source returns the event source over the whole of bucket: its Open and
// Stat read the objects that notifications name.
func (c *Client) Source(bucket string) *Source {
	return NewSource(c.api, Options{Bucket: bucket})
}

// Put stores body at bucket/key with the Content-Type given. Its error is
// the SDK's, unwrapped.
func (c *Client) Put(ctx context.Context, bucket, key string, body []byte, contentType string) error {
	_, err := c.api.PutObject(ctx, &awss3.PutObjectInput{
		Bucket:      aws.String(bucket),
		Key:         aws.String(key),
		Body:        bytes.NewReader(body),
		ContentType: aws.String(contentType),
	})
	return err
}

// openURL reads an s3:// URL (ParseURL) and makes the client its
// settings ask for.
func openURL(ctx context.Context, url string) (*awss3.Client, Options, error) {
	o, err := ParseURL(url)
	if err != nil {
		return nil, o, err
	}
	client, err := newAPI(ctx, o)
	return client, o, err
}

// newAPI returns an S3 client configured by the SDK's standard chain,
// with o's region, endpoint and addressing style on top. Its HTTP
// transport never decompresses a body on the fly (see the package doc);
// AWS_CA_BUNDLE still applies.
func newAPI(ctx context.Context, o Options) (*awss3.Client, error) {
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
	return awss3.NewFromConfig(cfg, func(so *awss3.Options) {
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
