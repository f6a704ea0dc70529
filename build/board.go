package build

import (
	"slices"
)

// ranked is a group as the ranking sees it: its value, its total and
// what it ranks by (the total of a count or a sum, the weight of any
// other measure), with its buckets that have data (a count or a sum).
type ranked struct {
	value string
	total float64
	rank  float64
	idx   []int // buckets with cells, ascending
	vals  []float64
}

// before reports whether a ranks before b: the larger rank, then the
// smaller value.
func (a *ranked) before(b *ranked) bool {
	if a.rank != b.rank {
		return a.rank > b.rank
	}
	return a.value < b.value
}

// board is the best groups so far, at most size of them: a heap whose
// root is the worst kept group, so that a group is placed, or turned away,
// in O(log size) steps however many groups a breakdown keeps (a template
// that makes a page for each of 20,000 values keeps them all). sorted
// puts them best first, once, when the walk is done.
type board struct {
	size int
	list []*ranked // a heap until sorted: list[0] ranks after every other
}

// worse reports whether the group at i ranks after the one at j.
func (b *board) worse(i, j int) bool { return b.list[j].before(b.list[i]) }

// up moves the group at i towards the root while it ranks after its parent.
func (b *board) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !b.worse(i, parent) {
			return
		}
		b.list[i], b.list[parent] = b.list[parent], b.list[i]
		i = parent
	}
}

// down moves the group at i away from the root while a child ranks after it.
func (b *board) down(i int) {
	n := len(b.list)
	for {
		w := i
		if l := 2*i + 1; l < n && b.worse(l, w) {
			w = l
		}
		if r := 2*i + 2; r < n && b.worse(r, w) {
			w = r
		}
		if w == i {
			return
		}
		b.list[i], b.list[w] = b.list[w], b.list[i]
		i = w
	}
}

// offer puts a copy of c on the board if it ranks there. It returns the
// group that lost its place (or c itself when it did not make it), whose
// buckets the caller adds to the rest; nil when nothing dropped out.
// The board reuses the dropped group's slices once the caller is done,
// at the next offer.
func (b *board) offer(c *ranked, spare **ranked) *ranked {
	full := len(b.list) == b.size
	if full && !c.before(b.list[0]) {
		return c
	}
	var out *ranked
	n := *spare
	if n == nil {
		n = &ranked{}
	}
	*spare = nil
	if full {
		out = b.list[0]
		*spare = out
	}
	n.value, n.total, n.rank = c.value, c.total, c.rank
	n.idx, n.vals = append(n.idx[:0], c.idx...), append(n.vals[:0], c.vals...)
	if full {
		b.list[0] = n
		b.down(0)
	} else {
		b.list = append(b.list, n)
		b.up(len(b.list) - 1)
	}
	return out
}

// sorted puts the kept groups best first (the larger rank, then the
// smaller value) and returns them. The board takes no offer after.
func (b *board) sorted() []*ranked {
	slices.SortFunc(b.list, func(x, y *ranked) int {
		switch {
		case x.before(y):
			return -1
		case y.before(x):
			return 1
		}
		return 0
	})
	return b.list
}
