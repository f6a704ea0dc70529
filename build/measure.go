package build

import (
	"fmt"
	"math"
	"strings"
)

// MeasureKind is the name of a registered measure type (see
// RegisterMeasure): "count", "sum", "unique".
type MeasureKind string

// The names of the measures the core registers.
const (
	Count  MeasureKind = "count"  // events
	Sum    MeasureKind = "sum"    // a numeric property, added up
	Unique MeasureKind = "unique" // distinct values of a property (a registered Sketch)
)

// MeasureCount is the default measure, written out.
const MeasureCount = "count"

// Measure is a registered measure type and, when the type takes one, the
// property it reads: count, sum(prop), unique(prop).
type Measure struct {
	Kind MeasureKind // the type's name; "" is count
	Prop string      // a property path for a type that reads one; "" for count
}

// CountMeasure is the measure every event is always rolled up by.
var CountMeasure = Measure{Kind: Count}

// String writes the measure as a dashboard does: "count", "sum(revenue)".
func (m Measure) String() string {
	if m.Kind == Count || m.Kind == "" {
		return MeasureCount
	}
	if m.Prop == "" {
		if t, ok := LookupMeasure(string(m.Kind)); ok && t.Input() == NoInput {
			return string(m.Kind)
		}
	}
	return string(m.Kind) + "(" + m.Prop + ")"
}

// IsCount reports whether m is the plain event count.
func (m Measure) IsCount() bool { return m.Kind == Count || m.Kind == "" }

// Type returns the registered type of the measure.
func (m Measure) Type() (MeasureType, error) {
	name := m.Kind
	if name == "" {
		name = Count
	}
	if t, ok := LookupMeasure(string(name)); ok {
		return t, nil
	}
	return nil, unknownMeasure(m.String())
}

// Stored returns the measure whose rollup holds m's data: for a Derived
// type, its base type over the same property (avg(x) is stored as
// sum(x)); else m itself.
func (m Measure) Stored() Measure {
	t, err := m.Type()
	if err != nil {
		return m
	}
	if d, ok := t.(Derived); ok {
		return Measure{Kind: MeasureKind(d.Base()), Prop: m.Prop}
	}
	return m
}

// valuer returns how a merged aggregate of the type t finalises to a
// value: Of for a Derived type, else the aggregate's own Value.
func valuer(t MeasureType) func(Aggregate) float64 {
	if d, ok := t.(Derived); ok {
		return d.Of
	}
	return Aggregate.Value
}

// gapOf reads a finalised value as a point does: NaN or an infinity (an
// average or a percentile of no events) is a gap, with value 0.
func gapOf(v float64) (float64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, true
	}
	return v, false
}

// ParseMeasure reads a registered measure: "count" ("" is count), or a
// type that takes a property with its path, "sum(prop)", "unique(prop)".
func ParseMeasure(s string) (Measure, error) {
	t := strings.TrimSpace(s)
	if t == "" || t == MeasureCount {
		return CountMeasure, nil
	}
	if mt, ok := LookupMeasure(t); ok && mt.Input() == NoInput {
		return Measure{Kind: MeasureKind(t)}, nil
	}
	open := strings.IndexByte(t, '(')
	if open > 0 && strings.HasSuffix(t, ")") {
		kind := strings.TrimSpace(t[:open])
		prop := strings.TrimSpace(t[open+1 : len(t)-1])
		if mt, ok := LookupMeasure(kind); ok && mt.Input() != NoInput {
			if err := CheckPath(prop); err != nil {
				return Measure{}, fmt.Errorf("measure %q: %w", s, err)
			}
			return Measure{Kind: MeasureKind(kind), Prop: prop}, nil
		}
	}
	return Measure{}, unknownMeasure(s)
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
		if r < 0x20 || r == 0x7f || strings.ContainsRune("\"'()`\\,", r) {
			return fmt.Errorf("property path %q: character %q is not allowed", p, r)
		}
	}
	return nil
}
