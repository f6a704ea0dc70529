package dynamostore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// The attributes of a health day, besides rej:<reason> for each reason.
const (
	attrFiles  = "files"
	attrBytes  = "bytes"
	attrEvents = "events"
	attrLagSum = "lag_sum"
	attrLagMax = "lag_max"
	attrLagN   = "lag_n"
)

// dayOf is the UTC day a new base batch counts toward: Stats.Day, else
// the day of its earliest count; false when it has neither.
func dayOf(b *build.Batch) (time.Time, bool) {
	if b.Stats.Day != "" {
		t, err := time.Parse(time.DateOnly, b.Stats.Day)
		return t, err == nil
	}
	first, any := build.Hour(0), false
	for eh, n := range b.Counts {
		if n != 0 && (!any || eh.Hour < first) {
			first, any = eh.Hour, true
		}
	}
	return first.Time(), any
}

// dayNumber is a day's sort key: 20261125.
func dayNumber(t time.Time) int64 {
	return int64(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// addHealth adds the counters of src into dst; the lag's maximum is kept.
func addHealth(dst, src *build.HealthDay) {
	dst.Files += src.Files
	dst.Bytes += src.Bytes
	dst.Events += src.Events
	dst.LagSum += src.LagSum
	dst.LagN += src.LagN
	dst.LagMax = max(dst.LagMax, src.LagMax)
	for k, v := range src.Rejected {
		if dst.Rejected == nil {
			dst.Rejected = map[string]int64{}
		}
		dst.Rejected[k] += v
	}
}

// renderHealth adds a day's counters; the lag's maximum is raised, on the
// condition that no one raised it further meanwhile, only when it grows.
func renderHealth(e *expr, w *write, old item, after map[key]item) {
	hd := w.health
	e.Add(attrFiles, num(hd.Files))
	e.Add(attrBytes, num(hd.Bytes))
	e.Add(attrEvents, num(hd.Events))
	e.Add(attrLagSum, numf(hd.LagSum))
	e.Add(attrLagN, num(hd.LagN))
	for _, reason := range sortedKeys(hd.Rejected) {
		if n := hd.Rejected[reason]; n != 0 {
			e.Add(attrRejPfx+reason, num(n))
		}
	}
	prev := getF(old, attrLagMax)
	if hd.LagMax > 0 && (old == nil || prev < hd.LagMax) {
		v := e.value(numf(hd.LagMax))
		e.set = append(e.set, e.name(attrLagMax)+" = "+v)
		e.cond = append(e.cond, "attribute_not_exists("+e.name(attrLagMax)+") OR "+e.name(attrLagMax)+" < "+v)
	}
	after[w.k] = item{attrLagMax: numf(max(prev, hd.LagMax))}
}

// Health returns the ingestion record of every day, oldest first: one
// paginated Query.
func (s *Store) Health(ctx context.Context) ([]build.HealthDay, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	var out []build.HealthDay
	err := s.partition(ctx, pkHealth, func(it item) { out = append(out, readHealth(it)) })
	if err != nil {
		return nil, s.wrap("read the health of", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out, nil
}

// readHealth reads a day's item.
func readHealth(it item) build.HealthDay {
	sk, _ := getN(it, attrSK)
	hd := build.HealthDay{Day: fmt.Sprintf("%04d-%02d-%02d", sk/10000, sk/100%100, sk%100)}
	hd.Files, _ = getN(it, attrFiles)
	hd.Bytes, _ = getN(it, attrBytes)
	hd.Events, _ = getN(it, attrEvents)
	hd.LagN, _ = getN(it, attrLagN)
	hd.LagSum = getF(it, attrLagSum)
	hd.LagMax = getF(it, attrLagMax)
	for name := range it {
		if reason, ok := strings.CutPrefix(name, attrRejPfx); ok {
			if hd.Rejected == nil {
				hd.Rejected = map[string]int64{}
			}
			hd.Rejected[reason], _ = getN(it, name)
		}
	}
	return hd
}
