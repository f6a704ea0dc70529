package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrict checks that --strict and the config's strict: true turn
// check's and build's warnings into errors (exit 1, nothing written, a
// summary that says how to see them as warnings), that --strict=false
// overrides the config, and that without either a misspelt event in a
// count query is a warning only.
func TestStrict(t *testing.T) {
	dir := newSite(t)
	if out := mustRun(t, dir, binDashsmith, "check", "--strict"); !strings.Contains(out, "no problems") {
		t.Fatalf("check --strict on a new site: %s", out)
	}
	mustRun(t, dir, binDashsmith, "build", "--strict")
	index := filepath.Join(dir, "public", "index.html")
	before, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"content/signups-typo.md": "---\ntitle: Sign-ups\nqueries:\n  signups:\n    event: Signed Upp\n---\nWe had {{ value \"signups\" }} sign-ups.\n"})
	const line = `content/signups-typo.md:4: query "signups": unknown event "Signed Upp" (did you mean "Signed Up"?)` + "\n"
	const flagHint = `1 problem(s), 1 of them warning(s) that --strict makes errors (drop --strict to see them as warnings)`
	const configHint = `1 problem(s), 1 of them warning(s) that strict: true in dashsmith.yaml makes errors (--strict=false, or strict: false, shows them as warnings)`
	unchanged := func(t *testing.T) {
		t.Helper()
		after, err := os.ReadFile(index)
		if err != nil || !bytes.Equal(before, after) {
			t.Fatalf("a failed build changed public/index.html (%v)", err)
		}
	}
	for _, c := range []struct {
		name   string
		config bool // strict: true in dashsmith.yaml
		args   []string
		code   int
		stderr string
		stdout string // what stdout holds
	}{
		{"Warning", false, []string{"check"}, exitOK, "content/signups-typo.md:4: warning: " + line[len("content/signups-typo.md:4: "):], "no errors, 1 warning(s)"},
		{"CheckFlag", false, []string{"check", "--strict"}, exitUser, line + flagHint + "\n", ""},
		{"BuildFlag", false, []string{"build", "--strict"}, exitUser, line + flagHint + "; nothing was written\n", ""},
		{"CheckConfig", true, []string{"check"}, exitUser, line + configHint + "\n", ""},
		{"BuildConfig", true, []string{"build"}, exitUser, line + configHint + "; nothing was written\n", ""},
		{"Override", true, []string{"check", "--strict=false"}, exitOK, "content/signups-typo.md:4: warning: " + line[len("content/signups-typo.md:4: "):], "no errors, 1 warning(s)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			config, err := os.ReadFile(filepath.Join(dir, "dashsmith.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if c.config {
				writeFiles(t, dir, map[string]string{"dashsmith.yaml": string(config) + "strict: true\n"})
				defer writeFiles(t, dir, map[string]string{"dashsmith.yaml": string(config)})
			}
			r := runBin(t, dir, binDashsmith, c.args...)
			if r.code != c.code || r.stderr != c.stderr || !strings.Contains(r.stdout, c.stdout) {
				t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit %d, stderr:\n%s", strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.code, c.stderr)
			}
			unchanged(t)
		})
	}
	t.Run("GitHubActions", func(t *testing.T) {
		cmd := exec.Command(binDashsmith, "check", "--strict")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=true")
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Run(); err == nil {
			t.Fatal("check --strict passed")
		}
		want := "::error file=content/signups-typo.md,line=4::query \"signups\": unknown event \"Signed Upp\" (did you mean \"Signed Up\"?)\n"
		if out.String() != want {
			t.Errorf("annotations:\n%s\nwant:\n%s", out.String(), want)
		}
	})
	t.Run("WithErrors", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"content/keys.md": "---\ntitle: Keys\ncolour: red\n---\n"})
		defer os.Remove(filepath.Join(dir, "content", "keys.md"))
		r := runBin(t, dir, binDashsmith, "check", "--strict")
		got := strings.SplitAfter(r.stderr, "\n")
		want := []string{`content/keys.md:3: unknown key "colour"`, line,
			"2 problem(s), 1 of them warning(s) that --strict makes errors (drop --strict to see them as warnings)\n", ""}
		if r.code != exitUser || len(got) != len(want) || !strings.HasPrefix(got[0], want[0]) || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("exit %d\nstderr:\n%s\nwant like:\n%s", r.code, r.stderr, strings.Join(want, "\n"))
		}
	})
	t.Run("WithoutStrict", func(t *testing.T) {
		r := runBin(t, dir, binDashsmith, "build")
		if r.code != exitOK || !strings.Contains(r.stdout, "1 warning(s)") {
			t.Fatalf("build: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		page, err := os.ReadFile(filepath.Join(dir, "public", "signups-typo", "index.html"))
		if err != nil || !bytes.Contains(page, []byte(`<data class="ds-value" value="0">0</data>`)) {
			t.Errorf("without --strict the page is published with its zero (%v)", err)
		}
	})
}

// TestExampleWorkflowsStrict checks that every check and build the
// example workflows run is strict, so that a misspelt event fails the run
// instead of publishing zeros.
func TestExampleWorkflowsStrict(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "github", "workflows", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example workflows (%v)", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		runs := 0
		for i, l := range strings.Split(string(data), "\n") {
			cmd, _, _ := strings.Cut(l, "#")
			_, cmd, ok := strings.Cut(cmd, "run: ")
			if !ok || !strings.Contains(cmd, "dashsmith check") && !strings.Contains(cmd, "dashsmith build") {
				continue
			}
			runs++
			if !strings.Contains(cmd, " --strict") {
				t.Errorf("%s:%d: %s runs without --strict", filepath.Base(f), i+1, strings.TrimSpace(cmd))
			}
		}
		if runs != 2 {
			t.Errorf("%s: %d runs of dashsmith check or build, want 2", filepath.Base(f), runs)
		}
	}
}
