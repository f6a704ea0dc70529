//go:build !unix

package build

import "os"

// linkCount is how many names a file has; 0 where it cannot be told.
func linkCount(os.FileInfo) uint64 { return 0 }
