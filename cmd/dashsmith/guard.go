package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/dashsmith/dashsmith/build"
)

// guard keeps ingest from declaring a rollup for a name the store never
// saw: a typo in a dashboard would otherwise become a rollup for good,
// read from every event file. Rollups in rollups: of dashsmith.yaml, those
// the store keeps already, and all of them under --declare-unseen are the
// user's confirmation.
type guard struct {
	confirmed map[string]bool // rollup IDs
	rollups   []build.Rollup  // to declare and fill in this run
	deferred  []build.Ask     // waiting for the names this run's files bring
	refused   []build.Ask     // never seen, even after this run's files
	seen      build.Seen      // the store's names when last listed
}

// newGuard lists the store's names and splits the dashboards' asks into
// the rollups to ingest now and those deferred to the second pass.
func newGuard(ctx context.Context, st build.Store, confirmed, declared []build.Rollup, asks []build.Ask, all bool) (*guard, error) {
	g := &guard{confirmed: map[string]bool{}}
	for _, r := range slices.Concat(confirmed, declared) {
		g.confirmed[r.ID()] = true
	}
	if all {
		for _, a := range asks {
			g.confirmed[a.Rollup.ID()] = true
		}
	}
	infos, err := st.Events(ctx)
	if err != nil {
		return nil, err
	}
	g.seen = build.NewSeen(infos)
	now, deferred := build.SplitAsks(asks, g.seen, g.confirmed)
	g.rollups = build.SortRollups(slices.Concat(confirmed, declared, now))
	g.deferred = deferred
	return g, nil
}

// warn warns about the new rollups, confirmed by the user, that read a
// property their event was never seen with, before ingest reads every
// file again for them: a typo in rollups: is no less likely than in a
// dashboard, and the user may not have meant to confirm it.
func (g *guard) warn(w io.Writer, declared []build.Rollup) {
	ids := make([]string, len(declared))
	for i, r := range declared {
		ids[i] = r.ID()
	}
	said := map[[2]string]bool{}
	for _, r := range build.Missing(g.rollups, ids) {
		for _, path := range append([]string{r.Measure.Prop}, r.Parts()...) { // a combination's each part
			if path == "" || said[[2]string{r.Event, path}] {
				continue
			}
			said[[2]string{r.Event, path}] = true
			if msg := build.PathProblem(g.seen.Event(r.Event), path); msg != "" {
				fmt.Fprintf(w, "dashsmith ingest: warning: %s, which a new rollup reads (%s); the files are read again for it all the same\n", msg, r.ID())
			}
		}
	}
}

// recheck compares the deferred asks with the store's names after the
// first pass: the rollups of those now seen join the rollups to ingest
// (again reports whether any did, so that a second pass reads the files
// for them); the rest are refused, but for a page filter's (optional).
func (g *guard) recheck(ctx context.Context, st build.Store) (rollups []build.Rollup, again bool, err error) {
	infos, err := st.Events(ctx)
	if err != nil {
		return g.rollups, false, err
	}
	g.seen = build.NewSeen(infos)
	now, refused := build.SplitAsks(g.deferred, g.seen, nil)
	// A page filter's asks are left out without a word: the charts that
	// cannot take the filter say so.
	g.deferred, g.refused = nil, slices.DeleteFunc(refused, func(a build.Ask) bool { return a.Optional })
	if len(now) == 0 {
		return g.rollups, false, nil
	}
	g.rollups = build.SortRollups(append(g.rollups, now...))
	return g.rollups, true, nil
}

// refuse prints, for each refused ask, at its file and line, the names
// the store never saw and the two ways to confirm them, and reports
// whether it refused any.
func (g *guard) refuse(e *env) bool {
	if len(g.refused) == 0 {
		return false
	}
	var errs build.ErrorList
	ids := map[string]bool{}
	for _, a := range g.refused {
		for _, msg := range a.Unseen(g.seen) {
			errs = append(errs, build.Errorf(a.File, a.Line, "%s: %s; rollup %s not declared", a.What, msg, a.Rollup.ID()))
		}
		ids[a.Rollup.ID()] = true
	}
	printProblems(e, errs, nil)
	fmt.Fprintf(e.stderr, "dashsmith ingest: %d rollup(s) not declared, as the store never saw a name they read (the rest was ingested): fix the name; or, if such events are yet to come, add the rollup under rollups: in dashsmith.yaml, e.g.\n", len(ids))
	said := map[string]bool{}
	for _, a := range g.refused {
		if id := a.Rollup.ID(); !said[id] {
			said[id] = true
			fmt.Fprintf(e.stderr, "  - %s\n", a.Rollup.ConfigEntry())
		}
	}
	fmt.Fprintln(e.stderr, "or run dashsmith ingest --declare-unseen")
	return true
}
