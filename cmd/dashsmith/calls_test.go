package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckInlineCalls checks that check and build report a broken
// inline call at its line with the fix, and publish nothing, while code
// spans, fences and \{{ keep "{{" as text.
func TestCheckInlineCalls(t *testing.T) {
	dir := newSite(t)
	page := "---\ntitle: Calls\nqueries:\n  signups:\n    event: Signed Up\n---\n" +
		"We had {{ value \"signups\" }} sign-ups; in Go templates, `{{ .Title }}` and \\{{ .Title }}.\n\n" +
		"```\n{{ value signups }}\n```\n"
	writeFiles(t, dir, map[string]string{"content/calls.md": page})
	mustRun(t, dir, binDashsmith, "build", "--strict")
	html, err := os.ReadFile(filepath.Join(dir, "public", "calls", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<code>{{ .Title }}</code> and {{ .Title }}.", "<pre><code>{{ value signups }}\n</code></pre>"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("calls/index.html lacks %q", want)
		}
	}
	writeFiles(t, dir, map[string]string{"content/calls.md": page + "\nThen {{ value 'signups' }},\n{{ value singups }} and {{ vaule \"signups\" }}.\n"})
	want := `content/calls.md:13: {{ value }}: the argument 'signups' goes in double quotes, not single ones: {{ value "signups" }}
content/calls.md:14: {{ value }}: the argument singups goes in double quotes: {{ value "singups" }}
content/calls.md:14: unknown inline call "vaule" (did you mean "value"?)
3 problem(s)
`
	for _, cmd := range []string{"check", "build"} {
		r := runBin(t, dir, binDashsmith, cmd)
		got := strings.TrimSuffix(r.stderr, "; nothing was written\n")
		if cmd == "build" {
			got += "\n"
		}
		if r.code != exitUser || got != want {
			t.Errorf("%s: exit %d\nstderr:\n%s\nwant:\n%s", cmd, r.code, r.stderr, want)
		}
	}
	writeFiles(t, dir, map[string]string{"content/calls.md": page + "\n{{ value \"singups\" }}\n"})
	r := runBin(t, dir, binDashsmith, "check")
	if r.code != exitUser || r.stderr != "content/calls.md:13: value: unknown query \"singups\" (did you mean \"signups\"?)\n1 problem(s)\n" {
		t.Errorf("check: exit %d\n%s", r.code, r.stderr)
	}
}
