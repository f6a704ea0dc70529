package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPagesUpload_NoManifest: every workflow that uploads a Pages
// artifact (the examples, and the one new --github writes) uploads a
// folder from which a step has removed dashsmith's manifest and output
// marker: neither is of use to a reader, and the manifest lists every
// page, unlisted ones too.
func TestPagesUpload_NoManifest(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "workflow", "dashboards.yml"))
	uploads := 0
	path := regexp.MustCompile(`(?m)upload-pages-artifact@\S+\s+with:\s+path:\s*(\S+)`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range path.FindAllStringSubmatch(string(data), -1) {
			uploads++
			dir := m[1]
			if dir == "public" || dir == "public/" {
				t.Errorf("%s: uploads public/ itself, with .dashsmith-manifest.json", filepath.Base(f))
				continue
			}
			for _, hidden := range []string{".dashsmith-manifest.json", ".dashsmith-output"} {
				if !strings.Contains(string(data), "rm -f "+dir+"/"+hidden) && !strings.Contains(string(data), " "+dir+"/"+hidden) {
					t.Errorf("%s: uploads %s without removing %s from it", filepath.Base(f), dir, hidden)
				}
			}
		}
	}
	if uploads < 2 {
		t.Errorf("%d Pages uploads found in %d workflows, want the example's and new --github's", uploads, len(files))
	}
}
