package main

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

func runEvents(ctx context.Context, e *env, args []string) error {
	st, format, err := listing(ctx, e, "events", args)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Events(ctx)
	if err != nil {
		return err
	}
	// As a reader looks for a name: "add to cart" beside "Add Payment",
	// not after every capital (ties in byte order).
	slices.SortStableFunc(list, func(a, b build.EventInfo) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Event), strings.ToLower(b.Event)), cmp.Compare(a.Event, b.Event))
	})
	for i := range list {
		ev := &list[i]
		byRoot(ev.Props)
		ev.Event = e.shown(ev.Event)
		for j, p := range ev.Props {
			ev.Props[j] = e.shown(p)
		}
	}
	if format == "json" {
		type row struct {
			Event string   `json:"event"`
			Total int64    `json:"total"`
			First string   `json:"first"`
			Last  string   `json:"last"`
			Props []string `json:"properties"`
		}
		rows := make([]row, len(list))
		for i, ev := range list {
			props := ev.Props
			if props == nil {
				props = []string{}
			}
			rows[i] = row{ev.Event, ev.Total, ev.First.Time().Format(time.RFC3339), ev.Last.Time().Format(time.RFC3339), props}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(!e.tty) // a person reads "<U+202E>", not "\u003cU+202E\u003e"
		return enc.Encode(rows)
	}
	return writeCSV(e.stdout, []string{"event", "total", "first", "last", "properties"}, len(list), func(i int) []string {
		ev := list[i]
		return []string{csvText(ev.Event), strconv.FormatInt(ev.Total, 10), ev.First.Time().Format(time.RFC3339), ev.Last.Time().Format(time.RFC3339), csvText(strings.Join(ev.Props, " "))}
	})
}

// byRoot orders property paths as a reader looks for them: the event's
// properties first, then traits, then context, each in byte order.
func byRoot(paths []string) {
	rank := func(p string) int {
		switch {
		case strings.HasPrefix(p, "context."):
			return 2
		case strings.HasPrefix(p, "traits."):
			return 1
		}
		return 0
	}
	slices.SortStableFunc(paths, func(a, b string) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}
