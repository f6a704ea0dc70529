package dynamostore

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	_ "github.com/dashsmith/dashsmith/plugins/hll"
	_ "github.com/dashsmith/dashsmith/plugins/quantile"
)

// EndpointEnv names the DynamoDB endpoint the tests use: AWS's DynamoDB
// Local, which `make dynamodb-local` and .ci/run start.
const EndpointEnv = "DASHSMITH_DYNAMODB_ENDPOINT"

var ctx = context.Background()

// testClient returns a client of the test endpoint with dummy credentials.
// It reads nothing from the environment but the endpoint (no profile, no
// AWS_CA_BUNDLE): the server is local, over plain HTTP. Without an
// endpoint the test is skipped, or fails when CI=true.
func testClient(t testing.TB) *dynamodb.Client {
	t.Helper()
	endpoint := os.Getenv(EndpointEnv)
	if endpoint == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: .ci/run starts DynamoDB Local and sets it", EndpointEnv)
		}
		t.Skipf("%s is not set: run `make dynamodb-local` and export what it prints", EndpointEnv)
	}
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:  &http.Client{Timeout: 30 * time.Second},
		Retryer:     Retryer,
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

var tableSeq atomic.Int64

// tableFor names a new table after the test: its name, sanitised, and a
// number that makes it unique in this run and across runs.
func tableFor(t testing.TB) string {
	name := regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(t.Name(), "-")
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	return fmt.Sprintf("%s-%d-%d", name, time.Now().UnixNano()%1e9, tableSeq.Add(1))
}

// openTest creates a fresh table for the test and opens it; the table is
// deleted when the test ends.
func openTest(t testing.TB) *Store {
	t.Helper()
	client := testClient(t)
	name := tableFor(t)
	st, err := New(ctx, Options{Table: name, Client: client, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return st
}

// reopen opens the same table again, as another process would.
func reopen(t testing.TB, st *Store) *Store {
	t.Helper()
	s2, err := New(ctx, Options{Table: st.table, Client: st.db})
	if err != nil {
		t.Fatal(err)
	}
	return s2
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) build.Store { return openTest(t) })
}

func TestNew_MissingTable(t *testing.T) {
	client := testClient(t)
	_, err := New(ctx, Options{Table: tableFor(t), Client: client})
	if err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), "create=1") {
		t.Fatalf("New of a missing table: %v, want an error that says to add create=1", err)
	}
}

func TestNewClient(t *testing.T) {
	// The standard chain with the URL's region and endpoint: no request
	// is made, so no credentials are needed.
	for _, v := range []string{"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CA_BUNDLE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"} {
		t.Setenv(v, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	if _, err := NewClient(ctx, "", "http://127.0.0.1:1"); err == nil || !strings.Contains(err.Error(), "region") {
		t.Errorf("NewClient without a region: %v, want an error that asks for one", err)
	}
	c, err := NewClient(ctx, "eu-west-1", "http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Options().Region; got != "eu-west-1" {
		t.Errorf("region %q, want eu-west-1", got)
	}
	if got := aws.ToString(c.Options().BaseEndpoint); got != "http://127.0.0.1:1" {
		t.Errorf("endpoint %q, want the URL's", got)
	}
}
