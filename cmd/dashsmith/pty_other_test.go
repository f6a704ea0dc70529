//go:build !linux

package main

import "testing"

// onTerminal needs Linux's pseudo-terminals; elsewhere the terminal half
// of the test is skipped.
func onTerminal(t *testing.T, dir, bin string, args ...string) string {
	t.Helper()
	t.Skip("no pseudo-terminal helper on this system")
	return ""
}
