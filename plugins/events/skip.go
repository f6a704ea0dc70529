package events

// skipValue reads one JSON value starting at b[i] (after any whitespace),
// validating it. depth is the number of containers already open around it;
// opening one more than MaxDepth in all returns errDeep. The loop keeps a
// bit per container it has opened (1 for an object), so it needs no
// recursion and no allocation. With a collector, it notes the key paths
// of the value's leaves on the way (see leaves).
func skipValue(b []byte, i, depth int, c *leaves) int {
	var objects uint64 // bit k: the container opened k-th (from 0) is an object
	n := 0             // containers open in this call
	for {
		// A value starts here.
		i = skipWS(b, i)
		if i >= len(b) {
			return errBad
		}
		switch b[i] {
		case '{', '[':
			if depth+n+1 > MaxDepth {
				return errDeep
			}
			obj := b[i] == '{'
			if obj {
				objects |= 1 << n
			} else {
				objects &^= 1 << n
			}
			n++
			i = skipWS(b, i+1)
			if i < len(b) && (b[i] == '}' && obj || b[i] == ']' && !obj) {
				c.value(false)
				i++
				n--
				break
			}
			c.value(obj && n <= propDepth)
			if obj {
				if i = c.member(b, i, n, objects); i < 0 {
					return i
				}
			}
			continue
		default:
			c.value(false)
			if i = scanScalar(b, i); i < 0 {
				return i
			}
		}
		// A value ended: close containers until one goes on with ','.
		for {
			if n == 0 {
				return i
			}
			i = skipWS(b, i)
			if i >= len(b) {
				return errBad
			}
			obj := objects&(1<<(n-1)) != 0
			ch := b[i]
			if ch == ',' {
				i++
				if obj {
					if i = c.member(b, skipWS(b, i), n, objects); i < 0 {
						return i
					}
				}
				break
			}
			if ch == '}' && obj || ch == ']' && !obj {
				i++
				n--
				continue
			}
			return errBad
		}
	}
}

// member reads `"key" :` at b[i], the key of an object at level n (1 for
// the value skipValue started at) and returns the index after the colon.
// A collector notes the key when every level up to n is an object.
func (c *leaves) member(b []byte, i, n int, objects uint64) int {
	if i >= len(b) || b[i] != '"' {
		return errBad
	}
	ks := i
	i, esc := scanString(b, i)
	if i < 0 {
		return i
	}
	if c != nil && n <= propDepth && objects&(1<<n-1) == 1<<n-1 {
		c.key(n, span{lo: ks, hi: i, esc: esc})
	}
	i = skipWS(b, i)
	if i >= len(b) || b[i] != ':' {
		return errBad
	}
	return i + 1
}

// validJSON reports whether b is one JSON value, valid UTF-8 in its
// strings, nested at most MaxDepth deep.
func validJSON(b []byte) bool {
	i := skipValue(b, 0, 0, nil)
	return i >= 0 && skipWS(b, i) == len(b)
}
