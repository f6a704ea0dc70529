package boltstore

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// release drops the store file's pages from this process's memory map
// after a commit. bbolt reads the file through mmap, and every page a
// commit reads stays counted in the process's resident memory until the
// map goes: over a long ingest that is most of the file, so RSS would
// grow with the store. The pages stay in the kernel's page cache; the
// next commit maps those it reads again (minor faults). The read
// transaction holds bbolt's mmap lock, so the map cannot move meanwhile.
func (s *Store) release() {
	_ = s.db.View(func(tx *bolt.Tx) error {
		releaseTx(tx)
		return nil
	})
}

// releaseTx is release from within a transaction, which holds the map in
// place: a long read (a breakdown's walk over every group) calls it as it
// goes, so that its RSS does not grow with the file either. Keys and
// values it still holds read the same after, faulted back from the cache.
func releaseTx(tx *bolt.Tx) {
	data, size := tx.DB().Info().Data, tx.Size()
	if data == 0 || size <= 0 {
		return
	}
	// MADV_DONTNEED on a shared, read-only file map loses nothing:
	// the file and page cache keep the data.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, data, uintptr(size), syscall.MADV_DONTNEED)
}
