package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// printProblems prints errors and warnings one per line, by file and line:
// file:line: message, or file:line: warning: message. Under GitHub Actions
// each is also printed as an annotation that shows on the pull request.
func printProblems(e *env, errs, warnings build.ErrorList) {
	type problem struct {
		*build.Error
		warn bool
	}
	all := make([]problem, 0, len(errs)+len(warnings))
	for _, p := range errs {
		all = append(all, problem{p, false})
	}
	for _, p := range warnings {
		all = append(all, problem{p, true})
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	gh := os.Getenv("GITHUB_ACTIONS") == "true"
	for _, p := range all {
		kind, msg := "error", p.Msg
		if p.warn {
			kind, msg = "warning", "warning: "+p.Msg
		}
		fmt.Fprintln(e.stderr, (&build.Error{File: p.File, Line: p.Line, Msg: msg}).Error())
		if gh {
			at := "file=" + ghEscape(p.File, true)
			if p.Line > 0 {
				at += fmt.Sprintf(",line=%d", p.Line)
			}
			fmt.Fprintf(e.stdout, "::%s %s::%s\n", kind, at, ghEscape(p.Msg, false))
		}
	}
}

// warningCount says ", 2 warning(s)", or "" when there are none.
func warningCount(warnings build.ErrorList) string {
	if len(warnings) == 0 {
		return ""
	}
	return fmt.Sprintf(", %d warning(s)", len(warnings))
}

// warningsOf returns the warnings of the pipeline's plugins that keep some
// (lint).
func warningsOf(pl build.Pipeline) build.ErrorList {
	var out build.ErrorList
	for _, p := range pl {
		if w, ok := p.(interface{ Warnings() build.ErrorList }); ok {
			out = append(out, w.Warnings()...)
		}
	}
	return out
}

// ghEscape escapes a workflow command's data or property value.
func ghEscape(s string, property bool) string {
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	s = r.Replace(s)
	if property {
		s = strings.NewReplacer(":", "%3A", ",", "%2C").Replace(s)
	}
	return s
}

// distinct returns list with each problem once: the copies of a template
// share its file and lines, so a problem of the template comes once per
// copy. A problem said n > 1 times ends "(the same in n pages made from
// this file)".
func distinct(list build.ErrorList) build.ErrorList {
	if len(list) < 2 {
		return list
	}
	type key struct {
		file string
		line int
		msg  string
	}
	count := make(map[key]int, len(list))
	for _, p := range list {
		count[key{p.File, p.Line, p.Msg}]++
	}
	if len(count) == len(list) {
		return list
	}
	out := make(build.ErrorList, 0, len(count))
	for _, p := range list {
		k := key{p.File, p.Line, p.Msg}
		n, ok := count[k]
		if !ok {
			continue // said already
		}
		delete(count, k)
		if n > 1 {
			p = &build.Error{File: p.File, Line: p.Line, Msg: fmt.Sprintf("%s (the same in %d pages made from this file)", p.Msg, n)}
		}
		out = append(out, p)
	}
	return out
}
