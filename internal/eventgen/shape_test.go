package eventgen

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/events"
)

func TestGenerate_Shape(t *testing.T) {
	// Four weeks starting on a Monday, so every weekday counts four times.
	sum, files := generate(t, Options{Seed: 1, Days: 28, End: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Scale: 1})
	b := build.NewBatch("all")
	late := 0
	for k, data := range files {
		fb := build.NewBatch(k)
		if err := events.Parse(bytes.NewReader(data), fb); err != nil {
			t.Fatal(err)
		}
		var hours []build.Hour
		for eh, n := range fb.Counts {
			b.Counts[eh] += n
			hours = append(hours, eh.Hour)
		}
		if slices.Max(hours)-slices.Min(hours) > 1 {
			late++ // a file holding an event from an earlier hour than the hour before
		}
		b.Stats.Accepted += fb.Stats.Accepted
		b.Stats.Rejected[events.RejectBadJSON] += fb.Stats.Rejected[events.RejectBadJSON]
	}
	if sum.Malformed() == 0 || float64(sum.Malformed())/float64(sum.Lines) > 0.003 {
		t.Errorf("%d malformed lines of %d, want about 0.1%%", sum.Malformed(), sum.Lines)
	}
	if late == 0 {
		t.Error("no late events")
	}
	var byHour [24]int64
	var byDay [7]int64
	var byWeek [4]int64
	from := build.HourOf(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	for eh, n := range b.Counts {
		t := eh.Hour.Time()
		byHour[t.Hour()] += n
		byDay[t.Weekday()] += n
		if w := int(eh.Hour-from) / (7 * 24); w >= 0 && w < 4 {
			byWeek[w] += n
		}
	}
	if byHour[4] > byHour[16]/2 {
		t.Errorf("04:00 UTC has %d events, 16:00 has %d: want a quiet night", byHour[4], byHour[16])
	}
	if byDay[time.Sunday] > byDay[time.Wednesday]*3/4 {
		t.Errorf("Sunday has %d events, Wednesday %d: want a quiet weekend", byDay[time.Sunday], byDay[time.Wednesday])
	}
	if byWeek[3] <= byWeek[0] {
		t.Errorf("weekly events %v: want growth", byWeek)
	}
}
