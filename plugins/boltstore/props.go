package boltstore

import (
	"bytes"
	"slices"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	bolt "go.etcd.io/bbolt"
)

// addProps notes the property paths a base batch saw.
func (p *plan) addProps(b *build.Batch) {
	for ep, ok := range b.Props {
		if !ok || ep.Path == "" || strings.IndexByte(ep.Path, 0) >= 0 {
			continue
		}
		set := p.props[ep.Event]
		if set == nil {
			set = map[string]bool{}
			p.props[ep.Event] = set
		}
		set[ep.Path] = true
	}
}

// writeProps stores the new paths of each event, in key order, until the
// event holds build.MaxProps of them.
func (p *plan) writeProps() error {
	b := p.tx.Bucket(bucketProps)
	for _, event := range sortedKeys(p.props) {
		prefix := append([]byte(event), 0)
		have := countProps(b, prefix)
		for _, path := range sortedKeys(p.props[event]) {
			if have >= build.MaxProps {
				break
			}
			k := append(slices.Clip(prefix), path...)
			if len(k) > bolt.MaxKeySize || exists(b, k) {
				continue
			}
			if err := b.Put(k, []byte{}); err != nil {
				return err
			}
			have++
		}
	}
	return nil
}

// countProps counts the paths stored for the event whose keys start with
// prefix (the event and a NUL). Paths hold no NUL, so a key with another
// NUL after the prefix is a longer event's.
func countProps(b *bolt.Bucket, prefix []byte) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if bytes.IndexByte(k[len(prefix):], 0) < 0 {
			n++
		}
	}
	return n
}

// splitProp reads a props key: the event, then the path after its last NUL.
func splitProp(k []byte) (event, path string, ok bool) {
	i := bytes.LastIndexByte(k, 0)
	if i < 0 {
		return "", "", false
	}
	return string(k[:i]), string(k[i+1:]), true
}

// exists reports whether the bucket holds the key, whatever its value.
func exists(b *bolt.Bucket, k []byte) bool {
	got, _ := b.Cursor().Seek(k)
	return bytes.Equal(got, k)
}
