//go:build unix

package build

import (
	"os"
	"syscall"
)

// linkCount is how many names a file has; 0 where it cannot be told.
func linkCount(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}
