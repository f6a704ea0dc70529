package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// Memory is a complete build.Store kept in memory, as plainly as a
// correct store can be said: the suite runs against it (which checks the
// suite itself), and it is the one store double of dashsmith's tests. It
// is a build.Declarer, a build.HealthReader and a build.MultiApplier. A
// test that needs a store to fail on purpose wraps it: embeds it and
// overrides the one method. It is safe for concurrent use.
type Memory struct {
	mu       sync.Mutex
	counts   map[build.EventHour]int64
	cells    map[build.CellKey]*build.Cell
	files    map[string]*memFile
	declared map[string]bool
	props    map[string]map[string]bool
	health   map[string]*build.HealthDay
	msgs     map[uint64]build.Hour // dedupe: message ID -> hour (never pruned)
}

// memFile is what the store knows of one file.
type memFile struct {
	rollups map[string]bool
	cross   map[uint64]bool // IDs whose first sighting was another file's
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory {
	return &Memory{counts: map[build.EventHour]int64{}, cells: map[build.CellKey]*build.Cell{},
		files: map[string]*memFile{}, declared: map[string]bool{}, props: map[string]map[string]bool{},
		health: map[string]*build.HealthDay{}, msgs: map[uint64]build.Hour{}}
}

// Apply implements build.Writer.
func (m *Memory) Apply(ctx context.Context, b *build.Batch) error {
	return m.ApplyAll(ctx, []*build.Batch{b})
}

// ApplyAll implements build.MultiApplier. It checks every batch first, so
// that applying cannot fail half way.
func (m *Memory) ApplyAll(ctx context.Context, bs []*build.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, b := range bs {
		for k := range b.Cells {
			if strings.ContainsAny(k.Group, "\x1f\x00") {
				return fmt.Errorf("mem: %s: bad group %q", b.ID, k.Group)
			}
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, b := range bs {
		m.apply(b)
	}
	return nil
}

func (m *Memory) apply(b *build.Batch) {
	f := m.files[b.ID]
	if f == nil {
		f = &memFile{rollups: map[string]bool{}, cross: map[uint64]bool{}}
		m.files[b.ID] = f
	}
	rollups := b.Rollups
	if len(rollups) == 0 {
		rollups = []build.Rollup{build.BaseRollup}
	}
	base, todo := false, map[build.Rollup]bool{}
	for _, r := range rollups {
		if f.rollups[r.ID()] {
			continue
		}
		f.rollups[r.ID()] = true
		if r.IsBase() {
			base = true
		} else {
			todo[r] = true
		}
	}
	if base {
		for k, n := range b.Counts {
			m.counts[k] += n
		}
		for p, ok := range b.Props {
			if m.props[p.Event] == nil {
				m.props[p.Event] = map[string]bool{}
			}
			if ok && len(m.props[p.Event]) < build.MaxProps {
				m.props[p.Event][p.Path] = true
			}
		}
	}
	// Duplicates come out first, so that the cap ranks what a file adds.
	net := map[build.CellKey]*build.Cell{}
	for k, c := range b.Cells {
		cp, err := build.NewCell(k.Rollup.Measure)
		if err != nil {
			panic(err)
		}
		if err := cp.Merge(c); err != nil {
			panic(err)
		}
		net[k] = cp
	}
	dups := m.dedupe(b, f, base, todo, net)
	m.capCells(b, net, todo)
	if base {
		b.Stats.Dups = dups
		day := b.Stats.Day
		if day == "" {
			first := build.Hour(1 << 62)
			for k := range b.Counts {
				first = min(first, k.Hour)
			}
			day = first.Time().Format(time.DateOnly)
		}
		if m.health[day] == nil {
			m.health[day] = &build.HealthDay{Day: day}
		}
		m.health[day].Add(b)
	}
}

// capCells adds cells, those of b less its duplicates, of the rollups todo
// under the cardinality cap, as simply as it can be said: per rollup and
// hour, a group with a cell adds to it; new groups that add something are
// admitted while the hour keeps fewer than b.Cap(), the heaviest first,
// and the rest add to OtherGroup. It adds the events folded to
// b.Stats.Folded (per property, hour and group, the most any rollup
// folded).
func (m *Memory) capCells(b *build.Batch, cells map[build.CellKey]*build.Cell, todo map[build.Rollup]bool) {
	type hourOf struct {
		r build.Rollup
		h build.Hour
	}
	byHour := map[hourOf]map[string]*build.Cell{}
	for k, c := range cells {
		if !todo[k.Rollup] {
			continue
		}
		if k.Rollup.By == "" {
			m.cell(k).Merge(c)
			continue
		}
		hk := hourOf{k.Rollup, k.Hour}
		if byHour[hk] == nil {
			byHour[hk] = map[string]*build.Cell{}
		}
		byHour[hk][k.Group] = c
	}
	folds := map[string]float64{}
	for hk, groups := range byHour {
		r := hk.r
		var cands []build.Candidate
		for g, c := range groups {
			k := build.CellKey{Rollup: r, Group: g, Hour: hk.h}
			switch {
			case g == build.OtherGroup || m.cells[k] != nil:
				m.cell(k).Merge(c)
			case c.Empty():
				// all duplicates: no place taken
			default:
				cands = append(cands, build.Candidate{Group: g, Weight: groups[g].Weight()})
			}
		}
		kept := 0
		for k := range m.cells {
			if k.Hour == hk.h && k.Rollup == r && k.Group != build.OtherGroup {
				kept++
			}
		}
		keep := build.Admit(b.Cap()-kept, cands)
		other := build.CellKey{Rollup: r, Group: build.OtherGroup, Hour: hk.h}
		for _, cand := range cands {
			k := build.CellKey{Rollup: r, Group: cand.Group, Hour: hk.h}
			if keep[cand.Group] {
				m.cell(k).Merge(groups[cand.Group])
				continue
			}
			m.cell(other).Merge(groups[cand.Group])
			fk := fmt.Sprint(r.Event, "\x00", r.By, "\x00", cand.Group, "\x00", hk.h)
			folds[fk] = max(folds[fk], cand.Weight)
		}
	}
	for _, w := range folds {
		b.Stats.Folded += int64(w)
	}
}

func (m *Memory) cell(k build.CellKey) *build.Cell {
	if m.cells[k] == nil {
		c, err := build.NewCell(k.Rollup.Measure)
		if err != nil {
			panic(err)
		}
		m.cells[k] = c
	}
	return m.cells[k]
}

// dedupe takes duplicates back out: live when the base is applied now,
// else from the file's recorded cross-file duplicates.
func (m *Memory) dedupe(b *build.Batch, f *memFile, base bool, todo map[build.Rollup]bool, net map[build.CellKey]*build.Cell) int64 {
	if b.Dedupe <= 0 {
		return 0
	}
	w := build.Hour(b.Dedupe / time.Hour)
	seen := map[uint64]bool{}
	var dups int64
	for _, msg := range b.Msgs {
		dup := seen[msg.ID]
		if !dup && base {
			if h, ok := m.msgs[msg.ID]; ok && max(h-msg.Hour, msg.Hour-h) <= w {
				dup, f.cross[msg.ID] = true, true
			} else {
				m.msgs[msg.ID] = msg.Hour
			}
		} else if !dup {
			dup = f.cross[msg.ID]
		}
		seen[msg.ID] = true
		if !dup {
			continue
		}
		dups++
		for _, a := range msg.Adds {
			if a.Event != "" && base {
				m.counts[build.EventHour{Event: a.Event, Hour: msg.Hour}]--
			} else if a.Event == "" && todo[*a.Rollup] {
				if c := net[a.Key(msg.Hour)]; c != nil {
					if err := build.Net(a.Rollup.Measure, c, a); err != nil {
						panic(err)
					}
				}
			}
		}
	}
	return dups
}

// Applied implements build.Writer.
func (m *Memory) Applied(_ context.Context, id string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []string
	if f := m.files[id]; f != nil {
		for r := range f.rollups {
			ids = append(ids, r)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// Declare implements build.Declarer.
func (m *Memory) Declare(_ context.Context, rs []build.Rollup) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range rs {
		if r.Needed() {
			m.declared[r.ID()] = true
		}
	}
	return nil
}

// Declared implements build.Declarer.
func (m *Memory) Declared(context.Context) ([]build.Rollup, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []build.Rollup
	for id := range m.declared {
		r, err := build.ParseRollupID(id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return build.SortRollups(out), nil
}

// Close implements build.Store; the store keeps its data after it.
func (m *Memory) Close() error { return nil }

var (
	_ build.Store        = (*Memory)(nil)
	_ build.Declarer     = (*Memory)(nil)
	_ build.HealthReader = (*Memory)(nil)
	_ build.MultiApplier = (*Memory)(nil)
)
