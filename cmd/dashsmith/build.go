package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/charts"
	"github.com/dashsmith/dashsmith/plugins/content"
	"github.com/dashsmith/dashsmith/plugins/frontmatter"
	"github.com/dashsmith/dashsmith/plugins/index"
	"github.com/dashsmith/dashsmith/plugins/layout"
	"github.com/dashsmith/dashsmith/plugins/markdown"
	"github.com/dashsmith/dashsmith/plugins/query"
)

// pipeline is the standard chain of a build, in order.
func pipeline() build.Pipeline {
	return build.Pipeline{
		content.New("content"),
		frontmatter.New(),
		query.New(),
		markdown.New(),
		charts.New(charts.Options{ECharts: dashsmith.ECharts()}),
		index.New(),
		layout.New(dashsmith.Layouts, dashsmith.Static, "."),
	}
}

func runBuild(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "build")
	sf.register(fs, true)
	out := fs.String("out", "public", "output `folder`")
	now := fs.String("now", "", "the build's \"as of\" time, RFC 3339 (default: the current time)")
	if err := parse(fs, args); err != nil {
		return err
	}
	outDir, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	site, err := runPipeline(ctx, e, &sf, *now)
	if err != nil {
		return err
	}
	if err := build.Write(site, outDir); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "build: %d pages, %d files in %s\n", len(site.Pages), len(site.Files)+len(site.Pages), *out)
	return nil
}

func runCheck(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "check")
	sf.register(fs, true)
	now := fs.String("now", "", "resolve ranges as of this RFC 3339 time (default: the current time)")
	if err := parse(fs, args); err != nil {
		return err
	}
	site, err := runPipeline(ctx, e, &sf, *now)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "check: %d dashboards, no problems\n", len(site.Pages))
	return nil
}

// runPipeline loads the site and runs every stage but the write. Problems
// in dashboards are printed one per line (and as GitHub annotations under
// GitHub Actions), then reported as errReported.
func runPipeline(ctx context.Context, e *env, sf *siteFlags, now string) (*build.Site, error) {
	asOf := time.Now().UTC().Truncate(time.Second)
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			return nil, usageError{fmt.Sprintf("--now %q: use RFC 3339, e.g. 2026-11-25T18:00:00Z", now)}
		}
		asOf = t
	}
	cfg, err := sf.load()
	if err != nil {
		return nil, err
	}
	st, err := sf.openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	site := &build.Site{Config: cfg, Dir: ".", Store: st, Now: asOf}
	if err := pipeline().Run(ctx, site); err != nil {
		var list build.ErrorList
		var one *build.Error
		switch {
		case errors.As(err, &list):
		case errors.As(err, &one):
			list = build.ErrorList{one}
		default:
			return nil, err
		}
		printProblems(e, list)
		return nil, errReported
	}
	return site, nil
}
