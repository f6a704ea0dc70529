package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dashsmith/dashsmith/build"
)

// runHealth prints what ingest applied per UTC day: CSV (the default) and
// JSON give lags in seconds (the CSV's header names the unit: lag_mean_s);
// --format text is a table for people, lags as build.Seconds writes them
// ("33 h 20 min").
func runHealth(ctx context.Context, e *env, args []string) error {
	st, format, err := listing(ctx, e, "health", args, "text")
	if err != nil {
		return err
	}
	defer st.Close()
	days, err := build.Health(ctx, st)
	if err != nil {
		return err
	}
	switch format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(days)
	case "text":
		return healthText(e, days)
	}
	header := []string{"day", "files", "bytes", "events", "rejected", "lag_mean_s", "lag_max_s", "rejected_by_reason"}
	return writeCSV(e.stdout, header, len(days), func(i int) []string {
		d := days[i]
		rejected, reasons := rejects(d)
		return []string{d.Day, strconv.FormatInt(d.Files, 10), strconv.FormatInt(d.Bytes, 10), strconv.FormatInt(d.Events, 10),
			strconv.FormatInt(rejected, 10), strconv.FormatFloat(meanLag(d), 'f', 1, 64), strconv.FormatFloat(d.LagMax, 'f', 1, 64), strings.Join(reasons, "; ")}
	})
}

// healthText writes the days as aligned columns: counts with thousands
// separators, bytes in megabytes, lags in words ("12 min", "33 h 20 min").
func healthText(e *env, days []build.HealthDay) error {
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "day\tfiles\tMB\tevents\trejected\tmean lag\tlongest lag\t")
	for _, d := range days {
		rejected, reasons := rejects(d)
		mean := "-"
		if d.LagN > 0 {
			mean = build.Seconds(meanLag(d))
		}
		longest := "-"
		if d.LagN > 0 {
			longest = build.Seconds(d.LagMax)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t", d.Day, build.Commas(d.Files), strconv.FormatFloat(float64(d.Bytes)/1e6, 'f', 1, 64),
			build.Commas(d.Events), build.Commas(rejected), mean, longest)
		if len(reasons) > 0 {
			fmt.Fprintf(w, "  %s", strings.Join(reasons, "; "))
		}
		fmt.Fprintln(w)
	}
	return w.Flush()
}

// rejects is a day's rejected lines in all, and by reason ("bad json=5"),
// the reasons in order.
func rejects(d build.HealthDay) (int64, []string) {
	var n int64
	reasons := make([]string, 0, len(d.Rejected))
	for k, v := range d.Rejected {
		n += v
		reasons = append(reasons, k+"="+strconv.FormatInt(v, 10))
	}
	sort.Strings(reasons)
	return n, reasons
}

// meanLag is a day's mean lag from event time to arrival, in seconds (0
// for a day without lags).
func meanLag(d build.HealthDay) float64 {
	if d.LagN == 0 {
		return 0
	}
	return d.LagSum / float64(d.LagN)
}
