package build

import "time"

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
func Fill(q Query, hourly map[Hour]float64) *Result {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	r := &Result{Query: q}
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
		r.Points = append(r.Points, Point{Time: bt, Value: v})
		r.Total += v
		t = next
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
