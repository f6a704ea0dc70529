package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// rollupRow is one line of dashsmith rollups.
type rollupRow struct {
	Rollup  string   `json:"rollup"`  // its ID, as --drop takes it
	State   string   `json:"state"`   // "kept", or "not built" (asked for, not declared yet)
	AskedBy []string `json:"askedBy"` // "content/sales.md:7 query \"revenue\"", "rollups: in dashsmith.yaml"; none: nobody asks
}

func runRollups(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	fs := newFlags(e, "rollups")
	sf.register(fs, true)
	format := fs.String("format", "csv", "output: csv or json")
	var drops []string
	fs.Func("drop", "forget the rollup `ID` (as listed) and delete what the store keeps for it; repeatable", func(id string) error {
		drops = append(drops, id)
		return nil
	})
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return usageError{fmt.Sprintf("--format %q: use csv or json", *format)}
	}
	cfg, err := sf.load()
	if err != nil {
		return err
	}
	confirmed, asks, err := siteAsks(ctx, e, "rollups", cfg)
	if err != nil {
		return err
	}
	askedBy := map[string][]string{}
	for _, a := range asks {
		id := a.Rollup.ID()
		askedBy[id] = append(askedBy[id], fmt.Sprintf("%s:%d %s", a.File, a.Line, a.What))
	}
	for _, r := range confirmed {
		if r.Needed() {
			askedBy[r.ID()] = append(askedBy[r.ID()], "rollups: in dashsmith.yaml")
		}
	}
	if len(drops) > 0 {
		return dropRollups(ctx, e, sf, cfg, drops, askedBy)
	}

	st, err := sf.openReader(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	declared, err := build.Declared(ctx, st)
	if err != nil {
		return err
	}
	rows := []rollupRow{{Rollup: build.BaseRollup.ID(), State: "kept", AskedBy: []string{"every event's hourly count (never dropped)"}}}
	kept := map[string]bool{}
	for _, r := range declared {
		kept[r.ID()] = true
		rows = append(rows, rollupRow{Rollup: r.ID(), State: "kept", AskedBy: askedBy[r.ID()]})
	}
	for _, id := range sortedIDs(askedBy) {
		if !kept[id] {
			rows = append(rows, rollupRow{Rollup: id, State: "not built", AskedBy: askedBy[id]})
		}
	}
	slices.SortStableFunc(rows[1:], func(a, b rollupRow) int { return strings.Compare(a.Rollup, b.Rollup) })
	for i := range rows {
		rows[i].Rollup = e.shown(rows[i].Rollup)
		if rows[i].AskedBy == nil {
			rows[i].AskedBy = []string{}
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(!e.tty)
		return enc.Encode(rows)
	}
	return writeCSV(e.stdout, []string{"rollup", "state", "asked_by"}, len(rows), func(i int) []string {
		r := rows[i]
		by := strings.Join(r.AskedBy, "; ")
		if by == "" {
			by = "nobody: dashsmith rollups --drop frees it"
		}
		return []string{csvText(r.Rollup), r.State, csvText(by)}
	})
}

// dropRollups drops the rollups ids name from the store, after checking
// that each is one the store keeps.
func dropRollups(ctx context.Context, e *env, sf siteFlags, cfg build.Config, ids []string, askedBy map[string][]string) error {
	st, err := sf.openStore(ctx, cfg, build.StoreOptions{})
	if err != nil {
		return err
	}
	defer st.Close()
	d, ok := st.(build.Dropper)
	if !ok {
		return fmt.Errorf("the store %s keeps no declared rollups to drop", sf.storeURL(cfg))
	}
	declared, err := build.Declared(ctx, st)
	if err != nil {
		return err
	}
	known := make([]string, len(declared))
	for i, r := range declared {
		known[i] = r.ID()
	}
	var rs []build.Rollup
	for _, id := range ids {
		r, err := build.ParseRollupID(id)
		if err != nil || !slices.Contains(known, r.ID()) {
			msg := fmt.Sprintf("--drop %q: the store keeps no such rollup", id)
			if err == nil && !r.Needed() {
				msg = fmt.Sprintf("--drop %q: that is read from the base counts, which every query needs: it cannot be dropped", id)
			} else if s := build.Suggest(id, known); s != "" {
				msg += " (did you mean " + s + "?)"
			} else {
				msg += " (dashsmith rollups lists them)"
			}
			return usageError{msg}
		}
		rs = append(rs, r)
	}
	if slices.ContainsFunc(rs, build.Rollup.IsPattern) {
		events, err := st.Events(ctx)
		if err != nil {
			return err
		}
		rs = build.WithConcrete(rs, events, known)
	}
	n, err := d.Drop(ctx, rs)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if !slices.Contains(ids, r.ID()) && !slices.Contains(known, r.ID()) {
			continue // a pattern's rollup of one event, said with the pattern
		}
		fmt.Fprintf(e.stdout, "rollups: dropped %s\n", e.shown(r.ID()))
		if by := askedBy[r.ID()]; len(by) > 0 {
			fmt.Fprintf(e.stdout, "  still asked for by %s: the next dashsmith ingest declares it again and reads every event file for it\n", strings.Join(by, "; "))
		}
	}
	fmt.Fprintf(e.stdout, "rollups: %d stored items deleted\n", n)
	return nil
}

// sortedIDs returns the keys of m in order.
func sortedIDs(m map[string][]string) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// resetStore empties st before an ingest --reset.
func resetStore(ctx context.Context, e *env, st build.Store, url string) error {
	r, ok := st.(build.Resetter)
	if !ok {
		return usageError{fmt.Sprintf("--reset empties a bolt: store; %s cannot be emptied in place: delete the table (or make a new one) and run dashsmith ingest --create-table", url)}
	}
	if err := r.Reset(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "dashsmith ingest: emptied %s; ingesting every event file again\n", url)
	return nil
}
