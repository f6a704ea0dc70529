package quantile

import (
	"slices"
	"sort"
)

// MaxBins bounds the bins a sketch keeps for each sign: values whose
// magnitudes are more than MaxBins bins below the largest magnitude of
// their sign fold into the lowest kept bin (a collapsing-lowest store).
// At 1% relative accuracy a bin is a factor of about 1.0202, so 2048 bins
// span a factor of about 6e17 before anything folds.
const MaxBins = 2048

// sparseMax is how many bins a sign keeps as a list before it turns
// dense. A sketch of few values thus costs 16 bytes a bin, whatever their
// spread, and a dense one (at most MaxBins × 8 bytes, 16 KiB a sign) is
// made only once more than sparseMax values were added: memory stays
// within about 256 bytes per value added, however an attacker spreads
// them (1e-300 and 1e300 alike).
const sparseMax = 64

// bin is one bin of a sparse sign: its index and count.
type bin struct {
	i int
	c int64
}

// bins counts values by their mapping index, either as a list of bins in
// ascending index (sparse, the start) or densely: counts[j] is the count
// of bin lo+j. Zero counts may sit in either; nothing reads them but the
// range. Folding (see add) makes the content the same in both forms.
type bins struct {
	dense  bool
	sparse []bin
	lo     int
	counts []int64
}

// reset empties the bins, keeping their memory.
func (b *bins) reset() {
	b.dense, b.sparse, b.counts = false, b.sparse[:0], b.counts[:0]
}

// size is how many bins the range holds.
func (b *bins) size() int {
	if b.dense {
		return len(b.counts)
	}
	return len(b.sparse)
}

// hi is the highest bin of the range; the bins must not be empty.
func (b *bins) hi() int {
	if b.dense {
		return b.lo + len(b.counts) - 1
	}
	return b.sparse[len(b.sparse)-1].i
}

// lowest is the lowest bin of the range; the bins must not be empty.
func (b *bins) lowest() int {
	if b.dense {
		return b.lo
	}
	return b.sparse[0].i
}

// each calls fn with every bin that holds a count, in ascending index.
func (b *bins) each(fn func(i int, c int64)) {
	if b.dense {
		for j, c := range b.counts {
			if c != 0 {
				fn(b.lo+j, c)
			}
		}
		return
	}
	for _, x := range b.sparse {
		if x.c != 0 {
			fn(x.i, x.c)
		}
	}
}

// add adds c to bin i. The range is kept to MaxBins: the bins more than
// MaxBins below the highest fold into the lowest kept one, and so does an
// i below it. The result depends only on the bins added, not their order:
// folding below a floor and then below a higher one is folding below the
// higher one.
func (b *bins) add(i int, c int64) {
	if b.dense {
		b.addDense(i, c)
		return
	}
	n := len(b.sparse)
	if n > 0 {
		floor := max(b.sparse[n-1].i, i) - MaxBins + 1
		i = max(i, floor)
		if b.sparse[0].i < floor {
			b.foldSparse(floor)
		}
	}
	j := sort.Search(len(b.sparse), func(k int) bool { return b.sparse[k].i >= i })
	if j < len(b.sparse) && b.sparse[j].i == i {
		b.sparse[j].c += c
		return
	}
	b.sparse = slices.Insert(b.sparse, j, bin{i, c})
	if len(b.sparse) > sparseMax {
		b.toDense()
	}
}

// foldSparse adds the counts of every bin below floor into bin floor.
func (b *bins) foldSparse(floor int) {
	n := sort.Search(len(b.sparse), func(k int) bool { return b.sparse[k].i >= floor })
	var s int64
	for _, x := range b.sparse[:n] {
		s += x.c
	}
	if n < len(b.sparse) && b.sparse[n].i == floor {
		b.sparse[n].c += s
		b.sparse = b.sparse[:copy(b.sparse, b.sparse[n:])]
		return
	}
	b.sparse[n-1] = bin{floor, s}
	b.sparse = b.sparse[:copy(b.sparse, b.sparse[n-1:])]
}

// toDense turns the list into counts over its range (at most MaxBins).
func (b *bins) toDense() {
	sp := b.sparse
	b.dense, b.counts = true, b.counts[:0]
	for _, x := range sp {
		b.addDense(x.i, x.c)
	}
	b.sparse = sp[:0]
}

// addDense is add on dense bins.
func (b *bins) addDense(i int, c int64) {
	if n := len(b.counts); n > 0 && i >= b.lo && i < b.lo+n {
		b.counts[i-b.lo] += c
		return
	}
	if len(b.counts) == 0 {
		b.lo = i
		b.counts = append(b.counts[:0], c)
		return
	}
	hi := max(b.hi(), i)
	floor := hi - MaxBins + 1
	i = max(i, floor)
	if b.lo < floor {
		b.foldDense(floor)
	}
	switch {
	case i < b.lo: // grow downwards
		grown := make([]int64, b.hi()-i+1, max(b.hi()-i+1, 2*len(b.counts)))
		copy(grown[b.lo-i:], b.counts)
		b.lo, b.counts = i, grown
	case i > b.hi(): // grow upwards
		old, n := len(b.counts), i-b.lo+1
		b.counts = slices.Grow(b.counts, n-old)[:n]
		clear(b.counts[old:])
	}
	b.counts[i-b.lo] += c
}

// foldDense adds the counts of every bin below floor into bin floor, and
// makes floor the range's lowest bin.
func (b *bins) foldDense(floor int) {
	n := floor - b.lo // bins below floor
	if n >= len(b.counts) {
		var s int64
		for _, c := range b.counts {
			s += c
		}
		b.lo, b.counts = floor, append(b.counts[:0], s)
		return
	}
	var s int64
	for _, c := range b.counts[:n] {
		s += c
	}
	m := copy(b.counts, b.counts[n:])
	b.counts = b.counts[:m]
	b.counts[0] += s
	b.lo = floor
}

// reach makes the bins dense over a range that holds lo and hi (as far as
// MaxBins lets it), so that adding the bins between them, as a query's
// merge of an hour into its bucket does, does not grow it again.
func (b *bins) reach(lo, hi int) {
	if !b.dense {
		b.toDense()
	}
	if len(b.counts) == 0 {
		lo = max(lo, hi-MaxBins+1)
		b.lo = lo
		b.counts = slices.Grow(b.counts[:0], hi-lo+1)[:hi-lo+1]
		clear(b.counts)
		return
	}
	b.addDense(hi, 0)
	b.addDense(lo, 0)
}

// merge adds every bin of o.
func (b *bins) merge(o *bins) {
	if o.size() == 0 {
		return
	}
	if b.dense && o.size() > 1 {
		b.reach(o.lowest(), o.hi()) // the range grows once
	}
	o.each(b.add)
}

// sub takes every bin of o back out.
func (b *bins) sub(o *bins) {
	o.each(func(i int, c int64) { b.add(i, -c) })
}

// total is the sum of the counts.
func (b *bins) total() int64 {
	var s int64
	b.each(func(_ int, c int64) { s += c })
	return s
}

// nonzero reports whether any bin holds a count.
func (b *bins) nonzero() bool {
	if b.dense {
		for _, c := range b.counts {
			if c != 0 {
				return true
			}
		}
		return false
	}
	for _, x := range b.sparse {
		if x.c != 0 {
			return true
		}
	}
	return false
}
