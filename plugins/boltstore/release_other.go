//go:build !linux

package boltstore

import bolt "go.etcd.io/bbolt"

// release is a no-op where the store does not trim its memory map (see
// release_linux.go).
func (s *Store) release() {}

// releaseTx is a no-op too.
func releaseTx(*bolt.Tx) {}
