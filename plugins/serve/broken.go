package serve

import (
	"context"
	"errors"
	"slices"

	"github.com/dashsmith/dashsmith/build"
)

// madePages notes, during a build, the pages each dashboard makes: as
// they are read (so that a page whose frontmatter does not parse still
// has its place) and once they are made and listed (the copies of a
// template, which share its file). A build whose problems are all in
// dashboards then serves their problems at those pages only. Noting
// costs a copy of the list of pages; their paths are worked out only
// for a build that failed (paths).
type madePages struct {
	read, listed []*build.Page
}

// hooks returns the stages that note the pages, and where they run. They
// must be placed before any hook that takes pages out of the site.
func (m *madePages) hooks() []build.Hook {
	return []build.Hook{
		{At: build.ReadStage, After: true, Plugin: build.Func("serve: pages read", func(_ context.Context, s *build.Site) error {
			m.read = slices.Clone(s.Pages)
			return nil
		})},
		{At: build.ListStage, After: true, Plugin: build.Func("serve: pages listed", func(_ context.Context, s *build.Site) error {
			m.listed = slices.Clone(s.Pages)
			return nil
		})},
	}
}

// paths returns the output paths of the pages noted, by the file their
// problems name ("content/" + Source).
func (m *madePages) paths() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, p := range slices.Concat(m.read, m.listed) {
		file := sourceFile(p)
		if out[file] == nil {
			out[file] = map[string]bool{}
		}
		out[file][p.OutputPath()] = true
	}
	return out
}

// sourceFile is the file a page's problems name.
func sourceFile(p *build.Page) string { return "content/" + p.Source }

// brokenPages maps each page that did not build to the problems of its
// dashboard, one per line, when err lists problems (build.ErrorList) and
// every one of them is in a dashboard that made a page that did not
// build: in this build (made), or in the last good one (last). The other
// pages of site, the pages that did build, can then be served. It
// returns nil when err is not a list of problems, or when a problem is
// elsewhere (the config, a layout, annotations) or in a dashboard none of
// whose pages is missing: then no page of the build can be trusted.
func brokenPages(err error, site *build.Site, made *madePages, last *output) map[string][]string {
	var list build.ErrorList
	if site == nil || !errors.As(err, &list) || len(list) == 0 {
		return nil
	}
	madeBy := made.paths()
	built := make(map[string]bool, len(site.Pages))
	for _, p := range site.Pages {
		built[p.OutputPath()] = true
	}
	lastOf := map[string][]string{} // the last good build's pages by file
	for path, source := range last.pages {
		file := "content/" + source // as sourceFile
		lastOf[file] = append(lastOf[file], path)
	}
	broken := map[string][]string{}
	for _, file := range problemFiles(list) {
		var problems []string
		for _, e := range list {
			if e.File == file {
				problems = append(problems, e.Error())
			}
		}
		n := 0
		add := func(path string) {
			if !built[path] {
				if _, seen := broken[path]; !seen {
					broken[path] = problems
					n++
				}
			}
		}
		for path := range madeBy[file] {
			add(path)
		}
		for _, path := range lastOf[file] {
			add(path)
		}
		if n == 0 {
			return nil
		}
	}
	return broken
}

// problemFiles returns the files the problems name, each once, in the
// order of their first problem.
func problemFiles(list build.ErrorList) []string {
	var files []string
	seen := map[string]bool{}
	for _, e := range list {
		if !seen[e.File] {
			seen[e.File] = true
			files = append(files, e.File)
		}
	}
	return files
}
