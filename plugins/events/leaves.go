package events

// Property paths seen are dotted keys of "properties", nested objects
// flattened to this many levels; arrays, deeper objects and empty objects
// are leaves.
const propDepth = 3

// leaves collects, while the scanner validates "properties", the key path
// of every leaf down to propDepth, as spans of the line: no second walk.
// Its methods do nothing on a nil collector.
type leaves struct {
	keys    [propDepth]span // the keys of the path being read
	depth   int             // how many of them
	pending bool            // a key was just read: its value comes next
	paths   []leafPath
}

// leafPath is the keys of one leaf: keys[:n].
type leafPath struct {
	keys [propDepth]span
	n    int
}

func (c *leaves) reset() {
	c.paths = c.paths[:0]
	c.pending = false
}

// key notes the key s read at level n.
func (c *leaves) key(n int, s span) {
	c.keys[n-1] = s
	c.depth = n
	c.pending = true
}

// value notes the start of a value: after a key, it is a leaf unless the
// scanner descends into it to read its keys.
func (c *leaves) value(descend bool) {
	if c == nil || !c.pending {
		return
	}
	c.pending = false
	if !descend {
		c.paths = append(c.paths, leafPath{keys: c.keys, n: c.depth})
	}
}
