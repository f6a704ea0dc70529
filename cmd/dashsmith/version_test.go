package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr.String())
		}
		if out := stdout.String(); !strings.HasPrefix(out, "dashsmith ") || !strings.Contains(out, "go1.") {
			t.Errorf("%v: %q", args, out)
		}
	}
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "v1.2.3", "0123456789ab"
	if got := versionLine(); !strings.HasPrefix(got, "dashsmith v1.2.3 (commit 0123456789ab) ") {
		t.Errorf("versionLine() = %q", got)
	}
}

// TestHelp_ExitsZero: "-h" is help, exit 0, for every command, new too.
func TestHelp_ExitsZero(t *testing.T) {
	for _, c := range commands {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{c.name, "-h"}, &stdout, &stderr); code != exitOK {
			t.Errorf("dashsmith %s -h: exit %d, want 0\n%s", c.name, code, stderr.String())
		}
		if stderr.Len() == 0 {
			t.Errorf("dashsmith %s -h printed no usage", c.name)
		}
	}
}
