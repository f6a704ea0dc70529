package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "site")
	tests := []struct {
		name   string
		args   []string
		code   int
		output string // in stdout when 0, else stderr
	}{
		{"OK", []string{"--out", out}, 0, "benchsite: wrote 1000 dashboards into " + out + "; build with --now 2026-11-25T12:00:00Z"},
		{"AlreadyThere", []string{"--out", out}, 1, "already holds rollup.db"},
		{"NoOut", nil, 2, "usage: benchsite --out DIR"},
		{"ExtraArgument", []string{"--out", out, "more"}, 2, "usage"},
		{"BadFlag", []string{"--nope"}, 2, "flag provided but not defined"},
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
	if _, err := os.Stat(filepath.Join(out, "dashsmith.yaml")); err != nil {
		t.Error(err)
	}
}
