package events

import (
	"slices"

	"github.com/dashsmith/dashsmith/build"
)

// roll adds the scanned line, an event in hour h, to one rollup: its
// group (the value at By, cleaned and capped), and its measure, fed what
// its type reads. A value a measure cannot use (a sum's non-number) is
// counted in Stats.Skipped and adds nothing; a group folded by the
// cardinality cap is counted in Stats.Folded. Either
// counts once per line (see skip and fold), however many rollups share the
// measure or the breakdown.
func (f *file) roll(rl *roll, h build.Hour, dedupe bool) {
	m := &f.msg
	var v build.Value
	if rl.input != build.NoInput {
		lo, hi, ok := f.value(rl.prop)
		if !ok || isNull(m.line[lo:hi]) {
			f.skip(rl.missing)
			return
		}
		if rl.input == build.NumberInput {
			var r numResult
			switch v.Num, r = number(m.line[lo:hi], &f.val); r {
			case notNumber:
				f.skip(rl.notNum)
				return
			case outOfRange:
				f.skip(rl.outOfRange)
				return
			}
		} else {
			v.Text = valueText(m.line[lo:hi], &f.val)
		}
	}
	g := rl.only
	if rl.by >= 0 {
		g = rl.group(f.groupOf(rl), h, f.limit)
	}
	c, in := rl.cell(f.b, g, h, f.limit)
	if in != g && in == rl.other { // g nil too: a value the rollup did not keep
		f.fold(rl.by)
	}
	c.Add(v)
	if dedupe && rl.dedupe { // an idempotent measure counts a repeated value once anyway
		f.adds = append(f.adds, build.Add{Rollup: &rl.r, Group: in.value, Num: v.Num})
	}
}

// skip counts the line's value under reason in Stats.Skipped, once per
// line: the rollups of one measure, without and with a breakdown, read the
// same value for the same reason.
func (f *file) skip(reason string) {
	if slices.Contains(f.skipped, reason) {
		return
	}
	f.skipped = append(f.skipped, reason)
	f.b.Stats.Skip(reason)
}

// fold counts in Stats.Folded that the line's value of the breakdown
// property by (a plan index) folded into OtherGroup, once per line and
// property: every measure broken down by it may fold the same value.
func (f *file) fold(by int) {
	if slices.Contains(f.folded, by) {
		return
	}
	f.folded = append(f.folded, by)
	f.b.Stats.Folded++
}

// groupOf returns the breakdown value of the line for rl.
func (f *file) groupOf(rl *roll) []byte {
	m := &f.msg
	lo, hi, ok := f.value(rl.by)
	if !ok || isNull(m.line[lo:hi]) {
		return noneGroup
	}
	return clean(valueText(m.line[lo:hi], &f.grp), &f.cln)
}

var noneGroup = []byte(build.NoneGroup)

// value returns where the value of the plan's path i lies in the line.
func (f *file) value(i int) (lo, hi int, ok bool) {
	s := f.vals[i]
	return s.lo, s.hi, s.ok()
}
