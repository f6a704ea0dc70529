// Package lint warns about dashboards that build but likely do not say
// what their author meant: event names the store has never seen (with
// "did you mean" from the names it has), property paths never seen on an
// event, and queries whose results are empty.
//
// The plugin runs after query, keeps its warnings for the command to
// print (Warnings), and returns no error: a warning fails check and build
// only when the command is strict (--strict, or strict: true in the
// config), which prints them as errors.
package lint

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

// Lint is the plugin that collects warnings.
type Lint struct {
	warnings build.ErrorList
	c        *checker // during a run: what the store has seen, and the warnings so far
}

// New returns the lint plugin.
func New() *Lint { return &Lint{} }

// Name implements build.Plugin.
func (*Lint) Name() string { return "lint" }

// Stage implements build.Staged: it looks at the queries and their answers.
func (*Lint) Stage() build.Stage { return build.DataStage }

// Warnings returns the warnings of the last Run, by file and line.
func (l *Lint) Warnings() build.ErrorList { return l.warnings }

// Run checks every page against the store's events. A store that cannot
// list its events is a warning too, not a failed build.
func (l *Lint) Run(ctx context.Context, s *build.Site) error {
	return build.RunPages(ctx, s, l)
}

// Begin implements build.PageRunner: it lists the store's events.
func (l *Lint) Begin(ctx context.Context, s *build.Site) error {
	l.warnings, l.c = nil, nil
	if s.Store == nil {
		return nil
	}
	infos, err := s.Store.Events(ctx)
	if err != nil {
		l.warnings = build.ErrorList{build.Errorf("dashsmith.yaml", 0, "store: cannot list its events (%v): event names are not checked", err)}
		return nil
	}
	c := &checker{events: map[string]*build.EventInfo{}, seen: map[string]bool{}, order: make(map[*build.Page]int, len(s.Pages))}
	for i, p := range s.Pages {
		c.order[p] = i
	}
	for i := range infos {
		c.events[infos[i].Event] = &infos[i]
		c.names = append(c.names, infos[i].Event)
	}
	l.c = c
	return nil
}

// RunPage implements build.PageRunner: it checks one page. Pages are
// checked in parallel. A precomputed view (build.Page.View) is not: its
// page is, and a view filtered to one value may well have no data.
func (l *Lint) RunPage(_ context.Context, _ *build.Site, p *build.Page) error {
	if l.c != nil && !p.Reused && p.View == "" { // a reused page was checked when it was built
		pc := pageChecker{checker: l.c, page: l.c.order[p]}
		pc.check(p)
	}
	return nil
}

// End implements build.PageRunner: it puts the warnings in order, by
// file and line, then in the order of the pages and of the checks that
// gave them, whatever order the pages were checked in.
func (l *Lint) End(context.Context, *build.Site) error {
	if l.c == nil {
		return nil
	}
	out := l.c.out
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.at[0] < b.at[0] || a.at[0] == b.at[0] && a.at[1] < b.at[1]
	})
	l.warnings = make(build.ErrorList, len(out))
	for i, w := range out {
		l.warnings[i] = w.Error
	}
	l.c = nil
	return nil
}

// checker holds what the store has seen, and the warnings so far.
type checker struct {
	events map[string]*build.EventInfo
	names  []string
	mu     sync.Mutex      // guards seen and out: pages are checked in parallel
	seen   map[string]bool // warnings already given, so that copies of a template warn once
	out    []warning
	order  map[*build.Page]int // each page's place in the site
}

// warning is a warning with where it was given: its page's place in
// the site, then its place among the page's warnings.
type warning struct {
	*build.Error
	at [2]int
}

// pageChecker checks one page: the checker, and where the page's
// warnings go in the order of all (see warning).
type pageChecker struct {
	*checker
	page, n int
}

func (c *pageChecker) warn(file string, line int, format string, args ...any) {
	w := build.Errorf(file, line, format, args...)
	c.n++
	c.mu.Lock()
	defer c.mu.Unlock()
	if key := w.Error(); !c.seen[key] {
		c.seen[key] = true
		c.out = append(c.out, warning{w, [2]int{c.page, c.n}})
	}
}

// check checks one page: its template keys, then each query.
func (c *pageChecker) check(p *build.Page) {
	file := "content/" + p.Source
	m := p.Meta
	if m.Each != "" && m.Each != "event" && p.Each == "" {
		if c.event(file, m.EachLine, "each_event", m.EachEvent) {
			c.path(file, m.EachLine, "each", m.EachEvent, m.Each)
		}
	}
	names := make([]string, 0, len(m.Queries))
	for name := range m.Queries {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		q, line := m.Queries[name], m.QueryLines[name]
		if q.Formula != "" {
			continue // it reads no event: its queries are checked, and the build checks the names it uses
		}
		what := fmt.Sprintf("query %q", name)
		if p.Each != "" {
			what += fmt.Sprintf(" ($each = %q)", p.Each)
		}
		if !c.event(file, line, what, q.Event) {
			continue
		}
		if ms, err := build.ParseMeasure(q.Measure); err == nil && ms.Prop != "" {
			c.path(file, line, what+": measure", q.Event, ms.Prop)
		}
		if q.By != "" {
			c.path(file, line, what+": by", q.Event, q.By)
		}
		for _, prop := range slices.Sorted(maps.Keys(q.Where)) {
			c.path(file, line, what+": where", q.Event, prop)
		}
		if r := p.Data[name]; r != nil && r.TotalGap && numeric(q.Measure) {
			ms, _ := build.ParseMeasure(q.Measure)
			c.warn(file, line, "%s: no number in %q on %q in this range: its values are missing or not numbers (dashsmith events lists the event's properties)",
				what, ms.Prop, q.Event)
		} else if r != nil && empty(r) {
			c.warn(file, line, "%s: no data for %q in this range", what, q.Event)
		}
	}
}

// event warns when the store has never seen event, and reports whether
// it has.
func (c *pageChecker) event(file string, line int, what, event string) bool {
	if _, ok := c.events[event]; ok {
		return true
	}
	if len(c.names) == 0 {
		c.warn(file, line, "%s: the store holds no events yet: run dashsmith ingest", what)
		return false
	}
	msg := fmt.Sprintf("%s: unknown event %q", what, event)
	if s := suggest(event, c.names); s != "" {
		msg += " (did you mean " + s + "?)"
	} else {
		msg += " (dashsmith events lists the names the store has)"
	}
	c.warn(file, line, "%s", msg)
	return false
}

// path warns when event was never seen with the property path. Ingest
// records the leaf paths of properties (bare, or from the top when a bare
// name would mean something else: "properties.type"), traits and context
// (with their root: "traits.email", "context.os.name"), three levels deep.
// Not checked: the message's own fields (userId, anonymousId, messageId,
// type), which ingest does not record; a context.* or traits.* path on an
// event with no path under that root, as in stores ingested before ingest
// recorded them; and any path of an event with build.MaxProps paths, which
// may have more.
func (c *pageChecker) path(file string, line int, what, event, path string) {
	if msg := build.PathProblem(c.events[event], path); msg != "" {
		c.warn(file, line, "%s: %s", what, msg)
	}
}

// empty reports whether a result holds nothing but zeros.
// numeric reports whether the measure reads numbers (sum, avg, a
// percentile).
func numeric(measure string) bool {
	m, err := build.ParseMeasure(measure)
	if err != nil {
		return false
	}
	t, err := m.Type()
	return err == nil && t.Input() == build.NumberInput
}

func empty(r *build.Result) bool {
	if r.Total != 0 {
		return false
	}
	for _, p := range r.Points {
		if p.Value != 0 {
			return false
		}
	}
	return true
}

var (
	_ build.Plugin     = (*Lint)(nil)
	_ build.PageRunner = (*Lint)(nil)
)
