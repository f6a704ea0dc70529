package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/charts"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/controls"
	"github.com/dashsmith/dashsmith/plugins/each"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
	"github.com/dashsmith/dashsmith/plugins/ghpages"
	"github.com/dashsmith/dashsmith/plugins/health"
	"github.com/dashsmith/dashsmith/plugins/incremental"
	"github.com/dashsmith/dashsmith/plugins/index"
	"github.com/dashsmith/dashsmith/plugins/layout"
	"github.com/dashsmith/dashsmith/plugins/lint"
	"github.com/dashsmith/dashsmith/plugins/markdown"
	"github.com/dashsmith/dashsmith/plugins/query"
)

// pipeline is the standard chain of a build, in order.
func pipeline() build.Pipeline {
	views := controls.New()
	return build.Pipeline{
		content.New("content"),
		frontmatter.New(),
		each.New(),
		views,
		health.New(30),
		index.New(),
		query.New(),
		lint.New(),
		markdown.New(),
		views.Wrap(),
		charts.New(charts.Options{ECharts: dashsmith.ECharts()}),
		layout.New(dashsmith.Layouts, dashsmith.Static, "."),
		ghpages.New(),
	}
}

// incrementalPipeline is pipeline with the pages whose inputs did not
// change since the build in out taken from there (see plugins/incremental).
// It is made in the site folder, whose layouts/ and static/ it digests.
func incrementalPipeline(out string) (build.Pipeline, error) {
	salt, err := incremental.Salt(".", "layouts", "static")
	if err != nil {
		return nil, err
	}
	return incremental.New(incremental.Options{Manifest: incremental.Disk(out), Salt: salt}).Place(pipeline())
}

// buildGOGC is the garbage collector's target during a build. A build
// holds little for long (pages are written as they are finished), so
// the collector's default of 100% would run it often over a small heap;
// 200% trades some memory for less CPU (at 400% the 1,000-dashboard
// benchmark used about a tenth less CPU than at 100%, but a build of
// 20,000 pages peaked at 475 MB instead of 260). The GOGC environment
// variable still wins.
const buildGOGC = 200

func runBuild(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	var strict strictFlag
	fs := newFlags(e, "build")
	sf.register(fs, true)
	strict.register(fs)
	out := fs.String("out", "public", "output `folder`")
	now := fs.String("now", "", "the build's \"as of\" time, RFC 3339 (default: the current time)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(buildGOGC))
	}
	outDir, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	site, warnings, err := runPipeline(ctx, e, &sf, &strict, *now, outDir)
	if err != nil {
		return err
	}
	w := site.Output.(*build.OutputDir)
	defer w.Close()
	if err := w.Commit(site); err != nil {
		return err
	}
	reused := 0
	for _, p := range site.Pages {
		if p.Reused {
			reused++
		}
	}
	fmt.Fprintf(e.stdout, "build: %d pages (%d unchanged since the last build), %d files in %s%s\n",
		len(site.Pages), reused, w.Files(), *out, warningCount(warnings))
	return nil
}

func runCheck(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	var strict strictFlag
	fs := newFlags(e, "check")
	sf.register(fs, true)
	strict.register(fs)
	now := fs.String("now", "", "resolve ranges as of this RFC 3339 time (default: the current time)")
	if err := parse(fs, args); err != nil {
		return err
	}
	site, warnings, err := runPipeline(ctx, e, &sf, &strict, *now, "")
	if err != nil {
		return err
	}
	dashboards := 0 // a page's precomputed views are that dashboard's
	for _, p := range site.Pages {
		if p.View == "" {
			dashboards++
		}
	}
	if len(warnings) == 0 {
		fmt.Fprintf(e.stdout, "check: %d dashboards, no problems\n", dashboards)
	} else {
		fmt.Fprintf(e.stdout, "check: %d dashboards, no errors%s\n", dashboards, warningCount(warnings))
	}
	return nil
}

// runPipeline loads the site and runs every stage but the write. Problems
// in dashboards, and warnings, are printed one per line (and as GitHub
// annotations under GitHub Actions); problems are then reported as
// errReported. It returns the warnings it printed. Under --strict or the
// config's strict: true, warnings are problems too, and the summary says
// so and how to see them as warnings. out is the output folder of a build
// (whose previous pages may be reused), "" for check, which writes
// nothing.
func runPipeline(ctx context.Context, e *env, sf *siteFlags, strict *strictFlag, now string, out string) (site *build.Site, _ build.ErrorList, _ error) {
	writes := out != ""
	asOf := time.Now().UTC().Truncate(time.Second)
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			return nil, nil, usageError{fmt.Sprintf("--now %q: use RFC 3339, e.g. 2026-11-25T18:00:00Z", now)}
		}
		asOf = t
	}
	cfg, err := sf.load()
	if err != nil {
		return nil, nil, err
	}
	if writes {
		if err := checkOut(out, sf, cfg); err != nil {
			return nil, nil, err
		}
	}
	st, err := sf.openStore(ctx, cfg, build.StoreOptions{})
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	site = &build.Site{Config: cfg, Dir: ".", Store: st, Now: asOf}
	pl := pipeline()
	if writes {
		// Pages are written as they are finished, into a folder that
		// takes out's place once every page succeeded (runBuild commits).
		var w *build.OutputDir
		if pl, err = incrementalPipeline(out); err == nil {
			w, err = build.NewOutputDir(out, olderOutput...)
		}
		if err != nil {
			return nil, nil, err
		}
		site.Output = w
		defer func() {
			if site == nil { // failed: out stays as it was
				w.Close()
			}
		}()
	}
	if !writes {
		site.Output = build.Discard // check keeps nothing of a page it checked
	}
	err = pl.Run(ctx, site)
	warnings := warningsOf(pl)
	hint := strict.of(cfg, filepath.ToSlash(sf.config))
	var list build.ErrorList
	if err != nil {
		var one *build.Error
		switch {
		case errors.As(err, &list):
		case errors.As(err, &one):
			list = build.ErrorList{one}
		default:
			return nil, nil, err
		}
	}
	list, warnings = distinct(list), distinct(warnings)
	made := 0 // warnings made errors
	if hint != "" && len(warnings) > 0 {
		made = len(warnings)
		list = append(append(build.ErrorList{}, list...), warnings...)
		warnings = nil
	}
	if len(list) > 0 {
		printProblems(e, list, warnings)
		summary := fmt.Sprintf("%d problem(s)%s%s", len(list), strictSummary(made, hint), warningCount(warnings))
		if writes {
			summary += "; nothing was written"
		}
		fmt.Fprintln(e.stderr, summary)
		return nil, nil, errReported
	}
	printProblems(e, nil, warnings)
	return site, warnings, nil
}
