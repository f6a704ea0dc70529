package boltstore

import (
	"encoding/binary"
	"encoding/json"
	"slices"

	"github.com/dashsmith/dashsmith/build"
)

// write stores the plan: each key once, in key order within each bucket.
func (p *plan) write() error {
	steps := []func() error{p.writeCounts, p.writeCells, p.writeGroups, p.writeProps, p.writeHealth, p.writeFiles, p.writeDedupe}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// put writes one measure cell of the bucket name, or deletes it when v is
// nil (the cell adds up to nothing).
func (p *plan) put(name []byte, k, v []byte) error {
	if p.onPut != nil {
		p.onPut(string(name), k)
	}
	b := p.tx.Bucket(name)
	var err error
	if v == nil {
		err = b.Delete(k)
	} else {
		err = b.Put(k, v)
	}
	if err != nil {
		return keyError(k, err)
	}
	return nil
}

func (p *plan) writeCounts() error {
	name := bucketCount
	b := p.tx.Bucket(name)
	vals := make([]byte, 0, 8*len(p.counts)) // bbolt keeps values until commit
	for _, k := range sortedKeys(p.counts) {
		d := p.counts[k]
		if d == 0 {
			continue
		}
		key := []byte(k)
		n := getInt(b.Get(key)) + d
		var v []byte
		if n != 0 {
			vals = binary.BigEndian.AppendUint64(vals, uint64(n))
			v = vals[len(vals)-8:]
		}
		if err := p.put(name, key, v); err != nil {
			return err
		}
	}
	return nil
}

// writeCells merges the transaction's cells into each measure's bucket
// (made when a newer measure first has cells): an existing cell is
// decoded by its measure type, merged and encoded again, and a cell that
// nets to empty (every event a duplicate) is removed. A cell of an hour
// the store kept no groups of is new, not read (see unkeptCell).
func (p *plan) writeCells() error {
	for _, name := range sortedKeys(p.cells) {
		d := p.cells[name]
		b, err := p.tx.CreateBucketIfNotExists([]byte(name))
		if err != nil {
			return err
		}
		for _, k := range sortedKeys(d.cells) {
			key, c := []byte(k), d.cells[k]
			var old []byte
			if !p.unkeptCell(key) {
				old = b.Get(key)
			}
			if old != nil {
				a, err := d.t.Decode(old)
				if err != nil {
					return err
				}
				prev := build.CellOf(a)
				if err := prev.Merge(c); err != nil {
					return err
				}
				c = prev
			}
			var v []byte
			if !c.Empty() {
				if v, err = c.MarshalBinary(); err != nil {
					return err
				}
			} else if old == nil {
				continue
			}
			if err := p.put([]byte(name), key, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *plan) writeFiles() error {
	b := p.tx.Bucket(bucketFiles)
	for _, id := range sortedKeys(p.files) {
		rec := p.files[id]
		if !rec.dirty {
			continue // looked at, nothing applied
		}
		v, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(id), v); err != nil {
			return err
		}
	}
	return nil
}

// sortedKeys returns the keys of m in byte order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
