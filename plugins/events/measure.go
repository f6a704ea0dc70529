package events

import "github.com/dashsmith/dashsmith/build"

// roll adds the scanned line, an event in hour h, to one rollup: its
// group (the value at By, cleaned and capped), and its measure. A value a
// sum or unique cannot use is counted in Stats.Skipped and adds nothing.
func (f *file) roll(rl *roll, h build.Hour, dedupe bool) {
	m := &f.msg
	var v float64
	var text []byte
	if rl.kind != build.Count {
		lo, hi, ok := f.value(rl.prop)
		if !ok || isNull(m.line[lo:hi]) {
			f.b.Stats.Skip(rl.missing)
			return
		}
		if rl.kind == build.Sum {
			if v, ok = number(m.line[lo:hi], &f.val); !ok {
				f.b.Stats.Skip(rl.notNum)
				return
			}
		} else {
			text = valueText(m.line[lo:hi], &f.val)
		}
	}
	g := rl.only
	if rl.by >= 0 {
		g = rl.intern(f.groupOf(rl))
	}
	c, g := rl.cell(f.b, g, h, f.limit)
	switch rl.kind {
	case build.Count:
		c.N++
	case build.Sum:
		c.Sum += v
		c.N++
	case build.Unique:
		c.Sketch.Insert(text)
		return // a sketch counts a repeated value once anyway
	}
	if dedupe {
		f.adds = append(f.adds, build.Add{Series: g.series, N: 1, Sum: v})
	}
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
