package build

import (
	"encoding/binary"
	"hash"
	"io"
	"math"
	"time"
)

// Digester writes values into a hash without ambiguity, for caches that
// key on what they were made from: every string and list carries its
// length, so no two different sequences of values write the same bytes.
// It gathers small values in a buffer and writes the hash in blocks: a
// hash's Write costs about as much for 8 bytes as for a few hundred.
type Digester struct {
	h   hash.Hash
	buf []byte
}

// digestBuffer is how many bytes a Digester gathers before it writes them.
const digestBuffer = 512

// NewDigester writes into h.
func NewDigester(h hash.Hash) *Digester {
	return &Digester{h: h, buf: make([]byte, 0, digestBuffer)}
}

// Sum appends the hash of what was written to b.
func (d *Digester) Sum(b []byte) []byte {
	d.flush()
	return d.h.Sum(b)
}

// Reset forgets what was written, and resets the hash, so that one
// Digester (and its buffer) serves digest after digest.
func (d *Digester) Reset() {
	d.h.Reset()
	d.buf = d.buf[:0]
}

// flush writes the gathered bytes into the hash.
func (d *Digester) flush() {
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
}

// Int writes v.
func (d *Digester) Int(v int64) {
	if len(d.buf)+8 > cap(d.buf) {
		d.flush()
	}
	d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(v))
}

// Float writes v, bit for bit.
func (d *Digester) Float(v float64) { d.Int(int64(math.Float64bits(v))) }

// Bool writes v.
func (d *Digester) Bool(v bool) {
	if v {
		d.Int(1)
	} else {
		d.Int(0)
	}
}

// String writes s and its length.
func (d *Digester) String(s string) {
	d.Int(int64(len(s)))
	if len(d.buf)+len(s) > cap(d.buf) {
		d.flush()
		if len(s) > cap(d.buf) {
			io.WriteString(d.h, s)
			return
		}
	}
	d.buf = append(d.buf, s...)
}

// Time writes the instant t (not its zone).
func (d *Digester) Time(t time.Time) {
	d.Bool(t.IsZero())
	d.Int(t.UnixNano())
}

// Query writes every field of q, its zone by name.
func (d *Digester) Query(q Query) {
	d.String(q.Name)
	d.String(q.Event)
	d.String(q.Measure.String())
	d.String(q.By)
	d.Int(int64(q.Top))
	if len(q.Where) == 0 {
		d.String(q.Filter)
	} else {
		// A where takes the filter's place (a query has one or the
		// other), marked by a negative count no string length can be, so
		// that a query without one digests as it always did.
		d.Int(-2 - int64(len(q.Where)))
		for _, c := range q.Where {
			d.String(c.Prop)
			d.String(c.Value)
		}
	}
	d.String(string(q.Compare))
	d.String(string(q.Every))
	d.Time(q.From)
	d.Time(q.To)
	loc := ""
	if q.Loc != nil {
		loc = q.Loc.String()
	}
	d.String(loc)
	d.String(q.Formula)
	d.Int(int64(q.Rolling))
	d.Bool(q.Cumulative)
	if q.Resolution != "" { // marked, so that a query without one digests as it always did
		d.Int(-1000)
		d.String(string(q.Resolution))
	}
}

// Result writes r whole: its query, points, total (and whether it is a
// gap), groups and the comparison period's result; nil writes a mark of
// its own.
func (d *Digester) Result(r *Result) {
	if r == nil {
		d.Int(-1)
		return
	}
	d.Query(r.Query)
	d.points(r.Points)
	d.Float(r.Total)
	d.Bool(r.TotalGap)
	d.Bool(r.Folded)
	d.Int(int64(len(r.Groups)))
	for _, g := range r.Groups {
		d.String(g.Value)
		d.points(g.Points)
		d.Float(g.Total)
		d.Bool(g.TotalGap)
	}
	d.Result(r.Previous)
}

func (d *Digester) points(ps []Point) {
	d.Int(int64(len(ps)))
	for _, p := range ps {
		d.Time(p.Time)
		d.Float(p.Value)
		if p.Gap {
			d.Int(1)
		} else {
			d.Int(0)
		}
	}
}
