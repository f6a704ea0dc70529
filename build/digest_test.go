package build

import (
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"testing"
	"time"
)

// TestDigester_Bytes: a digest is the hash of each value's bytes in turn
// (an int as 8 bytes little-endian, a string as its length then its
// bytes), however the values fall across the digester's buffer.
func TestDigester_Bytes(t *testing.T) {
	long := strings.Repeat("x", 3*digestBuffer+5)
	d := NewDigester(sha256.New())
	var want []byte
	for i := range 2 * digestBuffer {
		s := long[:i%7]
		if i%500 == 0 {
			s = long
		}
		d.Int(int64(i))
		d.String(s)
		want = binary.LittleEndian.AppendUint64(want, uint64(i))
		want = binary.LittleEndian.AppendUint64(want, uint64(len(s)))
		want = append(want, s...)
	}
	sum := sha256.Sum256(want)
	if got := d.Sum(nil); string(got) != string(sum[:]) {
		t.Errorf("digest %x, want %x", got, sum)
	}
}

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
		return &Result{Query: q, Points: []Point{{Time: at, Value: 1}, {Time: at.AddDate(0, 0, 1), Value: 2}}, Total: 3,
			Groups: []Group{{Value: "pro", Points: []Point{{Time: at, Value: 1}, {Time: at.AddDate(0, 0, 1), Value: 2}}, Total: 3}}}
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
		"a formula":   func(r *Result) { r.Query.Formula = "revenue / orders" },
		"rolling":     func(r *Result) { r.Query.Rolling = 7 },
		"cumulative":  func(r *Result) { r.Query.Cumulative = true },
		"a gap":       func(r *Result) { r.Points[0].Gap = true },
		"a where":     func(r *Result) { r.Query.Where = []Cond{{Prop: "plan", Value: "pro"}} },
		"a filter":    func(r *Result) { r.Query.Filter = "pro" },
		"resolution":  func(r *Result) { r.Query.Resolution = Daily },
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

// A gap, in a point or a total, is part of a result's digest: a gap and
// a 0 draw differently.
func TestDigester_Gaps(t *testing.T) {
	sum := func(r *Result) string {
		d := NewDigester(sha256.New())
		d.Result(r)
		return string(d.Sum(nil))
	}
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	zero := &Result{Points: []Point{{Time: at}}, Groups: []Group{{Value: "a", Points: []Point{{Time: at}}}}}
	seen := map[string]bool{sum(zero): true}
	for _, r := range []*Result{
		{Points: []Point{{Time: at, Gap: true}}, Groups: []Group{{Value: "a", Points: []Point{{Time: at}}}}},
		{Points: []Point{{Time: at}}, TotalGap: true, Groups: []Group{{Value: "a", Points: []Point{{Time: at}}}}},
		{Points: []Point{{Time: at}}, Groups: []Group{{Value: "a", Points: []Point{{Time: at}}, TotalGap: true}}},
	} {
		if s := sum(r); seen[s] {
			t.Errorf("%+v digests as another result", r)
		} else {
			seen[s] = true
		}
	}
}
