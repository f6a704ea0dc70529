package dynamostore

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

// benchPct keeps Event 00's order values in a sketch per hour
// (plugins/quantile, imported by the package's tests).
var benchPct = build.Rollup{Event: "Event 00", Measure: build.Measure{Kind: "percentiles", Prop: "revenue"}}

// demoRevenue is an order's revenue as the demo's generator makes it: 29
// a month for pro, 290 a year for one in five, 49 a seat for 2 to 12
// seats for team, and a 20% coupon on one order in thirty.
func demoRevenue(r *rand.Rand) float64 {
	var v float64
	switch {
	case r.IntN(3) == 0:
		v = 49 * float64(2+r.IntN(11))
	case r.IntN(5) == 0:
		v = 290
	default:
		v = 29
	}
	if r.IntN(30) == 0 {
		v = math.Round(v*80) / 100
	}
	return v
}

// spreadRevenue is an order value of a shop with many prices: a
// log-normal around 60, in cents.
func spreadRevenue(r *rand.Rand) float64 {
	return math.Round(60*math.Exp(r.NormFloat64()*0.9)*100) / 100
}

// pctFile is benchFile's 100,000 events, a fraction late of them up to a
// day late, with a percentile rollup of the revenue of Event 00 (about a
// fifth of them) in place of its sum and its count by plan.
func pctFile(i int, late float64) *build.Batch {
	b := benchFile(i, late)
	r := rand.New(rand.NewPCG(uint64(i), 8))
	out := build.NewBatch(b.ID, build.BaseRollup, benchPct)
	out.Counts, out.Stats = b.Counts, b.Stats
	for k, c := range b.Cells {
		if k.Rollup != benchSum {
			continue
		}
		cell, err := build.NewCell(benchPct.Measure)
		if err != nil {
			panic(err)
		}
		for range int(c.Weight()) {
			cell.Add(build.Value{Num: demoRevenue(r)})
		}
		out.Cells[build.CellKey{Rollup: benchPct, Hour: k.Hour}] = cell
	}
	return out
}

// BenchmarkWritesPercentile applies one file per call, as the Lambda
// does, with a percentile rollup, and reports the write requests per
// 1,000 events (as BenchmarkWritesPer1000Events) and the size of the
// first hour's sketch item (DynamoDB's item size: attribute names and
// values) once the files are applied.
func BenchmarkWritesPercentile(b *testing.B) {
	for _, tc := range []struct {
		name string
		late float64
	}{{"on-time", 0}, {"1pct-late", 0.01}} {
		b.Run(tc.name, func(b *testing.B) {
			st := openTest(b)
			if err := st.Declare(ctx, []build.Rollup{benchPct}); err != nil {
				b.Fatal(err)
			}
			if err := st.Apply(ctx, pctFile(-1, tc.late)); err != nil {
				b.Fatal(err)
			}
			start, files := st.Writes(), 0
			for b.Loop() {
				b.StopTimer()
				f := pctFile(files, tc.late)
				b.StartTimer()
				if err := st.Apply(ctx, f); err != nil {
					b.Fatal(err)
				}
				files++
			}
			writes := float64(st.Writes() - start)
			b.ReportMetric(writes/float64(files)/100, "writes/1000events")
			b.ReportMetric(float64(itemSize(b, st, seriesKey(benchPct.Series(""), h0))), "bytes/item")
		})
	}
}

// TestPercentileItemSizes writes one hour's sketch of 100 and of 1,000
// order values, of the demo's few prices and of a spread of prices, and
// logs the item sizes (go test -v) for the documentation; it checks that
// they are far below DynamoDB's 400 KB.
func TestPercentileItemSizes(t *testing.T) {
	st := openTest(t)
	if err := st.Declare(ctx, []build.Rollup{benchPct}); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	hour := h0
	for _, shape := range []struct {
		name  string
		value func(*rand.Rand) float64
	}{{"demo", demoRevenue}, {"spread", spreadRevenue}} {
		for _, n := range []int{100, 1000} {
			b := build.NewBatch(fmt.Sprintf("size/%s/%d", shape.name, n), benchPct)
			cell, err := build.NewCell(benchPct.Measure)
			if err != nil {
				t.Fatal(err)
			}
			for range n {
				cell.Add(build.Value{Num: shape.value(r)})
			}
			b.Cells[build.CellKey{Rollup: benchPct, Hour: hour}] = cell
			if err := st.Apply(ctx, b); err != nil {
				t.Fatal(err)
			}
			size := itemSize(t, st, seriesKey(benchPct.Series(""), hour))
			t.Logf("%s, %d values: item of %d bytes", shape.name, n, size)
			if size > 16<<10 {
				t.Errorf("%s, %d values: item of %d bytes", shape.name, n, size)
			}
			hour++
		}
	}
}

// itemSize reads an item and adds up its size as DynamoDB bills it:
// each attribute's name and value (a number as about half its digits).
func itemSize(t testing.TB, st *Store, k key) int {
	t.Helper()
	out, err := st.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &st.table, Key: k.av()})
	if err != nil || out.Item == nil {
		t.Fatalf("GetItem %v: %v", k, err)
	}
	size := 0
	for name, v := range out.Item {
		size += len(name)
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			size += len(v.Value)
		case *types.AttributeValueMemberN:
			size += (len(v.Value)+1)/2 + 1
		case *types.AttributeValueMemberB:
			size += len(v.Value)
		default:
			size += 8
		}
	}
	return size
}
