package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dashsmith/dashsmith/build"
)

func runDeploy(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "deploy")
	dir := fs.String("dir", "public", "the built site `folder`")
	del := fs.Bool("delete", true, "delete the files an earlier deploy uploaded that the site no longer has (never other files under the target)")
	dry := fs.Bool("dry-run", false, "print the plan and change nothing")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	// The target comes first (dashsmith deploy s3://bucket/prefix --dry-run)
	// or after the flags.
	var target string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		target, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return usageErrorOf(err)
	}
	if target == "" && fs.NArg() == 1 {
		target = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if target == "" {
		return usageError{"name where to deploy: dashsmith deploy s3://bucket/prefix"}
	}
	pub, err := build.OpenPublisher(ctx, target)
	if err != nil {
		return err
	}
	opt := build.DeployOptions{Delete: *del, DryRun: *dry, AlsoOurs: olderOutput}
	if f, ok := e.stderr.(*os.File); ok && isTerminal(f) {
		opt.Progress = func(done, total int) { fmt.Fprintf(f, "\r\033[Kdeploy: %d/%d files", done, total) }
		defer fmt.Fprint(f, "\r\033[K")
	}
	rep, err := build.Deploy(ctx, *dir, pub, opt)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	if *dry {
		for _, p := range rep.Uploaded {
			fmt.Fprintf(e.stdout, "upload %s\n", p)
		}
		for _, p := range rep.Deleted {
			fmt.Fprintf(e.stdout, "delete %s\n", p)
		}
		if rep.Foreign > 0 {
			fmt.Fprintf(e.stdout, "keep %d other files under the target (not uploaded by dashsmith)\n", rep.Foreign)
		}
	}
	fmt.Fprintln(e.stdout, rep.Summary())
	return nil
}
