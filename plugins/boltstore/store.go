package boltstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

func init() {
	build.RegisterStore("bolt", driver{})
}

// DefaultLockTimeout is how long an open waits for another process's lock.
const DefaultLockTimeout = 5 * time.Second

// Options tune OpenFile.
type Options struct {
	// LockTimeout is how long to wait while another process holds the file;
	// 0 means DefaultLockTimeout.
	LockTimeout time.Duration
	// ReadOnly opens an existing file with a shared lock, for commands that
	// only query. Apply fails on a read-only store.
	ReadOnly bool
}

// Store is a rollup kept in one bbolt file. It is safe for concurrent use.
type Store struct {
	db       *bolt.DB
	name     string // the path as the user gave it, for messages
	readOnly bool

	commits atomic.Int64                  // write transactions committed by Apply and ApplyAll
	onPut   func(bucket string, k []byte) // tests only: sees every measure write
}

// Open opens the store a URL names: bolt:PATH, with optional settings after
// a '?': bolt:.dashsmith/rollup.db?mode=ro&timeout=10s. The URL's mode=
// wins over o.ReadOnly; o.Create changes nothing, as a file opened to
// write is created anyway.
func Open(ctx context.Context, url string, o build.StoreOptions) (build.Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path, opts, err := parseURL(url, o)
	if err != nil {
		return nil, err
	}
	s, err := OpenFile(path, opts)
	if err != nil {
		return nil, err // not a nil *Store inside a non-nil interface
	}
	return s, nil
}

// OpenFile opens the rollup file at path, creating it and its folder unless
// opts.ReadOnly is set. Opening a file that another process holds waits up
// to opts.LockTimeout, then fails with an error that says so.
func OpenFile(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("boltstore: no file named: use bolt:.dashsmith/rollup.db or bolt:/path/to/rollup.db")
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("boltstore: %s: %w: run dashsmith ingest to create it, or pass --store to use another file", path, build.ErrNotFound)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("boltstore: cannot create the folder of %s: %w", path, err)
	}
	bo := &bolt.Options{Timeout: timeout, ReadOnly: opts.ReadOnly}
	if !opts.ReadOnly {
		bo.InitialMmapSize = writeMapSize
	}
	db, err := bolt.Open(path, 0o644, bo)
	if err != nil {
		return nil, openError(path, timeout, err)
	}
	s := &Store{db: db, name: path, readOnly: opts.ReadOnly}
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// writeMapSize is the address space a store opened to write maps at
// first (1 GiB on 64-bit systems, none on 32-bit). bbolt maps the file
// from the start of a commit; when the file outgrows the map, the commit
// copies every page it has touched out of the map and maps the file
// again, which over an ingest into a new store costs a fifth of the
// commits' time. The map is address space, not memory: only the pages
// read or written are resident, and the file grows only as it fills.
const writeMapSize = 1 << 30 * (strconv.IntSize / 64)

// openError turns bbolt's open errors into ones that say what to do.
func openError(path string, waited time.Duration, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("boltstore: %s is in use by another dashsmith process (waited %s); wait for it to finish or pass --store to use another file", path, waited)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return fmt.Errorf("boltstore: %s is not a readable bbolt file (%v); move it aside to rebuild it with dashsmith ingest, or pass --store to use another file", path, err)
	}
	return fmt.Errorf("boltstore: open %s: %w", path, err)
}

// Close releases the file and its lock. Closing twice is harmless.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("boltstore: close %s: %w", s.name, err)
	}
	return nil
}

// Path is the file's path as it was given to OpenFile.
func (s *Store) Path() string { return s.name }

// wrap adds the package prefix and turns "closed" into advice.
func (s *Store) wrap(what string, err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return fmt.Errorf("boltstore: %s %s: the store is closed; open it again", what, s.name)
	}
	return fmt.Errorf("boltstore: %s %s: %w", what, s.name, err)
}

var (
	_ build.Store        = (*Store)(nil)
	_ build.MultiApplier = (*Store)(nil)
	_ build.Declarer     = (*Store)(nil)
	_ build.HealthReader = (*Store)(nil)
	_ build.Dropper      = (*Store)(nil)
	_ build.Resetter     = (*Store)(nil)
)
