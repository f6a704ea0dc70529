package serve

import (
	"testing"

	"github.com/fsnotify/fsnotify"
)

// TestRelevant checks which edits start a rebuild: the config and the
// files its loader also reads, the watched folders, and no editor's
// temporary files.
func TestRelevant(t *testing.T) {
	wt := &watcher{config: "dashsmith.yaml", also: []string{"annotations.yaml"}}
	for name, want := range map[string]bool{
		"dashsmith.yaml":          true,
		"annotations.yaml":        true,
		"content/a.md":            true,
		"layouts/base.html":       true,
		"notes.yaml":              false,
		".annotations.yaml.swp":   false,
		"content/.a.md.swp":       false,
		"content/a.md~":           false,
		"public/index.html":       false,
		"annotations.yaml.backup": false,
	} {
		if _, got := wt.relevant(fsnotify.Event{Name: name, Op: fsnotify.Write}); got != want {
			t.Errorf("%s: relevant %v, want %v", name, got, want)
		}
	}
}
