package build

import (
	"context"
	"io"
	"time"
)

// Source lists and opens raw event files: a local folder, an S3 prefix.
type Source interface {
	// List returns every event file, sorted by key.
	List(ctx context.Context) ([]FileInfo, error)
	// Open streams one file as stored (gzipped or not).
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// FileInfo names one event file.
type FileInfo struct {
	Key     string // slash path relative to the source root; the file's identity
	Size    int64
	ModTime time.Time
}
