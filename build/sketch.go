package build

import (
	"errors"
	"sync"
)

// Sketch estimates how many distinct values were inserted (HyperLogLog).
// Sketches of different hours merge into the sketch of a longer bucket.
type Sketch interface {
	Insert(v []byte)
	Merge(other Sketch) error
	Estimate() uint64
	MarshalBinary() ([]byte, error)
}

var (
	sketchMu        sync.RWMutex
	newSketch       func() Sketch
	unmarshalSketch func([]byte) (Sketch, error)
)

// ErrNoSketch is returned when no sketch implementation is registered.
var ErrNoSketch = errors.New("build: no sketch implementation registered (forgotten import of plugins/hll?)")

// RegisterSketch installs the sketch implementation for unique(...)
// measures. It is meant to be called from a plugin's init.
func RegisterSketch(newFn func() Sketch, unmarshal func([]byte) (Sketch, error)) {
	sketchMu.Lock()
	defer sketchMu.Unlock()
	newSketch, unmarshalSketch = newFn, unmarshal
}

// NewSketch returns an empty sketch.
func NewSketch() (Sketch, error) {
	sketchMu.RLock()
	defer sketchMu.RUnlock()
	if newSketch == nil {
		return nil, ErrNoSketch
	}
	return newSketch(), nil
}

// UnmarshalSketch reads a sketch written by MarshalBinary.
func UnmarshalSketch(b []byte) (Sketch, error) {
	sketchMu.RLock()
	defer sketchMu.RUnlock()
	if unmarshalSketch == nil {
		return nil, ErrNoSketch
	}
	return unmarshalSketch(b)
}
