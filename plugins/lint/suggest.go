package lint

import "github.com/dashsmith/dashsmith/build"

// suggest returns the names close to name for a "did you mean" (see
// build.Suggest).
func suggest(name string, names []string) string { return build.Suggest(name, names) }
