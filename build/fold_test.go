package build

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wordsDecoder reads lines "<event> <minute> key=value ...", every event
// on 2026-11-25 from 14:00 on; "bad" is a rejected line. The key id is the
// message ID; a value "null" is null, one strconv reads is a number, any
// other a string. It is the fold's test decoder: it names no format.
type wordsDecoder struct{}

func (wordsDecoder) TopLevel(path string) bool { return path == "id" }

func (wordsDecoder) Decode(r io.Reader, s Sink) (int64, error) {
	sc := bufio.NewScanner(r)
	var n int64
	l := &wordsLine{}
	l.ev.Line = l
	for sc.Scan() {
		line := sc.Text()
		n += int64(len(line)) + 1
		f := strings.Fields(line)
		if len(f) < 2 || f[0] == "bad" {
			s.Reject("bad line")
			continue
		}
		mm, err := strconv.Atoi(f[1])
		if err != nil {
			s.Reject("bad time")
			continue
		}
		l.kv = map[string]string{}
		for _, w := range f[2:] {
			k, v, _ := strings.Cut(w, "=")
			l.kv[k] = v
		}
		l.ev.Name, l.ev.Time = []byte(f[0]), foldStart.Add(time.Duration(mm)*time.Minute)
		s.Event(&l.ev)
	}
	return n, sc.Err()
}

var foldStart = time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

type wordsLine struct {
	ev   Event
	kv   map[string]string
	vals []string
	has  []bool
}

func (l *wordsLine) ID(*[]byte) []byte { return []byte(l.kv["id"]) }

func (l *wordsLine) Received() (time.Time, bool, bool) { return time.Time{}, false, false }

func (l *wordsLine) Lookup(p *Paths) {
	l.vals, l.has = l.vals[:0], l.has[:0]
	for _, path := range p.List {
		v, ok := l.kv[path]
		l.vals, l.has = append(l.vals, v), append(l.has, ok)
	}
}

func (l *wordsLine) Value(i int, _ *[]byte) (ValueKind, []byte) {
	v := l.vals[i]
	switch _, err := strconv.ParseFloat(v, 64); {
	case !l.has[i]:
		return NoValue, nil
	case v == "null":
		return NullValue, nil
	case err == nil:
		return NumberValue, []byte(v)
	}
	return StringValue, []byte(v)
}

func (l *wordsLine) Props(p *Props) {
	for k := range l.kv {
		p.Add([]byte(k))
	}
}

// foldRollup parses "count" or "sum(revenue)" into a rollup of event.
func foldRollup(t testing.TB, event, measure, by string) Rollup {
	t.Helper()
	m, err := ParseMeasure(measure)
	if err != nil {
		t.Fatal(err)
	}
	return Rollup{Event: event, Measure: m, By: by}
}

// fold decodes the lines into a fresh batch of rs.
func fold(t testing.TB, lines string, o FoldOptions, dedupe time.Duration, rs ...Rollup) *Batch {
	t.Helper()
	b := NewBatch("test", rs...)
	b.Dedupe = dedupe
	if err := Decode(strings.NewReader(lines), wordsDecoder{}, b, o); err != nil {
		t.Fatal(err)
	}
	return b
}

// groupsAt returns the events of every group of r in hour h (a count's
// or a sum's cell weighs its events).
func groupsAt(b *Batch, r Rollup, h Hour) map[string]int64 {
	out := map[string]int64{}
	for k, c := range b.Cells {
		if k.Hour == h && k.Rollup == r {
			out[k.Group] = int64(c.Weight())
		}
	}
	return out
}

func TestFold_Measures(t *testing.T) {
	sums := foldRollup(t, "Buy", "sum(revenue)", "")
	plans := foldRollup(t, "Buy", "count", "plan")
	in := "Buy 0 revenue=5 plan=a id=m1\nBuy 1 revenue=x plan=null\nBuy 2 plan=b\nbad\nSee 3\n"
	b := fold(t, in, FoldOptions{}, time.Hour, BaseRollup, sums, plans)
	h := HourOf(foldStart)
	if b.Stats.Lines != 5 || b.Stats.Accepted != 4 || b.Stats.Rejected["bad line"] != 1 {
		t.Errorf("stats = %+v", b.Stats)
	}
	if got := b.Counts[EventHour{Event: "Buy", Hour: h}]; got != 3 {
		t.Errorf("Buy counted %d times, want 3", got)
	}
	if c := b.Cells[CellKey{Rollup: sums, Hour: h}]; c == nil || c.Value() != 5 || c.Weight() != 1 {
		t.Errorf("sum cell = %+v, want 5 of one event", c)
	}
	want := map[string]int64{"a": 1, NoneGroup: 1, "b": 1}
	if got := groupsAt(b, plans, h); !maps.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	wantSkips := map[string]int64{"sum(revenue): not a number": 1, "sum(revenue): missing": 1}
	if !maps.Equal(b.Stats.Skipped, wantSkips) {
		t.Errorf("skipped = %v, want %v", b.Stats.Skipped, wantSkips)
	}
	if len(b.Msgs) != 1 || b.Msgs[0].ID != msgID([]byte("m1")) || len(b.Msgs[0].Adds) != 3 {
		t.Errorf("msgs = %+v, want m1 with its count, sum and group", b.Msgs)
	}
	if !b.Props[EventProp{Event: "Buy", Path: "revenue"}] || len(b.Props) != 3 {
		t.Errorf("props = %v", b.Props)
	}
}

// TestFold_ValuesOverHours checks that a breakdown tracks at most
// fullHours × spare × cap values over all the hours of a file: a value
// new in an hour past that folds into the hour's OtherGroup.
func TestFold_ValuesOverHours(t *testing.T) {
	plans := foldRollup(t, "Buy", "count", "plan")
	var in strings.Builder
	const hours = 100
	for i := range hours {
		fmt.Fprintf(&in, "Buy %d plan=p%d\n", 60*i, i)
	}
	b := fold(t, in.String(), FoldOptions{Cardinality: 3}, 0, plans)
	tracked := fullHours * spare * 3
	if len(b.Cells) != hours || b.Stats.Folded != hours-int64(tracked) {
		t.Errorf("%d cells, %d folded; want %d cells (one per hour), %d folded", len(b.Cells), b.Stats.Folded, hours, hours-tracked)
	}
	last := HourOf(foldStart.Add((hours - 1) * time.Hour))
	if got := groupsAt(b, plans, last); len(got) != 1 || got[OtherGroup] != 1 {
		t.Errorf("groups of the last hour = %v, want %s alone", got, OtherGroup)
	}
}

// TestFold_FoldedValuesHeld: a value that folds into (other) is not kept
// either. A one-hour file with a new plan on every line used to keep every
// plan it read (the groups a rollup interns), so its memory grew with its
// lines whatever the cap; now a rollup holds only the groups it has cells
// for.
func TestFold_FoldedValuesHeld(t *testing.T) {
	plans := foldRollup(t, "Buy", "count", "plan")
	var in strings.Builder
	const lines = 5000
	for i := range lines {
		fmt.Fprintf(&in, "Buy 0 plan=p%d\n", i)
	}
	b := NewBatch("wide", plans)
	f, err := NewFold(b, FoldOptions{Cardinality: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (wordsDecoder{}).Decode(strings.NewReader(in.String()), f); err != nil {
		t.Fatal(err)
	}
	rl := f.rolls["Buy"][0]
	if held, most := len(rl.groups), spare*3+2; held > most { // with (other) and the group of no value
		t.Errorf("the rollup holds %d groups after %d distinct values; want at most %d", held, lines, most)
	}
	if b.Stats.Folded != lines-spare*3 {
		t.Errorf("%d folded; want %d", b.Stats.Folded, lines-spare*3)
	}
}
