// Package build is the core of dashsmith: a site is a list of pages and files
// passed through an ordered chain of plugins, then written out atomically.
//
// The core knows no plugin and no third-party dependency. Markdown, charts,
// stores, event sources and publishers live in packages under plugins/ and
// reach the core only through the types and registries declared here.
package build

import (
	"sort"
	"sync"
	"time"
)

// Site is everything a build works on. Plugins read and replace its parts.
type Site struct {
	Config Config
	Dir    string            // the site folder (holds dashsmith.yaml, content/, layouts/)
	Pages  []*Page           // in a stable order (see SortPages)
	Files  map[string][]byte // output files other than pages: assets, data exports
	Store  Reader            // where queries are answered; nil when a build needs no data
	Now    time.Time         // the build's "as of" instant, fixed for the whole build

	// Through is the end of the last complete hour of data (the latest
	// hour any event was seen in, plus one hour, but never after Now);
	// pages show "complete through" it and draw later buckets as partial.
	// Zero when the store holds nothing.
	Through time.Time

	// Blocks renders fenced code blocks by their info string ("chart").
	// Pipeline.Run fills it from every plugin that implements BlockProvider.
	Blocks map[string]BlockFunc

	// Inlines answers inline calls in prose ({{ value "orders" }}), filled
	// by Pipeline.Run from every plugin that implements InlineProvider.
	Inlines map[string]InlineFunc

	// Output, when set, takes every page once it is laid out, with its
	// files (see Pipeline.Run and Writer); nil keeps every page in Pages
	// and Files for the caller.
	Output PageSink

	filesMu sync.Mutex // guards Files while pages run in parallel (AddFile, TakeFiles)

	// checking holds the pages a stage found problems in but left whole
	// enough to check further (it set Broken): they are out of Pages,
	// and only the Checkers of the later rows see them (see runRow).
	checking []*Page
}

// AddFile puts an output file into Files; pages running in parallel
// (PageRunner) add theirs with it rather than write into the map.
func (s *Site) AddFile(name string, data []byte) {
	s.filesMu.Lock()
	defer s.filesMu.Unlock()
	if s.Files == nil {
		s.Files = map[string][]byte{}
	}
	s.Files[name] = data
}

// TakeFiles removes the files names from Files and returns them, by
// name: a sink that wrote a page's files lets them go.
func (s *Site) TakeFiles(names []string) map[string][]byte {
	s.filesMu.Lock()
	defer s.filesMu.Unlock()
	out := make(map[string][]byte, len(names))
	for _, n := range names {
		if data, ok := s.Files[n]; ok {
			out[n] = data
			delete(s.Files, n)
		}
	}
	return out
}

// Page is one dashboard: a Markdown file under content/ and, after the
// pipeline, one HTML file under the output folder.
type Page struct {
	Source string             // path under content/, slash-separated: "sales/checkout.md"
	URL    string             // output folder, slash-separated, "" for the root: "sales/checkout/"
	Line   int                // the first line of Body within Source (after the frontmatter)
	Meta   Meta               // from frontmatter
	Body   []byte             // replaced by each stage: markdown -> html -> laid-out page
	Data   map[string]*Result // query results by query name
	Charts int                // how many charts the page draws (set while rendering blocks)
	Each   string             // for a page made from a template (Meta.Each): its value

	// Files names the output files in Site.Files that belong to this
	// page beside its HTML (its charts' CSV and JSON), slash paths under
	// the output folder. The stage that writes such a file declares it
	// here when it writes it, so that whoever keeps the page (a build
	// that reuses it) keeps them with it.
	Files []string

	// Broken marks a page that a stage found problems in: it will not be
	// published, and the later plugins that can still check it
	// (build.Checker) do so without drawing or writing anything, so that
	// one check run reports all of its problems. A plugin of a row sets
	// it through the row (see runPage); a stage that is no PageRunner
	// sets it on a page it reports problems in but leaves whole (its
	// Meta and Body read), and Pipeline.Run then keeps the page for the
	// later rows' Checkers instead of dropping it.
	Broken bool

	// Reused marks a page whose inputs did not change since the last
	// build: Body already holds its finished HTML from that build, and the
	// rendering stages (markdown, charts, layout) leave it alone.
	Reused bool

	// Kept marks a reused page whose HTML and files were not read: they
	// are in the output folder the build replaces, as they are, and the
	// writer (OutputDir) links them from there into the new one. Body is
	// then nil.
	Kept bool

	// Unlisted marks a page that navigation and the home page leave out,
	// though it is written, and listed in the sitemap, like any other:
	// the pages 2, 3, ... of a template's list (plugins/each), which its
	// first page links to.
	Unlisted bool

	// View names a precomputed view of a page with controls (Meta.Controls):
	// its folder under the page's, "range-90d", "plan-pro" or
	// "range-90d-plan-pro"; "" for the pages people write. A view is its
	// page over another range or filtered to one value, built as a page of
	// its own (Unlisted, listed in the sitemap) so that readers without
	// JavaScript and crawlers reach it; what it says of its data is said
	// at its page (lint leaves views alone).
	View string

	// Notes are lines to show under every chart of a query, by query name:
	// why a view's filter does not apply to it (plugins/controls).
	Notes map[string]string
}

// Meta is what a page's frontmatter declares.
type Meta struct {
	Title       string
	Description string
	Layout      string // template name; "" means "page"
	Weight      int    // sort order in navigation, 0 (none) last; ties sort by title
	Draft       bool
	Queries     map[string]QuerySpec
	QueryLines  map[string]int // line in Source where each query is declared

	// Each makes the page a template, built once per value: "event" (every
	// event name the store has seen) or a property path (the top EachTop
	// values of that breakdown of EachEvent). Queries say $each where the
	// value goes (in event or filter).
	Each      string
	EachEvent string
	EachTop   int
	EachLine  int

	// Controls are the views a reader may switch the page between.
	Controls Controls
}

// Controls are a page's range presets and filter (controls: in its
// frontmatter). Each combination of a preset and a filter value is
// precomputed into a view (Page.View).
type Controls struct {
	// Range are the range presets, as a query's range: writes them; the
	// first is the page's own (default) view. Every query of the page takes
	// the preset's range.
	Range []string
	// Filter, when Property is set, adds a view for each of the Top most
	// common values of Property: a where on every query that can take it.
	Filter FilterControl
	Line   int // the line of controls: in Source
}

// FilterControl is a page filter: the Top values of Property (DefaultTop
// when 0), each a view, and "all", the page's own.
type FilterControl struct {
	Property string
	Top      int
}

// EachValue stands, in a template page's title and in its queries' event
// and filter, for the value each copy of the page is built for.
const EachValue = "$each"

// QuerySpec is a query as a dashboard writes it, before it is resolved
// against the build's clock and timezone.
type QuerySpec struct {
	Event   string
	Measure string // count (default) | sum(prop) | unique(prop)
	Every   string // hour | day | week | month
	Range   string // last 30 days, ...
	By      string // breakdown property path
	Top     int    // groups kept with By (default 5)

	Compare  string // "previous period" | "previous year": Result.Previous
	Filter   string // with By: keep only this breakdown value
	Timezone string // overrides the site's timezone for this query

	Where      map[string]string // equality filters on one or more properties (a composite rollup)
	Formula    string            // computed bucket by bucket from other queries of the page, by name
	Rolling    string            // "7 days": each bucket is the mean of the trailing window ending with it
	Cumulative bool              // each bucket is the running total over the range
	Resolution string            // "day": read the rollup of UTC days (see Rollup.Resolution); "" or "hour": hourly
}

// OutputPath is the file a page is written to under the output folder.
func (p *Page) OutputPath() string { return p.URL + "index.html" }

// Root is the relative path from the page back to the site root ("../../"),
// so the site works from file://, a domain root or a sub-path alike.
func (p *Page) Root() string { return RelRoot(p.URL) }

// RelRoot returns "../" once per folder in url ("a/b/" -> "../../").
func RelRoot(url string) string {
	n := 0
	for i := 0; i < len(url); i++ {
		if url[i] == '/' {
			n++
		}
	}
	r := ""
	for ; n > 0; n-- {
		r += "../"
	}
	return r
}

// SortPages orders pages by weight, then title, then source path, so every
// build of the same content lists pages in the same order. As in Hugo, a
// page without a weight (0) comes after the pages with one.
func SortPages(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if wa, wb := sortWeight(a), sortWeight(b); wa != wb {
			return wa < wb
		}
		if a.Meta.Title != b.Meta.Title {
			return a.Meta.Title < b.Meta.Title
		}
		return a.Source < b.Source
	})
}

// unweighted is where pages without a weight sort: after any weight a
// dashboard would use, before the ingestion page (MaxWeight).
const unweighted = 1 << 30

// MaxWeight sorts a page after every other, such as the ingestion page.
const MaxWeight = 1<<31 - 1

func sortWeight(p *Page) int {
	if p.Meta.Weight == 0 {
		return unweighted
	}
	return p.Meta.Weight
}
