package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// printProblems prints one line per problem, file:line: message, and under
// GitHub Actions also an annotation that shows on the pull request.
func printProblems(e *env, list build.ErrorList) {
	gh := os.Getenv("GITHUB_ACTIONS") == "true"
	for _, p := range list {
		fmt.Fprintln(e.stderr, p.Error())
		if gh {
			fmt.Fprintf(e.stdout, "::error file=%s,line=%d::%s\n", ghEscape(p.File, true), p.Line, ghEscape(p.Msg, false))
		}
	}
	fmt.Fprintf(e.stderr, "%d problem(s); nothing was written\n", len(list))
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
