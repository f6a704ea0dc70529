package charts

import (
	"crypto/sha256"

	"github.com/dashsmith/dashsmith/build"
)

// drawn is what one chart block renders to: its HTML and its data files.
type drawn struct {
	html, csv, json []byte
	echart          bool // the chart needs ECharts
}

// memo keeps the drawings of one build by what they are drawn from, so a
// chart that many pages show (the same block over the same query, as
// copied dashboards and headline numbers repeated on several pages have)
// is drawn once. The key is a digest of every input of the drawing, not
// of where it came from, so an entry can never be stale: Run clears the
// map only to bound memory.
type memo map[[sha256.Size]byte]*drawn

// drawingKey digests everything a drawing depends on: the chart's id in
// its page, its spec, its result (query, points, groups, comparison) and
// how complete the data is.
func drawingKey(id string, sp spec, r *build.Result, cm completeness) [sha256.Size]byte {
	d := build.NewDigester(sha256.New())
	d.String(id)
	d.String(sp.Type)
	d.String(sp.Query)
	d.String(sp.Title)
	d.Int(int64(sp.Height))
	d.String(sp.Format)
	d.String(sp.Width)
	d.Bool(sp.DownIsGood)
	d.Bool(sp.Goal != nil)
	if sp.Goal != nil {
		d.Float(*sp.Goal)
	}
	d.Bool(sp.Annotations == nil || *sp.Annotations)
	d.Int(int64(len(sp.marks)))
	for _, m := range sp.marks {
		d.Int(int64(m.from))
		d.Int(int64(m.to))
		d.Time(m.at)
		d.Time(m.until)
		d.String(m.text)
	}
	d.String(sp.said)
	d.Time(cm.through)
	d.Int(int64(cm.partial))
	d.Int(int64(cm.future))
	d.Result(r)
	var k [sha256.Size]byte
	d.Sum(k[:0])
	return k
}
