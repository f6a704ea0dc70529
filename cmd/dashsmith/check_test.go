package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheck breaks a new site in every stage at once and checks that check
// reports every problem, at its file and line, with warnings for names the
// store has not seen and for empty results; that it speaks GitHub's
// annotations under GitHub Actions; and that build fails the same way
// without touching the last public/.
func TestCheck(t *testing.T) {
	dir := newSite(t)
	mustRun(t, dir, binDashsmith, "build")
	before, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("warn.md", "---\ntitle: Warn\nqueries:\n  typo:\n    event: Order Complete\n  none:\n    event: Order Completed\n    range: 2020-01-01..2020-02-01\n---\n")
	t.Run("Warnings", func(t *testing.T) {
		r := runBin(t, dir, binDashsmith, "check")
		want := `content/warn.md:4: warning: query "typo": unknown event "Order Complete" (did you mean "Order Completed"?)
content/warn.md:6: warning: query "none": no data for "Order Completed" in this range
`
		if r.code != exitOK || r.stderr != want || !strings.Contains(r.stdout, "no errors, 2 warning(s)") {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant like:\n%s", r.code, r.stdout, r.stderr, want)
		}
	})

	write("keys.md", "---\ntitle: Keys\ncolour: red\n---\n")
	write("range.md", "---\ntitle: Range\nqueries:\n  orders:\n    event: Order Completed\n    range: last fortnight\n---\n")
	write("chart.md", "---\ntitle: Chart\nqueries:\n  orders:\n    event: Order Completed\n---\nText.\n\n```chart\ntype: number\nquery: ordrs\n```\n")
	wantErrors := []string{
		`content/chart.md:11: chart: unknown query "ordrs"`,
		`content/keys.md:3: unknown key "colour"`,
		`content/range.md:4: query "orders": bad range "last fortnight"`,
		`content/warn.md:4: warning: query "typo": unknown event`,
	}
	t.Run("Errors", func(t *testing.T) {
		r := runBin(t, dir, binDashsmith, "check")
		if r.code != exitUser {
			t.Errorf("check exit %d, want %d", r.code, exitUser)
		}
		at := 0
		for _, w := range wantErrors {
			i := strings.Index(r.stderr[at:], w)
			if i < 0 {
				t.Fatalf("check does not report, in order, %s\nstderr:\n%s", w, r.stderr)
			}
			at += i
		}
		if !strings.Contains(r.stderr, "3 problem(s), 2 warning(s)") {
			t.Errorf("no summary:\n%s", r.stderr)
		}
	})
	t.Run("GitHubActions", func(t *testing.T) {
		cmd := exec.Command(binDashsmith, "check")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=true")
		var out bytes.Buffer
		cmd.Stdout = &out
		_ = cmd.Run()
		for _, w := range []string{
			"::error file=content/keys.md,line=3::unknown key \"colour\"\n",
			"::error file=content/chart.md,line=11::chart: unknown query \"ordrs\"",
			"::warning file=content/warn.md,line=4::query \"typo\": unknown event \"Order Complete\" (did you mean \"Order Completed\"?)\n",
		} {
			if !strings.Contains(out.String(), w) {
				t.Errorf("no annotation %q in\n%s", w, out.String())
			}
		}
	})
	t.Run("Build", func(t *testing.T) {
		r := runBin(t, dir, binDashsmith, "build")
		if r.code != exitUser || !strings.Contains(r.stderr, "nothing was written") || !strings.Contains(r.stderr, wantErrors[1]) {
			t.Fatalf("build of a broken site: exit %d\n%s", r.code, r.stderr)
		}
		after, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
		if err != nil || !bytes.Equal(before, after) {
			t.Fatalf("a failed build changed public/index.html (%v)", err)
		}
	})
}
