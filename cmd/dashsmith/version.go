package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set by the Makefile: -ldflags "-X main.version=..."
var version = ""

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	v := version
	if v == "" {
		v = "(devel)"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(e.stdout, "dashsmith %s %s/%s %s\n", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return nil
}
