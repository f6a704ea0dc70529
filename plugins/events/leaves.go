package events

import (
	"encoding/binary"
	"math/bits"
)

// Property paths seen are the dotted keys of "properties", "traits" and
// "context", nested objects flattened to this many levels below the root;
// arrays, deeper objects and empty objects are leaves.
const propDepth = 3

// The roots whose leaf paths ingest records, in the order their paths are
// recorded (see file.props). Properties paths are stored bare ("revenue"),
// the others with their root ("traits.email", "context.os.name").
const (
	rootProperties = iota
	rootTraits
	rootContext
	nRoots
)

// rootFields and rootPrefixes are the field and path prefix of each root.
var (
	rootFields   = [nRoots]field{fProperties, fTraits, fContext}
	rootPrefixes = [nRoots]string{"", "traits.", "context."}
)

// rootOf is the root of each field, or -1.
var rootOf = func() (t [nFields]int8) {
	for f := range t {
		t[f] = -1
	}
	for r, f := range rootFields {
		t[f] = int8(r)
	}
	return t
}()

// leaves is told, while the scanner validates a root's value, the key of
// every member down to propDepth. Its methods do nothing on a nil
// collector.
//
// While message.scan reads a line it only hashes the keys, in order, with
// their levels: that sequence is the root's shape, and it fixes the leaf
// paths (a key is a leaf unless the next key is one level deeper), so a
// line whose shape was seen before needs nothing else. Only for a new
// shape does file.props walk the root again with collect set, to get the
// leaves' key paths as spans of the line.
type leaves struct {
	line  []byte // the line the spans are of
	h     uint64 // the hash of the keys so far
	nkeys int    // how many keys

	collect bool            // note the paths too
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

// reset starts on a new value of root r in line, noting paths when
// collect.
func (c *leaves) reset(line []byte, r int, collect bool) {
	c.line = line
	c.h, c.nkeys = rootSeeds[r], 0
	c.collect = collect
	c.paths = c.paths[:0]
	c.pending = false
}

// key notes the key s read at level n (1 to propDepth): it adds the key's
// bytes (as written, escapes and all), length and level to the hash.
func (c *leaves) key(n int, s span) {
	k := c.line[s.lo+1 : s.hi-1]
	l, h := uint64(len(k)), c.h
	for len(k) > 16 {
		h = mix(binary.LittleEndian.Uint64(k)^hk1, binary.LittleEndian.Uint64(k[8:])^h^hk2)
		k = k[16:]
	}
	var x, y uint64
	switch {
	case len(k) >= 8:
		x = binary.LittleEndian.Uint64(k)
		y = binary.LittleEndian.Uint64(k[len(k)-8:])
	case len(k) >= 4:
		x = uint64(binary.LittleEndian.Uint32(k))
		y = uint64(binary.LittleEndian.Uint32(k[len(k)-4:]))
	case len(k) > 0:
		x = uint64(k[0])<<16 | uint64(k[len(k)>>1])<<8 | uint64(k[len(k)-1])
	}
	// The length and level, spread over the word by an odd multiplier,
	// so that they overlap no key byte in particular.
	tag := (l<<2 | uint64(n)) * hk2
	c.h = mix(x^tag^hk1, y^h^hk3)
	c.nkeys++
	if c.collect {
		c.keys[n-1] = s
		c.depth = n
		c.pending = true
	}
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

// The shape hash is a 64-bit multiply-and-fold hash in the manner of
// wyhash (see leaves.key): one multiplication a key of up to 16 bytes.
// It is not seeded per process, so that ingest is deterministic: two
// shapes that collide only cost the second its paths in that file (it
// looks seen), and 64 bits make that about 512²/2⁶⁴ likely for the most
// shapes an event keeps.
const (
	hk0 = 0xa0761d6478bd642f
	hk1 = 0xe7037ed1a0b428db
	hk2 = 0x8ebc6af09c88c6e3
	hk3 = 0x589965cc75374cc3
)

// rootSeeds start the hash of each root, so that the same keys under two
// roots are two shapes.
var rootSeeds = [nRoots]uint64{hk0, hk1, hk2}

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}
