package build

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Rollup is one thing the store keeps per hour: a measure of one event,
// optionally broken down by a property. The zero Rollup is the base
// rollup: the count of every event, which every store always keeps.
type Rollup struct {
	Event   string  // "" only in the base rollup
	Measure Measure // count, sum(prop), unique(prop)
	By      string  // breakdown property path, or ""
	// Resolution is how wide the rollup's cells are: "" for an hour, Daily
	// for a UTC day (a cell at the day's first hour; see Floor).
	Resolution Interval
}

// BaseRollup counts every event per hour.
var BaseRollup = Rollup{}

// IsBase reports whether r is the base rollup.
func (r Rollup) IsBase() bool { return r.Event == "" }

// ID names the rollup in stores and messages, stably and unambiguously:
// "count" for the base rollup, else e.g. `"Order Completed" sum(revenue) by "plan"`,
// with " per day" at the end for a rollup of UTC days.
func (r Rollup) ID() string {
	if r.IsBase() {
		return MeasureCount
	}
	id := strconv.Quote(r.Event) + " " + r.Measure.String()
	if r.By != "" {
		id += " by " + strconv.Quote(r.By)
	}
	return id + r.Resolution.idSuffix()
}

// String is the ID.
func (r Rollup) String() string { return r.ID() }

// Needed reports whether the rollup keeps anything beyond the base counts.
// A plain count of one event without a breakdown is read from the base.
func (r Rollup) Needed() bool { return !r.IsBase() && !(r.Measure.IsCount() && r.By == "") }

// Series returns the key of the series that holds the group value g of
// this rollup. Event names and group values never hold control
// characters (parsers reject or replace them), so \x1f separates the parts.
func (r Rollup) Series(group string) string {
	if !r.Needed() {
		return r.Event
	}
	return r.SeriesPrefix() + group
}

// SeriesPrefix is the common start of every series key of the rollup. A
// rollup of UTC days writes its measure as "count@day": no measure's name
// holds '@' at its end, so its series are apart from the hourly rollup's.
func (r Rollup) SeriesPrefix() string {
	return r.Event + "\x1f" + r.Measure.String() + r.Resolution.seriesSuffix() + "\x1f" + r.By + "\x1f"
}

// Rollup returns the rollup a query reads: that of its measure's stored
// type (a query of avg(x) reads the sum(x) rollup, see Derived).
func (q Query) Rollup() Rollup {
	r := Rollup{Event: q.Event, Measure: q.Measure.Stored(), By: q.rollupBy(), Resolution: q.Resolution}
	if !r.Needed() {
		r.Resolution = "" // the base counts, hourly, answer it
	}
	return r
}

// RollupSpec is one `rollups:` entry of dashsmith.yaml: an event, its
// measures, and the breakdowns to keep each of them by.
type RollupSpec struct {
	Event    string   `yaml:"event"`
	Measures []string `yaml:"measures"`
	By       []string `yaml:"by"`
	// Resolution "day" keeps every rollup of the entry per UTC day rather
	// than per hour; "" or "hour" per hour.
	Resolution string `yaml:"resolution"`
}

// Expand turns the spec into rollups: every measure (count when none is
// listed), each without a breakdown and by each property in By. A derived
// measure (avg, p95) is kept as its stored type's rollup.
func (rs RollupSpec) Expand() ([]Rollup, error) {
	if strings.TrimSpace(rs.Event) == "" {
		return nil, fmt.Errorf("rollups: an entry has no event")
	}
	res, err := ParseResolution(rs.Resolution)
	if err != nil {
		return nil, fmt.Errorf("rollups: event %q: %w", rs.Event, err)
	}
	ms := rs.Measures
	if len(ms) == 0 {
		ms = []string{MeasureCount}
	}
	var out []Rollup
	for _, s := range ms {
		m, err := ParseMeasure(s)
		if err != nil {
			return nil, fmt.Errorf("rollups: event %q: %w", rs.Event, err)
		}
		m = m.Stored()
		out = append(out, Rollup{Event: rs.Event, Measure: m, Resolution: res})
		for _, by := range rs.By {
			by, err := CheckBy(by)
			if err != nil {
				return nil, fmt.Errorf("rollups: event %q: by: %w", rs.Event, err)
			}
			out = append(out, Rollup{Event: rs.Event, Measure: m, By: by, Resolution: res})
		}
	}
	// The count by each property comes with any breakdown: it is what a
	// chart of the groups shows first, and it costs little.
	for _, by := range rs.By {
		by, _ := CheckBy(by) // checked above
		out = append(out, Rollup{Event: rs.Event, Measure: CountMeasure, By: by, Resolution: res})
	}
	return SortRollups(out), nil
}

// SortRollups sorts by ID and removes duplicates and rollups the base
// already answers, keeping the base first when present.
func SortRollups(rs []Rollup) []Rollup {
	seen := map[string]bool{}
	var out []Rollup
	base := false
	for _, r := range rs {
		if r.IsBase() {
			base = true
			continue
		}
		if !r.Needed() || seen[r.ID()] {
			continue
		}
		seen[r.ID()] = true
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID() < out[j].ID() })
	if base {
		out = append([]Rollup{BaseRollup}, out...)
	}
	return out
}

// Rollups returns what the site's dashboards (Asks, templates' patterns
// included) and its config's rollups: ask the store to keep beyond the
// base counts, sorted, without duplicates.
func (s *Site) Rollups() ([]Rollup, error) {
	out, err := s.Config.ConfigRollups()
	if err != nil {
		return nil, err
	}
	for _, a := range s.Asks() {
		out = append(out, a.Rollup)
	}
	return SortRollups(out), nil
}

// ParseRollupID is the inverse of Rollup.ID. An ID written with a derived
// measure (`"Order Completed" avg(revenue)`) names the rollup that keeps
// its data, that of its stored type (sum(revenue)).
func ParseRollupID(id string) (Rollup, error) {
	if id == MeasureCount {
		return BaseRollup, nil
	}
	bad := fmt.Errorf("rollup id %q: want e.g. %s", id, `"Order Completed" sum(revenue) by "plan"`)
	var res Interval
	if s, ok := strings.CutSuffix(id, Daily.idSuffix()); ok {
		id, res = s, Daily
	}
	event, rest, err := unquotePrefix(id)
	if err != nil || !strings.HasPrefix(rest, " ") {
		return Rollup{}, bad
	}
	rest = rest[1:]
	measure, by, hasBy := strings.Cut(rest, " by ")
	m, err := ParseMeasure(measure)
	if err != nil {
		return Rollup{}, bad
	}
	r := Rollup{Event: event, Measure: m, Resolution: res}
	if hasBy {
		b, tail, err := unquotePrefix(by)
		if err != nil || tail != "" {
			return Rollup{}, bad
		}
		r.By = b
	}
	if r.ID() != id+res.idSuffix() {
		return Rollup{}, bad
	}
	r.Measure = r.Measure.Stored()
	return r, nil
}

// unquotePrefix reads a Go-quoted string at the start of s.
func unquotePrefix(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err
}
