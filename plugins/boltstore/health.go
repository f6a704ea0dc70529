package boltstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// dayOf is the arrival day a base batch counts toward: Stats.Day, else the
// UTC day of its earliest count; "" when it has neither.
func dayOf(b *build.Batch) string {
	if b.Stats.Day != "" {
		return b.Stats.Day
	}
	first, any := build.Hour(0), false
	for eh, n := range b.Counts {
		if n != 0 && (!any || eh.Hour < first) {
			first, any = eh.Hour, true
		}
	}
	if !any {
		return ""
	}
	return first.Time().Format(time.DateOnly)
}

// addHealth merges a newly applied base batch into its day's record.
func (p *plan) addHealth(b *build.Batch) error {
	day := dayOf(b)
	if day == "" {
		return nil // no arrival day and no events: nothing to file it under
	}
	hd := p.health[day]
	if hd == nil {
		hd = &build.HealthDay{Day: day}
		if v := p.tx.Bucket(bucketHealth).Get([]byte(day)); v != nil {
			if err := json.Unmarshal(v, hd); err != nil {
				return fmt.Errorf("the health record of %s is unreadable: %w", day, err)
			}
		}
		p.health[day] = hd
	}
	hd.Add(b)
	return nil
}

func (p *plan) writeHealth() error {
	b := p.tx.Bucket(bucketHealth)
	for _, day := range sortedKeys(p.health) {
		v, err := json.Marshal(p.health[day])
		if err != nil {
			return err
		}
		if err := b.Put([]byte(day), v); err != nil {
			return err
		}
	}
	return nil
}

// Health returns the ingestion record of every day, oldest first.
func (s *Store) Health(ctx context.Context) ([]build.HealthDay, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []build.HealthDay
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketHealth)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var hd build.HealthDay
			if err := json.Unmarshal(v, &hd); err != nil {
				return fmt.Errorf("the health record of %s is unreadable: %w", k, err)
			}
			out = append(out, hd)
			return nil
		})
	})
	if err != nil {
		return nil, s.wrap("read health of", err)
	}
	return out, nil
}
