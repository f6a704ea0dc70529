package eventgen

import (
	"fmt"
	"math/rand/v2"
)

// mix is SplitMix64's finaliser: a fixed, well-spread hash of x, used to
// derive stable ids (a user's anonymousId) from a seed and a number.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// uuid formats two 64-bit values as a version 4 UUID.
func uuid(hi, lo uint64) string {
	hi = hi&^0xf000 | 0x4000     // version 4
	lo = lo&^(0xc<<60) | 0x8<<60 // variant 10
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

// stableUUID is the UUID of thing number n under seed: the same every run.
func stableUUID(seed uint64, kind, n uint64) string {
	h := mix(seed ^ mix(kind<<32^n))
	return uuid(h, mix(h))
}

// randomUUID is a fresh UUID drawn from r.
func randomUUID(r *rand.Rand) string { return uuid(r.Uint64(), r.Uint64()) }

// hex16 is 16 hex digits drawn from r, as in a messageId.
func hex16(r *rand.Rand) string { return fmt.Sprintf("%016x", r.Uint64()) }

// sha is a 64-digit hex string standing for a SHA-256, stable per n.
func sha(seed, kind, n uint64) string {
	h := mix(seed ^ mix(kind<<32^n))
	return fmt.Sprintf("%016x%016x%016x%016x", h, mix(h), mix(h+1), mix(h+2))
}
