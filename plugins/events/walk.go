package events

// resolve finds the value of every path of ev's plan in the scanned line,
// into f.vals (absent: a zero span). Each root object is walked once.
func (f *file) resolve(ev *eventState) {
	m := &f.msg
	pl := ev.plan
	f.vals = f.vals[:0]
	for range pl.paths {
		f.vals = append(f.vals, span{})
	}
	for r, n := range pl.roots {
		s := m.raw[r]
		if n == nil || !s.ok() {
			continue
		}
		for _, i := range n.ends {
			f.vals[i] = s
		}
		if len(n.kids) > 0 {
			f.walk(s.lo, n)
		}
	}
}

// walk goes through the object at line[lo] for the keys of n. Of repeated
// keys the last counts, as with encoding/json, so a key resets what an
// earlier one found below it.
func (f *file) walk(lo int, n *node) {
	it, ok := objectAt(f.msg.line, lo)
	if !ok {
		return
	}
	for it.next() {
		kid := n.find(it.name(&f.key))
		if kid == nil {
			continue
		}
		for _, i := range kid.all {
			f.vals[i] = span{}
		}
		for _, i := range kid.ends {
			f.vals[i] = span{lo: it.vlo, hi: it.vhi}
		}
		if len(kid.kids) > 0 {
			f.walk(it.vlo, kid)
		}
	}
}
