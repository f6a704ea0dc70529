package events

import (
	"encoding/binary"

	"github.com/dashsmith/dashsmith/build"
)

// maxPathBytes is the longest path build.CheckPath accepts.
const maxPathBytes = 200

// maxShapes bounds the shapes remembered per event and file: those of
// lines may take half, so that those of roots always find room.
const maxShapes = 512

// rootBudget keeps room for properties under build.MaxProps: traits and
// context paths are recorded only while the event has fewer than this many
// paths in the file, so at least MaxProps-rootBudget (50) are left that
// only properties paths can take. Within a line, properties paths are
// recorded first, then traits, then context.
const rootBudget = build.MaxProps * 3 / 4

// Props records the leaf paths of the scanned line's properties (bare),
// traits and context (with their root) in p, at most build.MaxProps per
// event per file (see rootBudget).
//
// Lines of one event mostly share a shape (the same keys, in the same
// order): the scanner has hashed each root's keys as it read them, so a
// line of a shape seen before (remembered in p.Memo) costs one map lookup. A line of a new shape
// looks its roots up one by one (a new context with the usual properties,
// say), and only a root of a new shape is walked again for its paths; so
// an event whose lines mix many shapes of properties and context costs a
// few lookups a line, not a walk.
func (l *eventLine) Props(p *build.Props) {
	m := &l.msg
	n := p.Len()
	if n >= build.MaxProps {
		return
	}
	roots := &m.roots
	last := nRoots // the roots to look at
	h := roots[rootProperties].h
	if n < rootBudget {
		if roots[rootProperties].nkeys+roots[rootTraits].nkeys+roots[rootContext].nkeys == 0 {
			return
		}
		h = mix(mix(h^hk2, roots[rootTraits].h)^hk3, roots[rootContext].h)
	} else {
		last = rootProperties + 1 // traits and context have had their share
		if roots[rootProperties].nkeys == 0 {
			return
		}
	}
	l.shape = binary.LittleEndian.AppendUint64(l.shape[:0], h)
	if _, ok := p.Memo[string(l.shape)]; ok {
		return
	}
	c := &m.paths
	for r := range last {
		if r != rootProperties && p.Len() >= rootBudget {
			break
		}
		s := m.raw[rootFields[r]]
		if roots[r].nkeys == 0 || !s.ok() || m.line[s.lo] != '{' {
			continue
		}
		var key [9]byte // the root's shape: its hash and the root
		binary.LittleEndian.PutUint64(key[:], roots[r].h)
		key[8] = byte(r)
		if _, ok := p.Memo[string(key[:])]; ok {
			continue
		}
		c.reset(m.line, r, true)
		skipValue(m.line, s.lo, 1, c) // valid: scan read it
		for _, leaf := range c.paths {
			if r != rootProperties && p.Len() >= rootBudget {
				break
			}
			if path, ok := l.leafPath(rootPrefixes[r], leaf); ok {
				p.Add(path)
			}
		}
		if len(p.Memo) < maxShapes {
			p.Memo[string(key[:])] = struct{}{}
		}
	}
	if len(p.Memo) < maxShapes/2 {
		p.Memo[string(l.shape)] = struct{}{}
	}
}

// leafPath writes the dotted path of the leaf l after prefix, unless a key
// cannot be part of one. A properties path whose first key is a name a
// bare path cannot mean (userId, type, context, traits: see
// topLevel) is written from the top, "properties.userId", so that
// every path listed addresses what it names.
func (l *eventLine) leafPath(prefix string, leaf leafPath) ([]byte, bool) {
	p := append(l.path[:0], prefix...)
	for j, k := range leaf.keys[:leaf.n] {
		key := appendText(l.key[:0], l.msg.line[k.lo:k.hi], k.esc)
		l.key = key
		if !goodKey(key) {
			return nil, false
		}
		if j > 0 {
			p = append(p, '.')
		} else if prefix == "" && topLevel(string(key)) {
			p = append(p, "properties."...)
		}
		p = append(p, key...)
	}
	l.path = p
	return p, len(p) <= maxPathBytes
}

// goodKey keeps the keys a dotted path can name (see build.CheckPath).
func goodKey(k []byte) bool {
	if len(k) == 0 {
		return false
	}
	for _, c := range k {
		switch c {
		case '.', '"', '\'', '(', ')', '`', '\\', 0x7f:
			return false
		}
		if c < 0x20 {
			return false
		}
	}
	return true
}
