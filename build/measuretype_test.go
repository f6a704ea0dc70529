package build

import (
	"strings"
	"testing"
)

// firstType keeps the first value an hour saw: an aggregate that neither
// subtracts nor ignores a repeated value, so dedupe cannot net it.
type firstType struct{}

type firstAgg struct {
	v   float64
	set bool
}

func (firstType) Name() string                     { return "first" }
func (firstType) Input() Input                     { return NumberInput }
func (firstType) New() (Aggregate, error)          { return &firstAgg{}, nil }
func (firstType) Decode([]byte) (Aggregate, error) { return &firstAgg{}, nil }

func (a *firstAgg) Add(v Value) {
	if !a.set {
		a.v, a.set = v.Num, true
	}
}
func (a *firstAgg) Merge(o Aggregate) error {
	if f := o.(*firstAgg); f.set {
		a.Add(Value{Num: f.v})
	}
	return nil
}
func (a *firstAgg) Value() float64                 { return a.v }
func (a *firstAgg) Weight() float64                { return 1 }
func (a *firstAgg) Empty() bool                    { return !a.set }
func (a *firstAgg) MarshalBinary() ([]byte, error) { return nil, nil }

func init() { RegisterMeasure(firstType{}) }

func TestMeasures_Registry(t *testing.T) {
	var names []string
	for _, mt := range Measures() {
		names = append(names, mt.Name())
	}
	if got := strings.Join(names, " "); got != "avg count first sum unique" {
		t.Errorf("Measures() = %s, want the core's and this test's, by name", got)
	}
	if got := MeasureNames(); got != "count, or avg, first, sum or unique of a property, e.g. unique(userId)" {
		t.Errorf("MeasureNames() = %q", got)
	}
	if _, err := ParseMeasure("median(x)"); err == nil || !strings.Contains(err.Error(), "first, sum") {
		t.Errorf("ParseMeasure of an unknown measure: %v, want the registered names", err)
	}
	for in, want := range map[string]string{"first(price)": "first(price)", " sum( revenue ) ": "sum(revenue)", "count": "count", "": "count"} {
		if m, err := ParseMeasure(in); err != nil || m.String() != want {
			t.Errorf("ParseMeasure(%q) = %v, %v; want %s", in, m, err, want)
		}
	}
	for _, bad := range []string{"first", "count(x)", "first()", "first(a..b)"} {
		if _, err := ParseMeasure(bad); err == nil {
			t.Errorf("ParseMeasure(%q) gave no error", bad)
		}
	}
	for _, name := range []string{"count", "", "Max", "p 99"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RegisterMeasure(%q) did not panic", name)
				}
			}()
			RegisterMeasure(namedType{firstType{}, name})
		}()
	}
}

// namedType is firstType under another name.
type namedType struct {
	firstType
	name string
}

func (n namedType) Name() string { return n.name }

func TestMeasures_Dedupe(t *testing.T) {
	for m, ok := range map[Measure]bool{CountMeasure: true, {Kind: Sum, Prop: "x"}: true, {Kind: Unique, Prop: "x"}: true, {Kind: "first", Prop: "x"}: false} {
		if err := m.CheckDedupe(); (err == nil) != ok {
			t.Errorf("%s: CheckDedupe() = %v, want ok=%v", m, err, ok)
		}
	}
	sum := Measure{Kind: Sum, Prop: "x"}
	c, err := NewCell(sum)
	if err != nil {
		t.Fatal(err)
	}
	c.Add(Value{Num: 2.5})
	c.Add(Value{Num: 4})
	if err := Net(sum, c, Add{Num: 2.5}); err != nil || c.Value() != 4 || c.Weight() != 1 {
		t.Errorf("a sum less one share: value %v, weight %v, %v; want 4 over 1 event", c.Value(), c.Weight(), err)
	}
	first := Measure{Kind: "first", Prop: "x"}
	f, _ := NewCell(first)
	f.Add(Value{Num: 1})
	if err := Net(first, f, Add{Num: 1}); err == nil || !strings.Contains(err.Error(), "dedupe") {
		t.Errorf("netting a measure that cannot be netted: %v, want an error about dedupe", err)
	}
}

func TestCell_RoundTrip(t *testing.T) {
	for _, m := range []Measure{CountMeasure, {Kind: Sum, Prop: "x"}} {
		c, _ := NewCell(m)
		for _, v := range []float64{1.5, -0.25, 7} {
			c.Add(Value{Num: v})
		}
		b, err := c.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeCell(m, b)
		if err != nil || back.Value() != c.Value() || back.Weight() != c.Weight() {
			t.Errorf("%s: %v over %v read back as %v over %v (%v)", m, c.Value(), c.Weight(), back.Value(), back.Weight(), err)
		}
		v := m.Vector()
		if again := CellOf(v.FromNumbers(v.Numbers(c.Aggregate()))); again.Value() != c.Value() || again.Weight() != c.Weight() {
			t.Errorf("%s: its numbers %v make %v over %v", m, v.Numbers(c.Aggregate()), again.Value(), again.Weight())
		}
	}
}
