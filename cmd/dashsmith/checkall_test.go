package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCheckEveryProblem breaks two pages of a new site in several
// independent ways at once (a query the query stage rejects, a chart type
// typo, a bad chart option, bad YAML in a chart block and in the
// frontmatter, a misspelt key, a bad inline call) and compares check's
// whole output with testdata/check-every-problem.golden: every problem
// is reported in one run, at its line, in line order, in words.
func TestCheckEveryProblem(t *testing.T) {
	dir := newSite(t)
	writeFiles(t, dir, map[string]string{
		"content/broken/query.md": `---
title: Query and charts
queries:
  orders:
    event: Order Completed
    range: last fortnight
  signups:
    event: Signed Up
---
Orders: {{ value "orders" "dollars" }}.

` + "```chart" + `
type: lnie
query: orders
` + "```" + `

` + "```chart" + `
type: bar
query: signups
height: 12
` + "```" + `

` + "```chart" + `
query: signups
title: Sign-ups: all of them
` + "```" + `
`,
		"content/broken/keys.md": `---
title: Keys
descripton: A page with typos in its keys
queries:
  orders
    event: Order Completed
---
`,
		"content/broken/chartkeys.md": `---
title: Chart keys
queries:
  orders:
    event: Order Completed
    evry: day
---
` + "```chart" + `
type: number
query: orders
fromat: currency
` + "```" + `
`,
	})
	r := runBin(t, dir, binDashsmith, "check")
	got := r.stdout + r.stderr
	golden := filepath.Join("testdata", "check-every-problem.golden")
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if r.code != exitUser || got != string(want) {
		t.Errorf("exit %d, output:\n%s\nwant exit %d, output (%s):\n%s", r.code, got, exitUser, golden, want)
	}
}
