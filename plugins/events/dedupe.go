package events

// msgID hashes a messageId with 64-bit FNV-1a: the same ID gives the same
// hash in every process on every machine, as a store that remembers IDs
// across files and runs needs.
func msgID(id []byte) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, c := range id {
		h ^= uint64(c)
		h *= prime
	}
	return h
}
