package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
)

func init() {
	build.RegisterStore("dynamodb", build.StoreOpener(Open))
}

// Options say which table to use and how to reach it.
type Options struct {
	Table    string
	Region   string // "" is the standard chain's (AWS_REGION, the profile)
	Endpoint string // overrides AWS_ENDPOINT_URL(_DYNAMODB); "" is AWS's
	Create   bool   // create the table when it is missing, and wait until it is ACTIVE

	// Client, when set, is used as is: Region and Endpoint are ignored.
	Client *dynamodb.Client
}

// Store is a rollup kept in one DynamoDB table. It is safe for concurrent
// use, by goroutines and by processes (Lambdas) alike.
type Store struct {
	db     *dynamodb.Client
	table  string
	writes atomic.Int64 // write requests sent: each item of a transaction is one
	closed atomic.Bool
	known  sync.Map // rollup ID -> whether its group totals are complete, for the rollups found declared (see rollupState)

	// tests only: called before each transaction is sent, and after it
	// commits; an error from afterCommit is returned as if the process
	// had died there.
	beforeCommit func(n int)
	afterCommit  func(n int) error
}

// Open opens the store a URL names: dynamodb://TABLE, with optional
// settings region=, endpoint= and create=1. The URL's create= wins over
// o.Create. o.ReadOnly changes nothing: what a process may do to the table
// is its credentials' to say.
func Open(ctx context.Context, url string, o build.StoreOptions) (build.Store, error) {
	opts, err := parseURL(url, o)
	if err != nil {
		return nil, err
	}
	s, err := New(ctx, opts)
	if err != nil {
		return nil, err // not a nil *Store inside a non-nil interface
	}
	return s, nil
}

// New opens the table opts names, creating it first when opts.Create is
// set. A missing table is an error that says how to create it.
func New(ctx context.Context, opts Options) (*Store, error) {
	if !tableName.MatchString(opts.Table) {
		return nil, fmt.Errorf("dynamostore: %q is not a table name: use 3 to 255 letters, digits, '_', '-' or '.'", opts.Table)
	}
	client := opts.Client
	if client == nil {
		var err error
		if client, err = NewClient(ctx, opts.Region, opts.Endpoint); err != nil {
			return nil, err
		}
	}
	if opts.Create {
		if err := CreateTable(ctx, client, opts.Table); err != nil {
			return nil, err
		}
	} else if err := checkTable(ctx, client, opts.Table); err != nil {
		return nil, err
	}
	return &Store{db: client, table: opts.Table}, nil
}

// Writes returns the write requests the store has sent: every item of a
// transaction counts as one (DynamoDB bills it as two write units), as
// does every other item written.
func (s *Store) Writes() int64 { return s.writes.Load() }

// Table is the table's name.
func (s *Store) Table() string { return s.table }

// Close marks the store closed; the client holds nothing to release.
// Closing twice is harmless.
func (s *Store) Close() error {
	s.closed.Store(true)
	return nil
}

// errClosed is returned by every method after Close.
var errClosed = errors.New("the store is closed; open it again")

// check returns the error to give before any work: a closed store or a
// done context.
func (s *Store) check(ctx context.Context) error {
	if s.closed.Load() {
		return fmt.Errorf("dynamostore: %s: %w", s.table, errClosed)
	}
	return ctx.Err()
}

// wrap adds the package prefix, what was being done, and the table.
func (s *Store) wrap(what string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("dynamostore: %s %s: %w", what, s.table, err)
}

var (
	_ build.Store        = (*Store)(nil)
	_ build.MultiApplier = (*Store)(nil)
	_ build.Declarer     = (*Store)(nil)
	_ build.HealthReader = (*Store)(nil)
)
