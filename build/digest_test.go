package build

import (
	"crypto/sha256"
	"testing"
	"time"
)

// TestDigester: equal values write equal digests; any change, and any
// shift of bytes between neighbouring strings, writes another.
func TestDigester(t *testing.T) {
	sum := func(f func(d *Digester)) string {
		d := NewDigester(sha256.New())
		f(d)
		return string(d.Sum(nil))
	}
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	result := func() *Result {
		q := Query{Name: "orders", Event: "Order Completed", Measure: CountMeasure, Every: Daily, From: at, To: at.AddDate(0, 0, 2), Loc: time.UTC}
		return &Result{Query: q, Points: []Point{{at, 1}, {at.AddDate(0, 0, 1), 2}}, Total: 3,
			Groups: []Group{{Value: "pro", Points: []Point{{at, 1}, {at.AddDate(0, 0, 1), 2}}, Total: 3}}}
	}
	base := sum(func(d *Digester) { d.Result(result()) })
	if sum(func(d *Digester) { d.Result(result()) }) != base {
		t.Fatal("the same result digests differently")
	}
	changes := map[string]func(r *Result){
		"a value":     func(r *Result) { r.Points[1].Value = 2.5 },
		"a time":      func(r *Result) { r.Points[1].Time = r.Points[1].Time.Add(time.Hour) },
		"a group":     func(r *Result) { r.Groups[0].Value = "free" },
		"no groups":   func(r *Result) { r.Groups = nil },
		"the zone":    func(r *Result) { r.Query.Loc = time.FixedZone("X", 3600) },
		"the name":    func(r *Result) { r.Query.Name = "sales" },
		"a compare":   func(r *Result) { r.Previous = &Result{} },
		"folded":      func(r *Result) { r.Folded = true },
		"the measure": func(r *Result) { r.Query.Measure = Measure{Kind: Sum, Prop: "revenue"} },
	}
	for name, change := range changes {
		r := result()
		change(r)
		if sum(func(d *Digester) { d.Result(r) }) == base {
			t.Errorf("changing %s left the digest as it was", name)
		}
	}
	if sum(func(d *Digester) { d.String("ab"); d.String("c") }) == sum(func(d *Digester) { d.String("a"); d.String("bc") }) {
		t.Error(`"ab","c" and "a","bc" digest the same`)
	}
}
