package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/incremental"
	"github.com/dashsmith/dashsmith/plugins/markdown"
)

// TestIncrementalBuild: after new events for one event name (in hours the
// data already covers), a build with the same --now changes only the pages
// that query that event, plus the ingestion page; everything else is taken
// from the previous output byte for byte.
func TestIncrementalBuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "content"), filepath.Join(dir, "content"))
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "dashsmith.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binEventgen, "--out", "events", "--days", "35", "--end", "2026-11-20", "--seed", "5")
	mustRun(t, dir, binDashsmith, "ingest")
	const now = "2026-11-19T23:59:59Z"
	if total, unchanged := built(t, mustRun(t, dir, binDashsmith, "build", "--now", now)); unchanged != 0 || total < 5 {
		t.Fatalf("first build: %d pages, %d unchanged", total, unchanged)
	}
	// Nothing new: every page, the home page too (it lists the others,
	// which did not change, and says the same --now), comes from the last
	// build.
	total, unchanged := built(t, mustRun(t, dir, binDashsmith, "build", "--now", now))
	if unchanged != total {
		t.Errorf("a build with nothing new rendered %d of %d pages again, want none", total-unchanged, total)
	}
	before := snapshot(t, filepath.Join(dir, "public"))

	// Three late sign-ups in an hour the data already covers.
	var lines bytes.Buffer
	for i, plan := range []string{"pro", "free", "team"} {
		lines.WriteString(`{"type":"track","event":"Signed Up","messageId":"late-` + string(rune('a'+i)) + `","userId":"u_late","properties":{"plan":"` + plan + `"},"timestamp":"2026-11-18T10:15:00Z","receivedAt":"2026-11-19T09:00:00Z"}` + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "events", "late.ndjson"), lines.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "ingest")
	_, unchangedAfter := built(t, mustRun(t, dir, binDashsmith, "build", "--now", now))
	after := snapshot(t, filepath.Join(dir, "public"))

	// The pages whose queries read "Signed Up".
	readers := map[string]bool{"ingestion/": true, "": true}
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, _ := os.ReadFile(p)
		if bytes.Contains(src, []byte("Signed Up")) {
			rel, _ := filepath.Rel(filepath.Join(dir, "content"), p)
			readers[strings.TrimSuffix(filepath.ToSlash(rel), ".md")+"/"] = true
		}
		return nil
	})
	var changed []string
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			changed = append(changed, name)
		}
	}
	sort.Strings(changed)
	sawSignups := false
	for _, name := range changed {
		folder := strings.TrimSuffix(name, filepath.Base(name))
		if name == ".dashsmith-manifest.json" {
			continue
		}
		if !readers[folder] {
			t.Errorf("%s changed, though its page does not read Signed Up", name)
		}
		if folder == "signups/" {
			sawSignups = true
		}
	}
	if !sawSignups {
		t.Errorf("the sign-ups page did not change; changed: %v", changed)
	}
	// Rendered again: the pages that read Signed Up, ingestion, home.
	if want := total - (len(readers) - 2) - 2; unchangedAfter < want-1 || unchangedAfter == unchanged {
		t.Errorf("after new sign-ups %d pages were unchanged; want about %d (of %d)", unchangedAfter, want, total)
	}
}

// renamed is a plugin under another name, of the same stage.
type renamed struct {
	build.Plugin
	name string
}

func (r renamed) Name() string       { return r.name }
func (r renamed) Stage() build.Stage { return build.StageOf(r.Plugin) }

// TestIncrementalPipeline_ByStage: page reuse is placed in the standard
// pipeline by the stages its plugins declare, so that renaming a plugin
// cannot move it or turn it off: every standard plugin declares one, the
// comparison runs right before the Markdown renderer (found by its type),
// and the pipeline with every plugin renamed gets reuse in the same place.
func TestIncrementalPipeline_ByStage(t *testing.T) {
	for _, p := range pipeline() {
		if build.StageOf(p) == build.Unstaged {
			t.Errorf("%s declares no stage", p.Name())
		}
	}
	pl, err := incrementalPipeline(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	at := -1
	for i, p := range pl {
		if _, ok := p.(*markdown.Markdown); ok {
			at = i
		}
	}
	if at < 1 || pl[at-1].Name() != "incremental" {
		t.Fatalf("the comparison does not run right before markdown: %s", stageNames(pl))
	}

	var other build.Pipeline
	for i, p := range pipeline() {
		other = append(other, renamed{p, fmt.Sprintf("plugin%d", i)})
	}
	placed, err := incremental.New(incremental.Options{Manifest: incremental.Disk(t.TempDir()), Salt: "x"}).Place(other)
	if err != nil {
		t.Fatal(err)
	}
	if len(placed) != len(pl) {
		t.Fatalf("renamed: %s\nstandard: %s", stageNames(placed), stageNames(pl))
	}
	for i := range pl {
		_, hook := placed[i].(renamed)
		if hook == strings.HasPrefix(pl[i].Name(), "incremental") || build.StageOf(placed[i]) != build.StageOf(pl[i]) {
			t.Fatalf("renamed: %s\nstandard: %s", stageNames(placed), stageNames(pl))
		}
	}
}

// stageNames lists the plugins of pl with their stages.
func stageNames(pl build.Pipeline) string {
	var out []string
	for _, p := range pl {
		out = append(out, p.Name()+"@"+build.StageOf(p).String())
	}
	return strings.Join(out, " ")
}

// built reads "build: N pages (M unchanged since the last build)".
func built(t *testing.T, out string) (total, unchanged int) {
	t.Helper()
	if _, err := fmt.Sscanf(out, "build: %d pages (%d unchanged", &total, &unchanged); err != nil {
		t.Fatalf("build said %q: %v", out, err)
	}
	return total, unchanged
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
