package dynamostore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// marker is a file's record of what has been applied from it.
type marker struct {
	done    map[string]bool // rollup IDs applied whole
	parts   map[string]bool // "k/P ID": parts of rollups split over transactions
	decided bool            // dedupe has decided which of its messages are duplicates
	chunks  int             // items that hold the IDs of those duplicates
}

func readMarker(it item) *marker {
	m := &marker{done: map[string]bool{}, parts: map[string]bool{}}
	for _, id := range getSS(it, attrDone) {
		m.done[id] = true
	}
	for _, p := range getSS(it, attrParts) {
		m.parts[p] = true
	}
	if n, ok := getN(it, attrDecided); ok {
		m.decided, m.chunks = true, int(n)
	}
	return m
}

// applied returns the rollup IDs applied whole: done, and those whose
// every part is, sorted.
func (m *marker) applied() []string {
	ids := map[string]bool{}
	for id := range m.done {
		ids[id] = true
	}
	have := map[string]int{} // "P ID" -> parts present
	for p := range m.parts {
		k, rest, ok := strings.Cut(p, "/")
		if _, err := strconv.Atoi(k); !ok || err != nil {
			continue
		}
		have[rest]++
	}
	for rest, n := range have {
		total, id, _ := strings.Cut(rest, " ")
		if p, err := strconv.Atoi(total); err == nil && n == p {
			ids[id] = true
		}
	}
	return slices.Sorted(maps.Keys(ids))
}

// has reports whether the unit's token is recorded, or its whole rollup.
func (m *marker) has(u *unit) bool {
	return m.done[u.rollup.ID()] || u.part && m.parts[u.token]
}

// readMarkers reads the markers of the files; a new file has an empty one.
func (s *Store) readMarkers(ctx context.Context, files []string) (map[string]*marker, error) {
	keys := make([]key, len(files))
	for i, f := range files {
		keys[i] = markerKey(f)
	}
	items, err := s.getItems(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*marker, len(files))
	for _, f := range files {
		out[f] = readMarker(items[markerKey(f)])
	}
	return out, nil
}

// Applied returns the IDs of the rollups applied from the file id, sorted
// ("count" is the base rollup); none when the file is new. A rollup split
// into parts counts once all of its parts are applied.
func (s *Store) Applied(ctx context.Context, id string) ([]string, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if id == "" {
		return nil, nil
	}
	it, err := s.getItem(ctx, markerKey(id))
	if err != nil {
		return nil, s.wrap("read the marker of "+id+" in", err)
	}
	return readMarker(it).applied(), nil
}

// maxMarkerBytes is what a file's marker may grow to: DynamoDB's 400 KB
// item limit, less room for its key, dd and the attribute names.
const maxMarkerBytes = 400<<10 - 8<<10

// checkMarker refuses a file whose marker would outgrow DynamoDB's item
// limit once all of it is applied: the ID of each rollup applied whole,
// and a token ("k/P ID") per part of each rollup split into parts. The
// split depends only on which cells the file holds, so a file is refused
// every try or never, and before anything of it is written; otherwise the
// transaction of a late part would be refused, with the earlier parts
// applied and the file never complete.
func checkMarker(b *build.Batch) error {
	rs := rollupsOf(b)
	size, most := len(markerKey(b.ID).pk), 0
	for _, r := range rs {
		most = max(most, len(r.ID()))
	}
	// Most tokens: a part per cell, with the longest ID and part numbers.
	cells := len(b.Counts) + len(b.Cells)
	digits := len(strconv.Itoa(cells))
	if size+len(rs)*cells*(2*digits+2+most) <= maxMarkerBytes {
		return nil
	}
	parts := 0
	for _, r := range rs {
		us := units(b, r, nil)
		for _, u := range us {
			size += len(u.token)
		}
		if len(us) > 1 {
			parts += len(us)
		}
	}
	if size > maxMarkerBytes {
		return fmt.Errorf("file %s is cut into %d parts over its %d rollups, whose record in the store (%d KB) would pass DynamoDB's 400 KB item limit; split the file into smaller ones, or declare fewer breakdowns (or ones with shorter names) in the dashboards",
			b.ID, parts, len(rs), size>>10)
	}
	return nil
}
