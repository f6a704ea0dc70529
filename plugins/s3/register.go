package s3

import "github.com/dashsmith/dashsmith/build"

// The "s3" scheme names an event source and a publisher, registered when
// the package is imported.
func init() {
	build.RegisterSource("s3", OpenSource)
	build.RegisterPublisher("s3", OpenPublisher)
}
