// Command dashsmith builds static dashboards from Segment event files.
//
// main only parses flags and wires plugins together; the work is done by the
// core (build/) and the plugins (plugins/...).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dashsmith/dashsmith/build"
)

// Exit codes, as DESIGN.md fixes them.
const (
	exitOK    = 0
	exitUser  = 1 // bad input, a bad dashboard, a file that failed
	exitUsage = 2
)

const usage = `dashsmith builds static dashboards from Segment event files.

Usage:
  dashsmith new     [--github] DIR                   write a starter site (config, dashboards, sample events; --github: a Pages workflow)
  dashsmith ingest  [--from SRC] [--json] [--reset]  roll event files into the store (--reset: empty it first)
  dashsmith build   [--out public] [--now RFC3339] [--strict]   build the site (--strict: warnings fail it)
  dashsmith serve   [--port 1313]                    build, serve on localhost, rebuild and reload on save
  dashsmith check   [--now RFC3339] [--strict]       validate every dashboard, exit 1 on errors (and warnings, with --strict)
  dashsmith query   --event E [--measure count|sum(P)|unique(P)] [--every hour|day|week|month]
                    [--from T] [--to T] [--by P] [--where P=V]... [--top N] [--format csv|json]
  dashsmith events  [--format csv|json]              event names with totals and properties
  dashsmith rollups [--format csv|json] [--drop ID]  the rollups the store keeps, who asks for each; --drop forgets one
  dashsmith health  [--format csv|json|text]         ingestion per day: files, events, rejects, lag
  dashsmith deploy  s3://bucket/prefix [--dry-run] [--delete=false]   upload what changed, delete what it uploaded and the site dropped
  dashsmith version                                  the version and commit it was built from (also --version)

Every command reads dashsmith.yaml in the current folder (--config F for
another) and takes --store URL (default: the config's store:, else
bolt:.dashsmith/rollup.db). Run "dashsmith COMMAND -h" for its flags.
`

type command struct {
	name string
	run  func(ctx context.Context, env *env, args []string) error
}

var commands = []command{
	{"new", runNew},
	{"ingest", runIngest},
	{"build", runBuild},
	{"serve", runServe},
	{"check", runCheck},
	{"query", runQuery},
	{"events", runEvents},
	{"rollups", runRollups},
	{"health", runHealth},
	{"deploy", runDeploy},
	{"version", runVersion},
}

// env is what a command writes to.
type env struct {
	stdout, stderr io.Writer
	tty            bool // stdout is a terminal: a person reads it
}

// shown returns an event name or a property value as the command prints
// it: on a terminal with its bidirectional controls written out
// (build.Display), so that it cannot reorder the line around it; to a
// file or a program as the store has it, so that it can be given back
// to --event or a filter.
func (e *env) shown(s string) string {
	if e.tty {
		return build.Display(s)
	}
	return s
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError marks an error in how the command was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		f, ok := stdout.(*os.File)
		err := c.run(ctx, &env{stdout: stdout, stderr: stderr, tty: ok && isTerminal(f)}, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "dashsmith %s: %s\n", c.name, ue.msg)
			return exitUsage
		case errors.Is(err, errReported):
			return exitUser
		default:
			// "dashsmith serve: listen …", not "dashsmith serve: serve: listen …"
			fmt.Fprintf(stderr, "dashsmith %s: %s\n", c.name, strings.TrimPrefix(err.Error(), c.name+": "))
			return exitUser
		}
	}
	fmt.Fprintf(stderr, "dashsmith: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// errReported means the command already printed what went wrong.
var errReported = errors.New("reported")

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("dashsmith "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parse parses args, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageErrorOf(err)
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// usageErrorOf turns a flag error into a usage error (help stays help).
func usageErrorOf(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}

// isTerminal reports whether f is a terminal (progress is drawn only there).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
