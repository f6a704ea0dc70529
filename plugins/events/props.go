package events

import (
	"encoding/binary"

	"github.com/dashsmith/dashsmith/build"
)

// maxPathBytes is the longest path build.CheckPath accepts.
const maxPathBytes = 200

// maxShapes bounds the property shapes remembered per event and file.
const maxShapes = 256

// props records the property paths of the scanned line under ev, at most
// build.MaxProps per event per file. Lines of one event mostly share a
// shape (the same keys, in the same order): a shape seen before is known
// by one map lookup, and only a new shape's paths are looked at one by one.
func (f *file) props(ev *eventState) {
	leaves := f.msg.props.paths
	if len(leaves) == 0 || len(ev.props) >= build.MaxProps {
		return
	}
	shape := f.shape[:0]
	for _, l := range leaves {
		shape = append(shape, byte(l.n))
		for _, k := range l.keys[:l.n] {
			shape = binary.AppendUvarint(shape, uint64(k.hi-k.lo))
			shape = append(shape, f.msg.line[k.lo:k.hi]...)
		}
	}
	f.shape = shape
	if _, ok := ev.shapes[string(shape)]; ok {
		return
	}
	for _, l := range leaves {
		if p, ok := f.leafPath(l); ok {
			f.seeProp(ev, p)
		}
	}
	if len(ev.shapes) < maxShapes {
		ev.shapes[string(shape)] = struct{}{}
	}
}

// leafPath writes the dotted path of the leaf l, unless a key cannot be
// part of one.
func (f *file) leafPath(l leafPath) ([]byte, bool) {
	p := f.path[:0]
	for j, k := range l.keys[:l.n] {
		key := appendText(f.key[:0], f.msg.line[k.lo:k.hi], k.esc)
		f.key = key
		if !goodKey(key) {
			return nil, false
		}
		if j > 0 {
			p = append(p, '.')
		}
		p = append(p, key...)
	}
	f.path = p
	return p, len(p) <= maxPathBytes
}

// seeProp records the property path p of ev, once per event and file.
func (f *file) seeProp(ev *eventState, p []byte) {
	if _, ok := ev.props[string(p)]; ok || len(ev.props) >= build.MaxProps {
		return
	}
	s := string(p)
	ev.props[s] = struct{}{}
	f.b.Props[build.EventProp{Event: ev.name, Path: s}] = true
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
