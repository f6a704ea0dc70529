package dynamostore

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// MaxAttempts is how often a request is tried before its error is
// returned: throttling and transient errors are retried with exponential
// backoff and jitter, up to MaxBackoff between tries.
const (
	MaxAttempts = 10
	MaxBackoff  = 20 * time.Second
)

// NewClient returns a DynamoDB client from the standard chain (AWS_REGION,
// AWS_PROFILE, the shared files, instance and Lambda roles; the SDK honours
// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_DYNAMODB), with region and endpoint
// overriding it when not "", and the store's retryer.
func NewClient(ctx context.Context, region, endpoint string) (*dynamodb.Client, error) {
	var opts []func(*config.LoadOptions) error
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	opts = append(opts, config.WithRetryer(Retryer))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("dynamostore: load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, fmt.Errorf("dynamostore: no AWS region: set AWS_REGION or add ?region=us-east-1 to the store URL")
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	}), nil
}

// Retryer is the store's retry policy, for clients made elsewhere: the
// SDK's standard retryer with MaxAttempts and MaxBackoff, no client-side
// retry quota (so that a long throttle is waited out, not given up on),
// and transaction conflicts retried too.
func Retryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = MaxAttempts
		o.MaxBackoff = MaxBackoff
		o.RateLimiter = ratelimit.None
		o.Retryables = append(o.Retryables, retry.RetryableErrorCode{
			Codes: map[string]struct{}{"TransactionConflictException": {}},
		})
	})
}
