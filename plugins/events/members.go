package events

// members walks the members of an object in a line the scanner has
// already validated, so it checks nothing.
type members struct {
	b        []byte
	i        int
	key      []byte // the key, still escaped when esc
	esc      bool
	vlo, vhi int // the value: b[vlo:vhi]
}

// objectAt starts a walk of the object at b[lo]; ok is false when the
// value there is not an object.
func objectAt(b []byte, lo int) (members, bool) {
	if b[lo] != '{' {
		return members{}, false
	}
	return members{b: b, i: skipWS(b, lo+1)}, true
}

// next moves to the next member, reporting false after the last.
func (it *members) next() bool {
	b := it.b
	if b[it.i] == '}' {
		return false
	}
	ks := it.i
	ke, esc := scanString(b, ks)
	it.key, it.esc = b[ks+1:ke-1], esc
	it.vlo = skipWS(b, skipWS(b, ke)+1)
	it.vhi = skipValue(b, it.vlo, 0, nil)
	i := skipWS(b, it.vhi)
	if b[i] == ',' {
		i = skipWS(b, i+1)
	}
	it.i = i
	return true
}

// name returns the decoded key, in *buf when it had to be decoded.
func (it *members) name(buf *[]byte) []byte {
	if !it.esc {
		return it.key
	}
	*buf = appendUnquoted((*buf)[:0], it.key)
	return *buf
}
