// Package hll gives dashsmith's unique(...) measures a HyperLogLog sketch:
// github.com/axiomhq/hyperloglog at precision 14 (16,384 registers), sparse
// while small. Its standard error is 1.04/sqrt(16384) ≈ 0.81%: an estimate
// is within ±1.6% of the true count 95% of the time. Small counts (up to a
// few hundred) are exact or nearly so, thanks to the sparse representation.
//
// Importing the package registers it with build.RegisterSketch.
package hll

import (
	"fmt"

	"github.com/axiomhq/hyperloglog"
	"github.com/dashsmith/dashsmith/build"
)

func init() { build.RegisterSketch(New, Unmarshal) }

// Sketch wraps a HyperLogLog sketch as a build.Sketch.
type Sketch struct{ s *hyperloglog.Sketch }

var _ build.Sketch = (*Sketch)(nil)

// New returns an empty precision-14 sketch.
func New() build.Sketch { return &Sketch{hyperloglog.New14()} }

// Unmarshal reads a sketch written by MarshalBinary.
// The bytes are copied: the library keeps a dense sketch's registers in
// the slice it is given, and callers (bbolt) may reuse theirs.
func Unmarshal(b []byte) (build.Sketch, error) {
	s := hyperloglog.New14()
	if err := s.UnmarshalBinary(append([]byte(nil), b...)); err != nil {
		return nil, fmt.Errorf("hll: read sketch: %w", err)
	}
	return &Sketch{s}, nil
}

// Insert adds a value.
func (k *Sketch) Insert(v []byte) { k.s.Insert(v) }

// Merge adds every value of other, which must be a *Sketch.
func (k *Sketch) Merge(other build.Sketch) error {
	o, ok := other.(*Sketch)
	if !ok {
		return fmt.Errorf("hll: cannot merge a %T", other)
	}
	if err := k.s.Merge(o.s); err != nil {
		return fmt.Errorf("hll: merge: %w", err)
	}
	return nil
}

// Estimate returns the estimated number of distinct values.
func (k *Sketch) Estimate() uint64 { return k.s.Estimate() }

// MarshalBinary writes the sketch compactly (sparse while small).
func (k *Sketch) MarshalBinary() ([]byte, error) { return k.s.MarshalBinary() }
