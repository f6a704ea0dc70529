package handler

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3"
)

// Env is the function's configuration, from its environment.
type Env struct {
	Store       string        // DASHSMITH_STORE: the store URL, dynamodb://table?region=…
	Cardinality int           // DASHSMITH_CARDINALITY: breakdown values kept per rollup and hour; 0 is the default
	Dedupe      time.Duration // DASHSMITH_DEDUPE_WINDOW: count a repeated messageId once within it; unset is off
	MaxFile     int64         // DASHSMITH_MAX_FILE_BYTES: the largest object read, in bytes; 0 is DefaultMaxFileBytes
	MaxNames    int           // DASHSMITH_MAX_EVENT_NAMES: distinct event names the store keeps; 0 is the default
}

// ReadEnv reads the configuration through getenv (os.Getenv).
func ReadEnv(getenv func(string) string) (Env, error) {
	e := Env{Store: getenv("DASHSMITH_STORE")}
	if e.Store == "" {
		return e, fmt.Errorf("DASHSMITH_STORE is not set: set it to the store URL, e.g. dynamodb://dashsmith-rollup?region=us-east-1")
	}
	if v := getenv("DASHSMITH_CARDINALITY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || n > build.MaxCardinality {
			return e, fmt.Errorf("DASHSMITH_CARDINALITY %q: a whole number from 1 to %d (default %d)", v, build.MaxCardinality, build.DefaultCardinality)
		}
		e.Cardinality = n
	}
	if v := getenv("DASHSMITH_MAX_FILE_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return e, fmt.Errorf("DASHSMITH_MAX_FILE_BYTES %q: a whole number of bytes above 0 (default %d, 256 MiB)", v, DefaultMaxFileBytes)
		}
		e.MaxFile = n
	}
	if v := getenv("DASHSMITH_MAX_EVENT_NAMES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || n > build.MaxEventNamesLimit {
			return e, fmt.Errorf("DASHSMITH_MAX_EVENT_NAMES %q: a whole number from 1 to %d (default %d)", v, build.MaxEventNamesLimit, build.DefaultMaxEventNames)
		}
		e.MaxNames = n
	}
	if v := getenv("DASHSMITH_DEDUPE_WINDOW"); v != "" {
		d, err := build.Config{Dedupe: "messageId", DedupeWindow: v}.DedupeSpan()
		if err != nil {
			return e, fmt.Errorf("DASHSMITH_DEDUPE_WINDOW: %w", err)
		}
		e.Dedupe = d
	}
	return e, nil
}

// FromEnv opens the store and the S3 client the environment names, once
// per container, and returns the handler that uses them. Logs are JSON
// lines on standard output, which Lambda sends to CloudWatch.
func FromEnv(ctx context.Context) (*Handler, error) {
	e, err := ReadEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	dec, err := build.LookupDecoder(build.DefaultFormat)
	if err != nil {
		return nil, err
	}
	st, err := build.OpenStore(ctx, e.Store, build.StoreOptions{})
	if err != nil {
		return nil, err
	}
	client, err := s3.NewClient(ctx, s3.Options{})
	if err != nil {
		st.Close()
		return nil, err
	}
	return New(Config{
		Store:  st,
		S3:     client,
		Parse:  build.NewParser(dec, build.FoldOptions{Cardinality: e.Cardinality}),
		Dedupe: e.Dedupe,
		Log:    slog.New(slog.NewJSONHandler(os.Stdout, nil)),

		MaxFileBytes:  e.MaxFile,
		MaxEventNames: e.MaxNames,
	}), nil
}
