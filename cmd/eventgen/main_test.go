package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		output string // in stdout when 0, else stderr
	}{
		{"OK", []string{"--out", out, "--days", "1", "--end", "2026-11-26", "--scale", "0.5"}, 0, "eventgen: wrote "},
		{"AlreadyThere", []string{"--out", out, "--days", "1", "--end", "2026-11-26"}, 1, "already exists"},
		{"BadEnd", []string{"--out", t.TempDir(), "--end", "26/11/2026"}, 2, "--end"},
		{"BadDays", []string{"--out", t.TempDir(), "--days", "0"}, 1, "0 days"},
		{"BadFlag", []string{"--nope"}, 2, "flag provided but not defined"},
		{"ExtraArgument", []string{"events"}, 2, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(ctx, tt.args, &stdout, &stderr)
			got := stderr.String()
			if tt.code == 0 {
				got = stdout.String()
			}
			if code != tt.code || !strings.Contains(got, tt.output) {
				t.Errorf("code %d, output %q; want %d and %q (stderr %q)", code, got, tt.code, tt.output, stderr.String())
			}
		})
	}
	if matches, _ := filepath.Glob(filepath.Join(out, "segment-logs", "acmeDemo01", "*", "*.gz")); len(matches) != 24 {
		t.Errorf("%d files, want 24", len(matches))
	}
}
