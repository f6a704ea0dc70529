package build

import (
	"context"
	"strings"
	"testing"
)

func TestScheme(t *testing.T) {
	for in, want := range map[string]string{
		"bolt:.dashsmith/rollup.db":  "bolt",
		"dynamodb://table?region=eu": "dynamodb",
		"s3://bucket/prefix":         "s3",
		"./events":                   "file",
		"events":                     "file",
		"/abs/events":                "file",
		"file:./events":              "file",
		`C:\events`:                  "file",
		"Weird:thing":                "file",
	} {
		if got := Scheme(in); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"bolt:a/b.db": "a/b.db", "s3://bucket/p": "bucket/p", "./events": "./events", "file:///abs": "/abs"} {
		if got := TrimScheme(in); got != want {
			t.Errorf("TrimScheme(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOpenStoreUnknown(t *testing.T) {
	_, err := OpenStore(context.Background(), "nosuch://x", StoreOptions{})
	if err == nil || !strings.Contains(err.Error(), `unknown scheme "nosuch": use one of `) {
		t.Errorf("OpenStore(nosuch://x) = %v", err)
	}
	_, err = OpenSource(context.Background(), "nosuch://x")
	if err == nil || !strings.Contains(err.Error(), `unknown scheme "nosuch": use one of`) {
		t.Errorf("OpenSource(nosuch://x) = %v", err)
	}
}
