package events

// span is where a value lies in the line: line[lo:hi], quotes included
// for a string; esc says a string holds an escape. hi == 0 means absent.
type span struct {
	lo, hi int
	esc    bool
}

func (s span) ok() bool { return s.hi > 0 }

// message is one line scanned once: where each known field's value is.
// raw holds the last value of each field, whatever its type; str the last
// string value, which is what a string field of encoding/json would keep
// (it leaves a field alone for a null and for a value of another type).
type message struct {
	line []byte
	raw  [nFields]span
	str  [nFields]span
	key  []byte // scratch for a key that must be decoded or folded
	// roots hashes the keys of the last "properties", "traits" and
	// "context" values (see leaves); paths collects the leaf paths of one
	// of them on demand (see file.props).
	roots [nRoots]leaves
	paths leaves
}

// scan validates the line as one JSON object and records its fields. It
// returns 0, errBad or errDeep.
func (m *message) scan(line []byte) int {
	m.line = line
	m.raw = [nFields]span{}
	m.str = [nFields]span{}
	for r := range m.roots {
		m.roots[r].reset(line, r, false)
	}
	i := skipWS(line, 0)
	if i >= len(line) || line[i] != '{' {
		return errBad
	}
	i = skipWS(line, i+1)
	if i < len(line) && line[i] == '}' {
		i++
	} else {
		for {
			if i >= len(line) || line[i] != '"' {
				return errBad
			}
			ks := i
			var kesc bool
			i, kesc = scanString(line, i)
			if i < 0 {
				return i
			}
			f := m.field(line[ks+1:i-1], kesc)
			i = skipWS(line, i)
			if i >= len(line) || line[i] != ':' {
				return errBad
			}
			vs := skipWS(line, i+1)
			var c *leaves
			if f != fNone && rootOf[f] >= 0 {
				r := int(rootOf[f])
				c = &m.roots[r] // the last value of the root counts
				c.reset(line, r, false)
			}
			if vs < len(line) && line[vs] == '"' {
				var esc bool
				if i, esc = scanString(line, vs); i > 0 && f != fNone {
					m.str[f] = span{vs, i, esc}
					m.raw[f] = m.str[f]
				}
			} else if i = skipValue(line, vs, 1, c); i > 0 && f != fNone {
				m.raw[f] = span{lo: vs, hi: i}
			}
			if i < 0 {
				return i
			}
			i = skipWS(line, i)
			if i < len(line) && line[i] == ',' {
				i = skipWS(line, i+1)
				continue
			}
			if i < len(line) && line[i] == '}' {
				i++
				break
			}
			return errBad
		}
	}
	if skipWS(line, i) != len(line) {
		return errBad
	}
	return 0
}

// text returns the decoded value of the string field f (nil when absent):
// a slice of the line, or of *buf when it had to be decoded.
func (m *message) text(f field, buf *[]byte) []byte {
	s := m.str[f]
	if !s.ok() {
		return nil
	}
	if !s.esc {
		return m.line[s.lo+1 : s.hi-1]
	}
	*buf = appendUnquoted((*buf)[:0], m.line[s.lo+1:s.hi-1])
	return *buf
}
