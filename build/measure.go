package build

import (
	"fmt"
	"strings"
)

// MeasureKind is what a measure adds up per bucket.
type MeasureKind string

// The measures a query may ask for.
const (
	Count  MeasureKind = "count"  // events
	Sum    MeasureKind = "sum"    // a numeric property, added up
	Unique MeasureKind = "unique" // distinct values of a property (HyperLogLog)
)

// MeasureCount is the default measure, written out.
const MeasureCount = "count"

// Measure is count, sum(prop) or unique(prop).
type Measure struct {
	Kind MeasureKind
	Prop string // a property path for sum and unique; "" for count
}

// CountMeasure is the measure every event is always rolled up by.
var CountMeasure = Measure{Kind: Count}

// String writes the measure as a dashboard does: "count", "sum(revenue)".
func (m Measure) String() string {
	if m.Kind == Count || m.Kind == "" {
		return MeasureCount
	}
	return string(m.Kind) + "(" + m.Prop + ")"
}

// IsCount reports whether m is the plain event count.
func (m Measure) IsCount() bool { return m.Kind == Count || m.Kind == "" }

// ParseMeasure reads "count", "sum(prop)" or "unique(prop)" ("" is count).
func ParseMeasure(s string) (Measure, error) {
	t := strings.TrimSpace(s)
	if t == "" || t == MeasureCount {
		return CountMeasure, nil
	}
	open := strings.IndexByte(t, '(')
	if open > 0 && strings.HasSuffix(t, ")") {
		kind := MeasureKind(strings.TrimSpace(t[:open]))
		prop := strings.TrimSpace(t[open+1 : len(t)-1])
		if kind == Sum || kind == Unique {
			if err := CheckPath(prop); err != nil {
				return Measure{}, fmt.Errorf("measure %q: %w", s, err)
			}
			return Measure{Kind: kind, Prop: prop}, nil
		}
	}
	return Measure{}, fmt.Errorf("unknown measure %q: use count, sum(property) or unique(property)", s)
}

// CheckPath validates a property path: dotted names ("revenue",
// "dependency.name", "context.os.name"), each part non-empty, with no
// control characters, quotes or parentheses.
func CheckPath(p string) error {
	if p == "" {
		return fmt.Errorf("no property: write e.g. sum(revenue) or unique(userId)")
	}
	if len(p) > 200 {
		return fmt.Errorf("property path longer than 200 bytes")
	}
	for _, part := range strings.Split(p, ".") {
		if part == "" {
			return fmt.Errorf("property path %q has an empty part", p)
		}
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || strings.ContainsRune("\"'()`\\", r) {
			return fmt.Errorf("property path %q: character %q is not allowed", p, r)
		}
	}
	return nil
}
