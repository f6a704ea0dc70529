package build

import (
	"math"
	"strconv"
	"time"
)

// Truncate returns the start of the bucket of width every that holds t, in loc.
func Truncate(t time.Time, every Interval, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	switch every {
	case Hourly:
		return HourOf(t).Time()
	case Weekly:
		d := Truncate(t, Daily, loc)
		back := (int(d.Weekday()) + 6) % 7 // days since Monday
		return time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, loc)
	case Monthly:
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	default:
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	}
}

// Next returns the start of the bucket after the one starting at t.
func Next(t time.Time, every Interval, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	switch every {
	case Hourly:
		return t.Add(time.Hour)
	case Weekly:
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day()+7, 0, 0, 0, 0, loc)
	case Monthly:
		t = t.In(loc)
		return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, loc)
	default:
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
	}
}

// Fill builds a query's result from hourly values: one point per bucket in
// [q.From, q.To), zeros included. hourly need only hold hours in the range.
// Bucket times are UTC for hours and in q.Loc for days and longer.
//
// A sum's points and total are rounded to 12 significant digits (see
// RoundSum), so ten events of 0.1 add up to 1, not 0.9999999999999999.
func Fill(q Query, hourly map[Hour]float64) *Result {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	r := &Result{Query: q}
	round := rounder(q.Measure)
	for t := q.From; t.Before(q.To); {
		next := Next(t, q.Every, loc)
		var v float64
		h := HourOf(t)
		if h.Time().Before(t) { // a zone whose day starts mid-hour: that hour went to the bucket before
			h++
		}
		for ; h.Time().Before(next); h++ {
			v += hourly[h]
		}
		bt := t.In(loc)
		if q.Every == Hourly {
			bt = t.UTC()
		}
		r.Total += v
		r.Points = append(r.Points, Point{Time: bt, Value: round(v)})
		t = next
	}
	r.Total = round(r.Total)
	return r
}

// Round rounds a sum of the measure's values over several hours or
// buckets as the measure does (sum: RoundSum); other measures keep it.
func (m Measure) Round(v float64) float64 { return rounder(m)(v) }

// rounder returns how an additive measure rounds a sum of hours (sum:
// RoundSum), or no rounding for any other.
func rounder(m Measure) func(float64) float64 {
	if t, err := m.Type(); err == nil {
		if a, ok := t.(Additive); ok {
			return a.Round
		}
	}
	return func(v float64) float64 { return v }
}

// sumDigits is how many significant digits a sum keeps: more than any
// page shows, and fewer than the 15 to 17 where adding float64s leaves
// its noise.
const sumDigits = 12

// RoundSum rounds a sum of floats to sumDigits significant digits:
// 0.9999999999999999 is 1 and 25206.600000000002 is 25206.6. Whole
// numbers are kept as they are: adding whole numbers below 2^53 is exact,
// and a sum of 1,234,567,890,123 bytes is not noise to round away.
func RoundSum(v float64) float64 {
	if v == math.Trunc(v) { // whole, or ±Inf; NaN falls through to stay NaN
		return v
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', sumDigits, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// Hours returns the first and last (exclusive) UTC hours that a query reads.
func (q Query) Hours() (from, to Hour) {
	from = HourOf(q.From)
	to = HourOf(q.To)
	if to.Time().Before(q.To) {
		to++
	}
	return from, to
}

// FillCells builds a query's result from hourly cells. An additive
// measure's values (count, sum) add up; any other measure's aggregates
// merge per bucket and the total is the value of all hours merged (a
// unique count's total is not the sum of its buckets). A derived measure
// (avg, p95) merges its stored type's aggregates and finalises them with
// its own Of. A bucket whose value is undefined (NaN: an average of no
// events) is a gap, and so is such a total (Result.TotalGap).
func FillCells(q Query, hourly map[Hour]*Cell) (*Result, error) {
	t, err := q.Measure.Type()
	if err != nil {
		return nil, err
	}
	if _, ok := t.(Additive); ok {
		flat := make(map[Hour]float64, len(hourly))
		for h, c := range hourly {
			flat[h] = c.Value()
		}
		return Fill(q, flat), nil
	}
	value := valuer(t)
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	r := &Result{Query: q}
	all, err := t.New()
	if err != nil {
		return nil, err
	}
	for at := q.From; at.Before(q.To); {
		next := Next(at, q.Every, loc)
		bucket, err := t.New()
		if err != nil {
			return nil, err
		}
		h := HourOf(at)
		if h.Time().Before(at) {
			h++
		}
		for ; h.Time().Before(next); h++ {
			if c := hourly[h]; !c.Empty() {
				if err := bucket.Merge(c.agg); err != nil {
					return nil, err
				}
			}
		}
		if err := all.Merge(bucket); err != nil {
			return nil, err
		}
		bt := at.In(loc)
		if q.Every == Hourly {
			bt = at.UTC()
		}
		v, gap := gapOf(value(bucket))
		r.Points = append(r.Points, Point{Time: bt, Value: v, Gap: gap})
		at = next
	}
	r.Total, r.TotalGap = gapOf(value(all))
	return r, nil
}
