package main

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

func runHealth(ctx context.Context, e *env, args []string) error {
	st, format, err := listing(ctx, e, "health", args)
	if err != nil {
		return err
	}
	defer st.Close()
	days, err := build.Health(ctx, st)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(days)
	}
	header := []string{"day", "files", "bytes", "events", "rejected", "lag_mean_s", "lag_max_s", "rejected_by_reason"}
	return writeCSV(e.stdout, header, len(days), func(i int) []string {
		d := days[i]
		var rejected int64
		reasons := make([]string, 0, len(d.Rejected))
		for k, v := range d.Rejected {
			rejected += v
			reasons = append(reasons, k+"="+strconv.FormatInt(v, 10))
		}
		sort.Strings(reasons)
		mean := 0.0
		if d.LagN > 0 {
			mean = d.LagSum / float64(d.LagN)
		}
		return []string{d.Day, strconv.FormatInt(d.Files, 10), strconv.FormatInt(d.Bytes, 10), strconv.FormatInt(d.Events, 10),
			strconv.FormatInt(rejected, 10), strconv.FormatFloat(mean, 'f', 1, 64), strconv.FormatFloat(d.LagMax, 'f', 1, 64), strings.Join(reasons, "; ")}
	})
}
