package quantile

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// exact is the value of rank floor(q·(n−1)) of vals, the convention
// Quantile follows.
func exact(vals []float64, q float64) float64 {
	s := slices.Clone(vals)
	slices.Sort(s)
	return s[int(math.Floor(q*float64(len(s)-1)))]
}

func within(got, want float64) bool { return math.Abs(got-want) <= RelativeAccuracy*math.Abs(want) }

// randomValues returns n values of mixed signs and magnitudes, zeros
// included.
func randomValues(r *rand.Rand, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		switch r.IntN(6) {
		case 0:
			out[i] = 0
		case 1:
			out[i] = -r.Float64() * 1000
		case 2:
			out[i] = float64(r.IntN(100))
		default:
			out[i] = r.ExpFloat64() * math.Pow(10, float64(r.IntN(9)-3))
		}
	}
	return out
}

func sketchOf(vals []float64) *Sketch {
	s := &Sketch{}
	for _, v := range vals {
		s.Add(v)
	}
	return s
}

func encode(t *testing.T, s *Sketch) []byte {
	t.Helper()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestQuantile_RankAndAccuracy(t *testing.T) {
	s := sketchOf([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	if got := s.Quantile(0.5); !within(got, 5) {
		t.Errorf("median of 1..10 = %v, want 5 (rank floor(0.5·9) = 4)", got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		vals := randomValues(r, 1+r.IntN(500))
		s := sketchOf(vals)
		if s.Count() != int64(len(vals)) {
			t.Fatalf("Count = %d, want %d", s.Count(), len(vals))
		}
		for _, q := range []float64{0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1} {
			if got, want := s.Quantile(q), exact(vals, q); !within(got, want) {
				t.Fatalf("q %v of %d values: %v, exact %v", q, len(vals), got, want)
			}
		}
	}
	if v := (&Sketch{}).Quantile(0.5); !math.IsNaN(v) {
		t.Errorf("an empty sketch's median = %v, want NaN", v)
	}
	if v := s.Quantile(1.5); !math.IsNaN(v) {
		t.Errorf("q 1.5 = %v, want NaN", v)
	}
}

// Merges add whole counts: any grouping and order of the same sketches
// encodes to the same bytes.
func TestQuantile_MergeAssociativeCommutative(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		a, b, c := sketchOf(randomValues(r, r.IntN(50))), sketchOf(randomValues(r, r.IntN(50))), sketchOf(randomValues(r, r.IntN(50)))
		ab := &Sketch{}
		ab.MergeSketch(a)
		ab.MergeSketch(b)
		abc := &Sketch{}
		abc.MergeSketch(ab)
		abc.MergeSketch(c)
		bc := &Sketch{}
		bc.MergeSketch(c)
		bc.MergeSketch(b)
		cba := &Sketch{}
		cba.MergeSketch(bc)
		cba.MergeSketch(a)
		if x, y := encode(t, abc), encode(t, cba); !bytes.Equal(x, y) {
			t.Fatalf("(a+b)+c and (c+b)+a encode differently:\n%x\n%x", x, y)
		}
	}
}

// A month of hourly sketches merged gives the month's percentiles within
// the accuracy, and the same bytes as one sketch of all the values.
func TestQuantile_MonthFromHours(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var all []float64
	month := &Sketch{}
	for range 30 * 24 {
		vals := randomValues(r, r.IntN(20))
		all = append(all, vals...)
		b := encode(t, sketchOf(vals))
		var h Sketch
		if err := h.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		month.MergeSketch(&h)
	}
	for _, q := range []float64{0.5, 0.9, 0.95, 0.99} {
		if got, want := month.Quantile(q), exact(all, q); !within(got, want) {
			t.Errorf("the month's q %v = %v, the raw month's %v", q, got, want)
		}
	}
	if !bytes.Equal(encode(t, month), encode(t, sketchOf(all))) {
		t.Error("the merged month encodes unlike a sketch of its values")
	}
}

// An attacker's 1e-300 and 1e300 keep a sketch to MaxBins bins a sign.
func TestQuantile_BoundedBins(t *testing.T) {
	s := &Sketch{}
	r := rand.New(rand.NewPCG(7, 8))
	var largest float64
	for i := range 100000 {
		m := math.Pow(10, float64(r.IntN(600)-300))
		largest = max(largest, m)
		if i%2 == 1 {
			m = -m
		}
		s.Add(m)
	}
	s.Add(math.Inf(1))
	s.Add(math.NaN())
	if s.pos.size() > MaxBins || s.neg.size() > MaxBins {
		t.Errorf("bins %d and %d, want at most %d a sign", s.pos.size(), s.neg.size(), MaxBins)
	}
	if s.Count() != 100000 {
		t.Errorf("Count = %d, want the 100000 finite values", s.Count())
	}
	b := encode(t, s)
	if len(b) > 2*MaxBins*6+32 {
		t.Errorf("encoded %d bytes, want at most %d", len(b), 2*MaxBins*6+32)
	}
	// The largest values stay exact to the accuracy; tiny ones fold.
	if got := s.Quantile(1); !within(got, largest) {
		t.Errorf("the largest value = %v, want %v", got, largest)
	}
	var back Sketch
	if err := back.UnmarshalBinary(b); err != nil || !bytes.Equal(encode(t, &back), b) {
		t.Errorf("decode: %v", err)
	}
}

func TestQuantile_DecodeRejects(t *testing.T) {
	good := encode(t, sketchOf([]float64{-3, 0, 1.5, 2e6}))
	for _, bad := range [][]byte{nil, {9}, good[:len(good)-1], append(slices.Clone(good), 0), {1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		var s Sketch
		if err := s.UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%x) gave no error", bad)
		}
	}
}

// Under dedupe a duplicate message's value comes back out: the cell is
// byte for byte what it is without the duplicate.
func TestQuantile_DedupeNets(t *testing.T) {
	m := build.Measure{Kind: "p95", Prop: "latency"}
	stored := m.Stored()
	if stored.String() != "percentiles(latency)" {
		t.Fatalf("p95(latency) is stored as %s", stored)
	}
	if err := stored.CheckDedupe(); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 100 {
		vals := randomValues(r, 1+r.IntN(40))
		without, _ := build.NewCell(stored)
		with, _ := build.NewCell(stored)
		for _, v := range vals {
			without.Add(build.Value{Num: v})
			with.Add(build.Value{Num: v})
		}
		dup := vals[r.IntN(len(vals))]
		with.Add(build.Value{Num: dup})
		rl := build.Rollup{Event: "E", Measure: stored}
		if err := build.Net(stored, with, build.Add{Rollup: &rl, Num: dup}); err != nil {
			t.Fatal(err)
		}
		a, _ := with.MarshalBinary()
		b, _ := without.MarshalBinary()
		if !bytes.Equal(a, b) {
			t.Fatalf("netted %v out of %v: %x, want %x", dup, vals, a, b)
		}
	}
	one, _ := build.NewCell(stored)
	one.Add(build.Value{Num: 4})
	rl := build.Rollup{Event: "E", Measure: stored}
	if err := build.Net(stored, one, build.Add{Rollup: &rl, Num: 4}); err != nil || !one.Empty() {
		t.Errorf("a cell of one value netted: empty %v, %v", one.Empty(), err)
	}
}

func TestQuantile_Registered(t *testing.T) {
	for name, q := range map[string]float64{"p25": .25, "p50": .5, "p75": .75, "p90": .9, "p95": .95, "p99": .99} {
		m, err := build.ParseMeasure(name + "(revenue)")
		if err != nil || m.Stored().String() != "percentiles(revenue)" {
			t.Fatalf("%s(revenue): %v, stored as %s", name, err, m.Stored())
		}
		mt, _ := m.Type()
		d := mt.(build.Derived)
		a := &agg{}
		for i := 1; i <= 101; i++ {
			a.Add(build.Value{Num: float64(i)})
		}
		if got := d.Of(a); !within(got, 1+q*100) {
			t.Errorf("%s of 1..101 = %v, want %v", name, got, 1+q*100)
		}
		if !math.IsNaN(d.Of(&agg{})) {
			t.Errorf("%s of nothing should be NaN (a gap)", name)
		}
	}
	r, err := build.ParseRollupID(`"Order" p99(revenue) by "plan"`)
	if err != nil || r.ID() != `"Order" percentiles(revenue) by "plan"` {
		t.Errorf("ParseRollupID of a p99 = %v, %v", r, err)
	}
	rs, err := build.RollupSpec{Event: "Order", Measures: []string{"p50(revenue)", "p95(revenue)", "percentiles(revenue)"}}.Expand()
	if err != nil || len(rs) != 1 {
		t.Errorf("rollups: p50, p95 and percentiles of one property = %v, %v, want one rollup", rs, err)
	}
}

func TestQuantile_EmptyEncoding(t *testing.T) {
	b := encode(t, &Sketch{})
	if string(b) != emptyEncoding {
		t.Fatalf("the empty sketch encodes as %x", b)
	}
	a, err := storedType{}.Decode(b)
	if err != nil || !a.Empty() {
		t.Errorf("a decoded empty sketch: empty %v, %v", a != nil && a.Empty(), err)
	}
	a, err = storedType{}.Decode(encode(t, sketchOf([]float64{0})))
	if err != nil || a.Empty() || a.Weight() != 1 {
		t.Errorf("a decoded sketch of one zero: %v", err)
	}
}

// A store walking many cells reads each into the same aggregate.
func TestQuantile_UnmarshalInPlace(t *testing.T) {
	a := &agg{}
	for _, vals := range [][]float64{{1, 2, 3}, {-5}, {100, 200}} {
		if err := a.UnmarshalBinary(encode(t, sketchOf(vals))); err != nil {
			t.Fatal(err)
		}
		if got, want := a.Value(), exact(vals, 0.5); !within(got, want) || a.Weight() != float64(len(vals)) {
			t.Errorf("read in place %v: median %v, weight %v", vals, got, a.Weight())
		}
	}
}

// A sketch of few values keeps a list of them, however far apart they
// are: an attacker's 1e-300 and 1e300 in every cell cost bytes, not a
// dense range; and the list and the dense form encode alike.
func TestQuantile_FewValuesStaySparse(t *testing.T) {
	s := sketchOf([]float64{1e-300, 1e300, -1e-300, -1e300, 5})
	if s.pos.dense || s.neg.dense || s.pos.size() > 3 || s.neg.size() > 2 {
		t.Errorf("5 values: dense %v %v, %d and %d bins", s.pos.dense, s.neg.dense, s.pos.size(), s.neg.size())
	}
	// 1e-300 is over MaxBins bins below 1e300: it folds into the lowest kept bin.
	if got := s.Quantile(0.5); got < 1e282 {
		t.Errorf("the folded median = %v, want the lowest kept bin", got)
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 100 {
		vals := randomValues(r, 1+r.IntN(3*sparseMax))
		listed := sketchOf(vals)
		dense := &Sketch{}
		dense.pos.reach(0, 1)
		dense.neg.reach(0, 1)
		for _, v := range vals {
			dense.Add(v)
		}
		if a, b := encode(t, listed), encode(t, dense); !bytes.Equal(a, b) {
			t.Fatalf("%d values: the list encodes as %x, the dense form as %x", len(vals), a, b)
		}
	}
}
