package dynamostore

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// maxNumber bounds a sum: with 12 decimal places (see numf), the 38
// significant digits of a DynamoDB number hold sums up to 1e24.
const maxNumber = 1e24

// validate refuses a batch that the table could not hold, before anything
// of its call is written: no file ID, keys too long for DynamoDB, series
// whose parts cannot be told apart, numbers out of DynamoDB's range, and
// dedupe of a measure whose duplicates cannot be netted.
func validate(b *build.Batch) error {
	if b == nil || b.ID == "" {
		return errors.New("a batch needs the ID of its source file")
	}
	if k := markerKey(b.ID); len(k.pk) > maxKeyBytes {
		return fmt.Errorf("file key %.60q... is %d bytes; DynamoDB keys hold %d: shorten the source's paths", b.ID, len(b.ID), maxKeyBytes-2)
	}
	if _, ok := dayOf(b); b.Stats.Day != "" && !ok {
		return fmt.Errorf("file %s: arrival day %q is not a date (2026-11-25)", b.ID, b.Stats.Day)
	}
	for eh := range b.Counts {
		if strings.IndexByte(eh.Event, 0x1f) >= 0 {
			return fmt.Errorf("file %s: event name %q holds \\x1f, which separates the parts of rollup series", b.ID, eh.Event)
		}
		if err := checkKey(b.ID, eh.Event); err != nil {
			return err
		}
	}
	for ck, c := range b.Cells {
		series := ck.Series()
		if strings.Count(series, "\x1f") != 3 || strings.IndexByte(series, 0) >= 0 {
			return fmt.Errorf("file %s: cell series %q is not <event>\\x1f<measure>\\x1f<by>\\x1f<group> (a group value may hold no control characters)", b.ID, series)
		}
		if err := checkKey(b.ID, series); err != nil {
			return err
		}
		if err := checkNumbers(b.ID, ck, c); err != nil {
			return err
		}
	}
	if b.Dedupe > 0 && len(b.Msgs) > 0 {
		for _, r := range b.Rollups {
			if err := r.Measure.CheckDedupe(); err != nil {
				return fmt.Errorf("file %s: rollup %s: %w", b.ID, r.ID(), err)
			}
		}
	}
	return nil
}

// checkNumbers refuses a cell whose numbers, for a measure whose
// aggregate is numbers that add, are out of the range numf writes.
func checkNumbers(file string, ck build.CellKey, c *build.Cell) error {
	v := ck.Rollup.Measure.Vector()
	if v == nil || c == nil {
		return nil
	}
	nums := v.Numbers(c.Aggregate())
	for i, f := range v.Fields() {
		if x := nums[i]; math.IsNaN(x) || math.Abs(x) >= maxNumber {
			return fmt.Errorf("file %s: series %q has %s %v at %s, beyond the ±1e24 the DynamoDB store keeps", file, ck.Series(), f, x, ck.Hour.Time().Format("2006-01-02T15Z"))
		}
	}
	return nil
}

// checkKey refuses a series whose partition key DynamoDB would not take.
func checkKey(file, series string) error {
	if n := len(seriesKey(series, 0).pk); n > maxKeyBytes {
		return fmt.Errorf("file %s: series %.40q... makes a key of %d bytes, longer than the %d DynamoDB takes; move the file that holds it out of the event source", file, series, n, maxKeyBytes)
	}
	return nil
}
