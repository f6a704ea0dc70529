package boltstore

import (
	"context"
	"fmt"
	"os"

	"github.com/dashsmith/dashsmith/build"
)

// driver is the bolt: scheme's build.StoreDriver. A bolt store is one local
// file, so it also tells the file (build.StoreFiler) and a stamp of it
// (build.StoreStamper) from the URL alone, without the lock an open takes.
type driver struct{}

// Open implements build.StoreDriver (see Open).
func (driver) Open(ctx context.Context, url string, opts build.StoreOptions) (build.Store, error) {
	return Open(ctx, url, opts)
}

// Files implements build.StoreFiler: the store's file, as the URL names it.
func (driver) Files(url string) ([]string, error) {
	path, _, err := parseURL(url, build.StoreOptions{})
	if err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// Stamp implements build.StoreStamper: the size and time of change of the
// file, which every commit of an ingest changes. A file that is not there
// has no stamp (an error).
func (driver) Stamp(url string) (string, error) {
	path, _, err := parseURL(url, build.StoreOptions{})
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano()), nil
}

var (
	_ build.StoreStamper = driver{}
	_ build.StoreFiler   = driver{}
)
