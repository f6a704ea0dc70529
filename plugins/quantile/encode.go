package quantile

import (
	"encoding/binary"
	"errors"
)

// The encoding: a version byte, the zero count as a zigzag varint, then
// the negative and the positive bins. Each sign is how many bins hold a
// count (uvarint) and, when there are any, the lowest and the highest
// index (a zigzag varint, and the span to the highest as a uvarint), then
// for each bin in ascending order its index as the gap from the one
// before (uvarint; 0 for the first) and its count (zigzag varint). Empty
// bins are left out, so the same counts always encode to the same bytes.
// An hour of 100 order values is typically 50 to 100 bins, 150 to 300
// bytes; a sketch is at most about 2 × MaxBins × 6 bytes.
const encVersion = 1

// emptyEncoding is the empty sketch's encoding: the version, no zeros,
// no negative bins, no positive bins.
const emptyEncoding = "\x01\x00\x00\x00"

// errCorrupt is the error for bytes MarshalBinary did not write.
var errCorrupt = errors.New("quantile: not an encoded sketch")

// maxIndex bounds a bin index: the mapping's indexes of float64
// magnitudes lie well within it (about ±36,000 at 1%).
const maxIndex = 1 << 20

// MarshalBinary encodes the sketch.
func (s *Sketch) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, 16+4*(s.neg.size()+s.pos.size()))
	out = append(out, encVersion)
	out = binary.AppendVarint(out, s.zero)
	for _, b := range []*bins{&s.neg, &s.pos} {
		n, lo, hi := 0, 0, 0
		b.each(func(i int, _ int64) {
			if n == 0 {
				lo = i
			}
			n, hi = n+1, i
		})
		out = binary.AppendUvarint(out, uint64(n))
		if n == 0 {
			continue
		}
		out = binary.AppendVarint(out, int64(lo))
		out = binary.AppendUvarint(out, uint64(hi-lo))
		prev := lo
		b.each(func(i int, c int64) {
			out = binary.AppendUvarint(out, uint64(i-prev))
			out = binary.AppendVarint(out, c)
			prev = i
		})
	}
	return out, nil
}

// UnmarshalBinary replaces the sketch with the one b encodes; b is not
// kept.
func (s *Sketch) UnmarshalBinary(b []byte) error {
	if err := check(b); err != nil {
		return err
	}
	s.neg.reset()
	s.pos.reset()
	s.zero = 0
	s.mergeEncoded(b)
	return nil
}

// check reports whether b is a sketch MarshalBinary could have written:
// well-formed varints, indexes within ±maxIndex, ascending and ending at
// the highest index the sign declares, nothing after.
func check(b []byte) error {
	if len(b) == 0 || b[0] != encVersion {
		return errCorrupt
	}
	r := reader{b: b[1:]}
	r.varint()
	for range 2 {
		n := r.uvarint()
		if n == 0 || r.bad {
			continue
		}
		if n > uint64(len(r.b)) { // each bin takes at least two bytes
			return errCorrupt
		}
		lo, span := r.varint(), r.uvarint()
		if lo < -maxIndex || lo > maxIndex || span > 2*maxIndex {
			return errCorrupt
		}
		at := lo
		for i := range n {
			gap := r.uvarint()
			r.varint()
			if gap > 2*maxIndex || (i == 0) != (gap == 0) {
				return errCorrupt
			}
			at += int64(gap)
		}
		if at != lo+int64(span) {
			return errCorrupt
		}
	}
	if r.bad || len(r.b) != 0 {
		return errCorrupt
	}
	return nil
}

// mergeEncoded adds the counts of a sketch encoded in b, which check has
// passed, without a sketch of its own: a sign of many bins (or one merged
// into dense bins) makes its range once, from the indexes its header
// gives, and its bins are added in place; a sign of few is added bin by
// bin, and stays sparse.
func (s *Sketch) mergeEncoded(b []byte) {
	r := reader{b: b[1:]}
	s.zero += r.varint()
	for _, into := range []*bins{&s.neg, &s.pos} {
		n := r.uvarint()
		if n == 0 {
			continue
		}
		lo := int(r.varint())
		hi := lo + int(r.uvarint())
		if into.dense || n > sparseMax {
			into.reach(lo, hi)
		}
		at := lo
		for range n {
			at += int(r.uvarint())
			into.add(at, r.varint())
		}
	}
}

// reader reads varints from b; bad is set, and zeros read, once b runs
// out or holds a malformed one.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}
