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
// that build.SplitSeries could not read back, sums out of DynamoDB's range.
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
	for sh, c := range b.Cells {
		if strings.Count(sh.Series, "\x1f") != 3 || strings.IndexByte(sh.Series, 0) >= 0 {
			return fmt.Errorf("file %s: cell series %q is not <event>\\x1f<measure>\\x1f<by>\\x1f<group> (a group value may hold no control characters)", b.ID, sh.Series)
		}
		if err := checkKey(b.ID, sh.Series); err != nil {
			return err
		}
		if c != nil && (math.IsNaN(c.Sum) || math.Abs(c.Sum) >= maxNumber) {
			return fmt.Errorf("file %s: series %q sums to %v at %s, beyond the ±1e24 the DynamoDB store keeps", b.ID, sh.Series, c.Sum, sh.Hour.Time().Format("2006-01-02T15Z"))
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
