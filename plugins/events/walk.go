package events

// resolve finds the value of every path of the plan in the scanned line,
// into l.vals (absent: a zero span). Each root object is walked once.
func (l *eventLine) resolve(pl *plan) {
	m := &l.msg
	l.vals = l.vals[:0]
	for range pl.paths {
		l.vals = append(l.vals, span{})
	}
	for r, n := range pl.roots {
		s := m.raw[r]
		if n == nil || !s.ok() {
			continue
		}
		for _, i := range n.ends {
			l.vals[i] = s
		}
		if len(n.kids) > 0 {
			l.walk(s.lo, n)
		}
	}
}

// walk goes through the object at line[lo] for the keys of n. Of repeated
// keys the last counts, as with encoding/json, so a key resets what an
// earlier one found below it.
func (l *eventLine) walk(lo int, n *node) {
	it, ok := objectAt(l.msg.line, lo)
	if !ok {
		return
	}
	for it.next() {
		kid := n.find(it.name(&l.key))
		if kid == nil {
			continue
		}
		for _, i := range kid.all {
			l.vals[i] = span{}
		}
		for _, i := range kid.ends {
			l.vals[i] = span{lo: it.vlo, hi: it.vhi}
		}
		if len(kid.kids) > 0 {
			l.walk(it.vlo, kid)
		}
	}
}
