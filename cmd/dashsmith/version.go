package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit are set by the Makefile (and a release's build):
// -ldflags "-X main.version=... -X main.commit=...". Without them the
// module's version and the build's own record of its commit are used.
var version, commit = "", ""

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, versionLine())
	return nil
}

// versionLine is what dashsmith version (and --version) prints: the
// version the build was given (the Makefile's git describe, a release's
// tag), else the module's, the commit it was built from when the build
// recorded one, and the platform and Go it was built with:
// "dashsmith v0.3.0 (commit 1a2b3c4d5e6f) linux/amd64 go1.26.8".
func versionLine() string {
	v, rev, dirty := builtFrom()
	if v == "" {
		v = "(devel)"
	}
	if rev != "" && dirty {
		rev += ", modified"
	}
	if rev != "" {
		v += " (commit " + rev + ")"
	}
	return fmt.Sprintf("dashsmith %s %s/%s %s", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// builtFrom returns the version the build was given, else the module's
// ("" when it has neither), and the commit it was given, else the one
// the build recorded (its first 12 digits, "" when none), and whether
// the build recorded a tree modified from that commit.
func builtFrom() (v, rev string, dirty bool) {
	v, rev = version, commit
	bi, ok := debug.ReadBuildInfo()
	if v == "" && ok && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	if ok && rev == "" {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
	}
	return v, rev, dirty
}
