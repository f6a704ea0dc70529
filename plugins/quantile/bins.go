package quantile

import "slices"

// MaxBins bounds the bins a sketch keeps for each sign: values whose
// magnitudes are more than MaxBins bins below the largest magnitude of
// their sign fold into the lowest kept bin (a collapsing-lowest store).
// At 1% relative accuracy a bin is a factor of about 1.0202, so 2048 bins
// span a factor of about 6e17 before anything folds. A sketch is thus at
// most 2 × 2048 counts in memory (32 KiB of int64) and, encoded, at most
// about 2 × 2048 × 6 bytes, whatever values an event sends.
const MaxBins = 2048

// bins counts values by their mapping index, densely: counts[i] is the
// count of bin lo+i. Zero counts may sit inside the range and at its
// ends; nothing reads them but the range.
type bins struct {
	lo     int
	counts []int64
}

// hi is the highest bin of the range; lo-1 when empty.
func (b *bins) hi() int { return b.lo + len(b.counts) - 1 }

// add adds c to bin i. The range is kept to MaxBins: the bins more than
// MaxBins below the highest fold into the lowest kept one, and so does an
// i below it. The result depends only on the bins added, not their order:
// folding below a floor and then below a higher one is folding below the
// higher one.
func (b *bins) add(i int, c int64) {
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
		b.fold(floor)
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

// fold adds the counts of every bin below floor into bin floor, and makes
// floor the range's lowest bin.
func (b *bins) fold(floor int) {
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

// merge adds every bin of o.
func (b *bins) merge(o *bins) {
	if len(o.counts) == 0 {
		return
	}
	// The ends first, so that the range grows at most twice.
	last := len(o.counts) - 1
	b.add(o.hi(), o.counts[last])
	if last == 0 {
		return
	}
	b.add(o.lo, o.counts[0])
	for j, c := range o.counts[1:last] {
		if c != 0 {
			b.add(o.lo+1+j, c)
		}
	}
}

// sub takes every bin of o back out.
func (b *bins) sub(o *bins) {
	for j, c := range o.counts {
		if c != 0 {
			b.add(o.lo+j, -c)
		}
	}
}

// total is the sum of the counts.
func (b *bins) total() int64 {
	var s int64
	for _, c := range b.counts {
		s += c
	}
	return s
}

// nonzero reports whether any bin holds a count.
func (b *bins) nonzero() bool {
	for _, c := range b.counts {
		if c != 0 {
			return true
		}
	}
	return false
}
