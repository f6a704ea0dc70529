//go:build !linux

package boltstore

// release is a no-op where the store does not trim its memory map (see
// release_linux.go).
func (s *Store) release() {}
