package storetest_test

// A measure added the way a new one is: this file alone defines max(prop)
// and registers it; the conformance suite then runs it, with every other
// registered measure, against the in-memory store (TestRun) and against
// both stores of the repository, untouched.

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	"github.com/dashsmith/dashsmith/plugins/boltstore"
	"github.com/dashsmith/dashsmith/plugins/dynamostore"
)

// maxType is max(prop): the largest number a property took in the hour.
// Adding a value twice is the same as once, so dedupe leaves it as it is.
// Its aggregate encodes as the float64 bits, big-endian.
type maxType struct{}

func init() { build.RegisterMeasure(maxType{}) }

// maxAgg is an hour's largest value; set is false until it has one.
type maxAgg struct {
	v   float64
	set bool
}

func (maxType) Name() string                  { return "max" }
func (maxType) Input() build.Input            { return build.NumberInput }
func (maxType) Idempotent() bool              { return true }
func (maxType) New() (build.Aggregate, error) { return &maxAgg{}, nil }

func (maxType) Decode(b []byte) (build.Aggregate, error) {
	if len(b) != 8 {
		return nil, fmt.Errorf("max: %d bytes, want 8", len(b))
	}
	return &maxAgg{v: math.Float64frombits(binary.BigEndian.Uint64(b)), set: true}, nil
}

func (a *maxAgg) Add(v build.Value) {
	if !a.set || v.Num > a.v {
		a.v, a.set = v.Num, true
	}
}

func (a *maxAgg) Merge(other build.Aggregate) error {
	if o := other.(*maxAgg); o.set {
		a.Add(build.Value{Num: o.v})
	}
	return nil
}

func (a *maxAgg) Value() float64  { return a.v }
func (a *maxAgg) Weight() float64 { return a.v }
func (a *maxAgg) Empty() bool     { return !a.set }

func (a *maxAgg) MarshalBinary() ([]byte, error) {
	return binary.BigEndian.AppendUint64(nil, math.Float64bits(a.v)), nil
}

func TestMax_Parse(t *testing.T) {
	m, err := build.ParseMeasure("max(price)")
	if err != nil || m.Kind != "max" || m.Prop != "price" || m.String() != "max(price)" {
		t.Fatalf("ParseMeasure(max(price)) = %+v, %v", m, err)
	}
	if _, err := build.ParseMeasure("maxx(price)"); err == nil || !strings.Contains(err.Error(), "did you mean max(price)?") {
		t.Errorf("the error for an unknown measure should list max: %v", err)
	}
}

func TestMax_Bolt(t *testing.T) {
	storetest.Run(t, func(t *testing.T) build.Store {
		st, err := boltstore.OpenFile(filepath.Join(t.TempDir(), "rollup.db"), boltstore.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func TestMax_DynamoDB(t *testing.T) {
	endpoint := os.Getenv("DASHSMITH_DYNAMODB_ENDPOINT")
	if endpoint == "" && os.Getenv("CI") == "true" {
		t.Fatal("DASHSMITH_DYNAMODB_ENDPOINT is not set: .ci/run starts DynamoDB Local and sets it")
	}
	if endpoint == "" {
		t.Skip("DASHSMITH_DYNAMODB_ENDPOINT is not set: run `make dynamodb-local` and export what it prints")
	}
	client := dynamodb.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:  &http.Client{Timeout: 30 * time.Second},
		Retryer:     dynamostore.Retryer,
	}, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(endpoint) })
	n := 0
	storetest.Run(t, func(t *testing.T) build.Store {
		n++
		table := fmt.Sprintf("max-%d-%d", time.Now().UnixNano()%1e9, n)
		st, err := dynamostore.New(context.Background(), dynamostore.Options{Table: table, Client: client, Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(table)})
		})
		return st
	})
}
