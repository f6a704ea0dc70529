package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
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
		return enc.Encode(rows)
	}
	return writeCSV(e.stdout, []string{"event", "total", "first", "last", "properties"}, len(list), func(i int) []string {
		ev := list[i]
		return []string{csvText(ev.Event), strconv.FormatInt(ev.Total, 10), ev.First.Time().Format(time.RFC3339), ev.Last.Time().Format(time.RFC3339), csvText(strings.Join(ev.Props, " "))}
	})
}
