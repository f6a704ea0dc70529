package build

import (
	"sort"
	"time"
)

// buckets are a query's buckets, cut as Fill cuts them: bucket i holds
// the UTC hours whose start lies in [start i, start i+1). A zone whose
// day starts mid-hour gives that hour to the bucket before.
type buckets struct {
	times []time.Time // each bucket's start as a point shows it
	first []Hour      // each bucket's first hour, then the hour past the last
}

// bucketsOf cuts q's range into buckets: at most MaxBuckets for a
// resolved query, so memory follows the result, not the data.
func bucketsOf(q Query) buckets {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	var b buckets
	ceil := func(t time.Time) Hour {
		h := HourOf(t)
		if h.Time().Before(t) {
			h++
		}
		return h
	}
	t := q.From
	for ; t.Before(q.To); t = Next(t, q.Every, loc) {
		bt := t.In(loc)
		if q.Every == Hourly {
			bt = t.UTC()
		}
		b.times = append(b.times, bt)
		b.first = append(b.first, ceil(t))
	}
	b.first = append(b.first, ceil(t))
	return b
}

// len is the number of buckets.
func (b buckets) len() int { return len(b.times) }

// index returns the bucket that holds hour h, or -1 outside the range.
func (b buckets) index(h Hour) int {
	if len(b.times) == 0 || h < b.first[0] || h >= b.first[len(b.first)-1] {
		return -1
	}
	return sort.Search(len(b.times), func(i int) bool { return b.first[i+1] > h })
}

// points returns one point per bucket with the values of vals, rounded
// as the measure rounds a sum of hours (see Fill), and their total.
func (b buckets) points(m Measure, vals []float64) ([]Point, float64) {
	out := make([]Point, len(b.times))
	round := rounder(m)
	var total float64
	for i, t := range b.times {
		v := vals[i]
		total += v
		out[i] = Point{Time: t, Value: round(v)}
	}
	return out, round(total)
}
