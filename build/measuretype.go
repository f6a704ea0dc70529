package build

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Input is what a measure reads from the property it names.
type Input int

// The inputs a measure may take.
const (
	NoInput     Input = iota // takes no property: every event is one value (count)
	NumberInput              // a JSON number, or a string that reads as one (sum)
	TextInput                // the value's raw text, whatever its JSON type (unique)
)

// Value is what one event gives a measure: Num for a NumberInput, Text
// for a TextInput (valid only during the call), neither for NoInput.
type Value struct {
	Num  float64
	Text []byte
}

// MeasureType is a kind of measure: how an hour's aggregate of it is
// made, fed, encoded and read back. Types register with RegisterMeasure,
// as database/sql drivers do, and a dashboard names one by Name.
type MeasureType interface {
	// Name is how dashboards write the measure: "count", "sum", "unique".
	Name() string
	// Input is what the measure reads from its property; NoInput means
	// it takes none, and is written bare ("count").
	Input() Input
	// New returns an empty aggregate.
	New() (Aggregate, error)
	// Decode reads an aggregate written by its MarshalBinary; b may be
	// reused by the caller once Decode returns.
	Decode(b []byte) (Aggregate, error)
}

// Aggregate is one hour of one series of a measure: what the events of
// that hour add up to, in a form that merges with other hours.
type Aggregate interface {
	// Add feeds one event's value.
	Add(v Value)
	// Merge adds everything other holds; other is of the same type.
	Merge(other Aggregate) error
	// Value finalises the aggregate to the number a chart shows.
	Value() float64
	// Weight is how much the aggregate holds, for ranking breakdown
	// groups under the cardinality cap (events, or distinct values).
	Weight() float64
	// Empty reports whether the aggregate holds nothing: a store need
	// not write it, and removes a stored one that nets to it.
	Empty() bool
	// MarshalBinary encodes the aggregate for a store.
	MarshalBinary() ([]byte, error)
}

// Subtracter is implemented by aggregates that can take a share back out
// (counts and sums): dedupe nets a duplicate message's share with Sub.
type Subtracter interface {
	Sub(other Aggregate) error
}

// Idempotent is implemented by measure types whose aggregate is the same
// whether a value is added once or twice (unique, max): dedupe leaves
// their cells as they are.
type Idempotent interface {
	Idempotent() bool
}

// Additive is implemented by measure types whose value over several
// hours is the sum of the hours' values (count, sum): a query adds the
// values up rather than merge aggregates. Round cleans such a sum of
// values for display (see RoundSum).
type Additive interface {
	Round(v float64) float64
}

// Derived is implemented by measure types that keep no rollup of their
// own: a query of one reads the rollup of the type named by Base, for the
// same property (avg(x) reads sum(x); p95(x) reads percentiles(x)), merges
// its aggregates per bucket and turns each merged aggregate into the
// bucket's value with Of. New and Decode make aggregates of the base type.
// A derived type is never Additive: its value over several hours is the
// value of their merged aggregate.
type Derived interface {
	// Base names the stored type whose rollup the measure reads.
	Base() string
	// Of finalises a merged aggregate of the base type to the measure's
	// value: NaN when it is undefined (an average of no events), which a
	// result shows as a gap.
	Of(a Aggregate) float64
}

// TotalLabeler is implemented by measure types whose total over a range
// a table heads with its own label rather than "Total": unique's total is
// the distinct values of the whole range, "All (distinct)".
type TotalLabeler interface {
	TotalLabel() string
}

// Vector is implemented by measure types whose aggregate is a few numbers
// that add when aggregates merge (count: events; sum: events and total),
// so a store may add them atomically in place rather than read, merge and
// write back.
type Vector interface {
	// Fields names the numbers, as a store names its attributes; the
	// caller does not modify the slice.
	Fields() []string
	// Numbers returns the aggregate's numbers, in the order of Fields.
	Numbers(a Aggregate) []float64
	// FromNumbers returns the aggregate of the numbers, in that order.
	FromNumbers(v []float64) Aggregate
}

// measures maps names to the registered types. It is replaced whole, under
// measureMu, by each registration (at init), so that a lookup, made for
// every cell a store reads, takes no lock.
var (
	measureMu sync.Mutex
	measures  atomic.Pointer[map[string]MeasureType]
)

// RegisterMeasure makes a measure type available by its name. It is meant
// to be called from an init function; it panics when the name is taken
// or is not a lowercase word.
func RegisterMeasure(t MeasureType) {
	name := t.Name()
	if name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
		panic(fmt.Sprintf("build: measure name %q: want a lowercase word", name))
	}
	measureMu.Lock()
	defer measureMu.Unlock()
	next := map[string]MeasureType{}
	if have := measures.Load(); have != nil {
		if _, dup := (*have)[name]; dup {
			panic("build: measure " + name + " registered twice")
		}
		maps.Copy(next, *have)
	}
	next[name] = t
	measures.Store(&next)
}

// Measures returns the registered measure types, sorted by name.
func Measures() []MeasureType {
	var out []MeasureType
	if have := measures.Load(); have != nil {
		for _, t := range *have {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// LookupMeasure returns the measure type registered under name.
func LookupMeasure(name string) (MeasureType, bool) {
	have := measures.Load()
	if have == nil {
		return nil, false
	}
	t, ok := (*have)[name]
	return t, ok
}

// MeasureNames lists the registered measures for error messages: "count,
// or avg, p95, sum or unique of a property, e.g. sum(revenue)".
func MeasureNames() string {
	var bare, prop []string
	for _, t := range Measures() {
		if t.Input() == NoInput {
			bare = append(bare, t.Name())
		} else {
			prop = append(prop, t.Name())
		}
	}
	out := joinOr(bare)
	if len(prop) > 0 {
		if out != "" {
			out += ", or "
		}
		out += joinOr(prop) + " of a property, e.g. " + prop[len(prop)-1] + "(userId)"
	}
	return out
}

// joinOr joins words as a sentence does: "a, b or c".
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// unknownMeasure is the error for s, a measure no type is registered
// under, with the closest registered name when one is near.
func unknownMeasure(s string) error {
	t := strings.TrimSpace(s)
	name, prop := t, ""
	if open := strings.IndexByte(t, '('); open > 0 && strings.HasSuffix(t, ")") {
		name, prop = strings.TrimSpace(t[:open]), strings.TrimSpace(t[open+1:len(t)-1])
	}
	best, bestD := MeasureType(nil), 3
	for _, mt := range Measures() {
		if d := distance(strings.ToLower(name), mt.Name(), 3); d < bestD {
			best, bestD = mt, d
		}
	}
	if best == nil {
		return fmt.Errorf("unknown measure %q: use %s", s, MeasureNames())
	}
	hint := best.Name()
	if best.Input() != NoInput {
		if prop == "" {
			prop = "property"
		}
		hint += "(" + prop + ")"
	}
	return fmt.Errorf("unknown measure %q: did you mean %s? (measures: %s)", s, hint, MeasureNames())
}
