package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNewGitHub: dashsmith new --github writes the starter site and a
// workflow that pins this dashsmith, passes actionlint, keeps the store
// and public/ in the cache, builds with --strict and publishes public/
// without the manifest; in a site that exists it writes the workflow
// only, and never over one.
func TestNewGitHub(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	out := mustRun(t, t.TempDir(), binDashsmith, "new", dir, "--github")
	if !strings.Contains(out, `"GitHub Actions"`) {
		t.Errorf("new --github does not say how to turn Pages on:\n%s", out)
	}
	path := filepath.Join(dir, ".github", "workflows", "dashboards.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wf := string(data)
	// The test binary is built without -ldflags: its pin is the commit
	// the build recorded, or latest when it recorded none.
	if !regexp.MustCompile(`\n  DASHSMITH_VERSION: "([0-9a-f]{12}|latest)"\n`).MatchString(wf) {
		t.Errorf("the workflow pins no version:\n%s", wf)
	}
	for _, want := range []string{
		"dashsmith check --strict", "dashsmith build --strict --out public",
		"path: .dashsmith\n", "path: public\n", "restore-keys: public-", "path: ~/.dashsmith-bin",
		"rm -f _site/.dashsmith-manifest.json", "path: _site\n", "grep -E '^events:' dashsmith.yaml",
	} {
		if !strings.Contains(wf, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
	actionlint(t, path)
	if _, err := os.Stat(filepath.Join(dir, "content", "traffic.md")); err != nil {
		t.Errorf("new --github wrote no site: %v", err)
	}

	// In a site that exists: the workflow only, and never twice.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, binDashsmith, "new", "--github")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("new --github in a site: %v", err)
	}
	if r := runBin(t, dir, binDashsmith, "new", "--github", "."); r.code != exitUser || !strings.Contains(r.stderr, "is there already") {
		t.Errorf("new --github over a workflow: exit %d, %s", r.code, r.stderr)
	}
	if r := runBin(t, t.TempDir(), binDashsmith, "new", "a", "b"); r.code != exitUsage {
		t.Errorf("new a b: exit %d", r.code)
	}
}

// TestWorkflowPin: the workflow installs a release or pseudo-version as
// given, a commit for what git describe makes of a commit after a tag or
// of a modified tree, and latest, with a note to pin, for a build that
// knows neither.
func TestWorkflowPin(t *testing.T) {
	for _, c := range []struct {
		v, rev string
		dirty  bool
		want   string
	}{
		{"v0.3.0", "1a2b3c4d5e6f", false, "v0.3.0"},
		{"v0.3.0-rc.1", "", false, "v0.3.0-rc.1"},
		{"v0.0.0-20261204101500-1a2b3c4d5e6f", "", false, "v0.0.0-20261204101500-1a2b3c4d5e6f"},
		{"v0.3.0-5-g1a2b3c4", "1a2b3c4d5e6f", false, "1a2b3c4d5e6f"},
		{"v0.3.0-dirty", "1a2b3c4d5e6f", true, "1a2b3c4d5e6f"},
		{"1a2b3c4", "1a2b3c4d5e6f", false, "1a2b3c4d5e6f"},
		{"devel", "", false, "latest"},
		{"", "", false, "latest"},
	} {
		p := workflowPin(c.v, c.rev, c.dirty)
		if p.Version != c.want || p.Note == "" {
			t.Errorf("workflowPin(%q, %q, %v) = %+v; want %s", c.v, c.rev, c.dirty, p, c.want)
		}
		if c.dirty && !strings.Contains(p.Note, "without them") {
			t.Errorf("a modified build's note: %q", p.Note)
		}
	}
}

// actionlint runs the Makefile's actionlint on a workflow. When it cannot
// be installed (no network, and make lint has not fetched it), the test
// is skipped, or fails when CI=true.
func actionlint(t *testing.T, path string) {
	t.Helper()
	bin, err := exec.LookPath("actionlint")
	if err != nil {
		mk, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?m)^ACTIONLINT\s*:=\s*(\S+)$`).FindSubmatch(mk)
		if m == nil {
			t.Fatal("the Makefile pins no ACTIONLINT")
		}
		gobin := t.TempDir()
		install := exec.Command("go", "install", string(m[1]))
		install.Dir = repoRoot
		install.Env = append(os.Environ(), "GOBIN="+gobin)
		if out, err := install.CombinedOutput(); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("actionlint: go install %s: %v\n%s", m[1], err, out)
			}
			t.Skipf("actionlint is not installed and go install %s failed (CI runs this test): %v", m[1], err)
		}
		bin = filepath.Join(gobin, "actionlint")
	}
	if out, err := exec.Command(bin, path).CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}
