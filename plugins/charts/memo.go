package charts

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"sync"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// drawn is what one chart block renders to: its HTML and its data files.
type drawn struct {
	html, csv, json []byte
	echart          bool // the chart needs ECharts
}

// memo keeps the drawings of one build by what they are drawn from, so a
// chart that many pages show (the same block over the same query, as
// templated pages and copied dashboards have) is drawn once. The key is
// a digest of every input of the drawing, not of where it came from, so
// an entry can never be stale: clearing it only bounds memory.
type memo struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]*drawn
}

func (m *memo) get(k [sha256.Size]byte) *drawn {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.m[k]
}

func (m *memo) put(k [sha256.Size]byte, d *drawn) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[[sha256.Size]byte]*drawn{}
	}
	m.m[k] = d
}

func (m *memo) clear() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m = nil
}

// drawingKey digests everything a drawing depends on: the chart's id in
// its page, its spec, its result (query, points, groups, comparison) and
// how complete the data is.
func drawingKey(id string, sp spec, r *build.Result, cm completeness) [sha256.Size]byte {
	d := digester{h: sha256.New()}
	d.str(id)
	d.str(sp.Type)
	d.str(sp.Query)
	d.str(sp.Title)
	d.int(int64(sp.Height))
	d.str(sp.Format)
	d.str(sp.Width)
	d.bool(sp.DownIsGood)
	d.time(cm.through)
	d.int(int64(cm.partial))
	d.int(int64(cm.future))
	d.result(r)
	var k [sha256.Size]byte
	d.h.Sum(k[:0])
	return k
}

// digester writes values into a hash without ambiguity: every string and
// list is prefixed by its length.
type digester struct {
	h   hash.Hash
	buf [8]byte
}

func (d *digester) int(v int64) {
	binary.LittleEndian.PutUint64(d.buf[:], uint64(v))
	d.h.Write(d.buf[:])
}

func (d *digester) float(v float64) { d.int(int64(math.Float64bits(v))) }

func (d *digester) bool(v bool) {
	if v {
		d.int(1)
	} else {
		d.int(0)
	}
}

func (d *digester) str(s string) {
	d.int(int64(len(s)))
	d.h.Write([]byte(s))
}

func (d *digester) time(t time.Time) {
	d.bool(t.IsZero())
	d.int(t.UnixNano())
}

func (d *digester) points(ps []build.Point) {
	d.int(int64(len(ps)))
	for _, p := range ps {
		d.time(p.Time)
		d.float(p.Value)
	}
}

func (d *digester) result(r *build.Result) {
	if r == nil {
		d.int(-1)
		return
	}
	q := r.Query
	d.str(q.Name)
	d.str(q.Event)
	d.str(q.Measure.String())
	d.str(q.By)
	d.int(int64(q.Top))
	d.str(q.Filter)
	d.str(string(q.Compare))
	d.str(string(q.Every))
	d.time(q.From)
	d.time(q.To)
	loc := ""
	if q.Loc != nil {
		loc = q.Loc.String()
	}
	d.str(loc)
	d.points(r.Points)
	d.float(r.Total)
	d.bool(r.Folded)
	d.int(int64(len(r.Groups)))
	for _, g := range r.Groups {
		d.str(g.Value)
		d.points(g.Points)
		d.float(g.Total)
	}
	d.result(r.Previous)
}
