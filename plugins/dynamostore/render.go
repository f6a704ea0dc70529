package dynamostore

import (
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

// rendered is a transaction ready to send: its items, what each is (for
// errors), and the items' state once it commits, so that later
// transactions of the same round need not read them again.
type rendered struct {
	items []types.TransactWriteItem
	what  []string
	after map[key]item
}

// render turns the transaction into TransactWriteItems. rd holds the items
// read for it: sketches, the entries of events with new properties, group
// entries, health days, and the groups breakdown hours keep. The
// cardinality cap (capGroups) is applied first.
func (t *txn) render(table string, rd map[key]item) (*rendered, error) {
	r := &rendered{after: map[key]item{}}
	for _, k := range t.order {
		w := t.writes[k]
		var e expr
		switch w.kind {
		case wCount:
			if w.n != 0 {
				e.Add(attrN, num(w.n))
			}
		case wAdd:
			renderAdd(&e, w)
		case wBlob:
			if err := renderBlob(&e, w, rd[k], r.after); err != nil {
				return nil, err
			}
		case wEvent:
			renderEvent(&e, w, rd[k], r.after)
		case wGroup:
			if rd[k] == nil {
				e.Set(attrName, str(esc(w.name)))
				r.after[k] = item{}
			}
		case wHealth:
			renderHealth(&e, w, rd[k], r.after)
		case wKept:
			renderKept(&e, w, rd[k], r.after)
		case wTotal:
			renderAdd(&e, w)
			if len(e.add) > 0 {
				e.Set(attrName, str(esc(w.name)))
			}
		}
		if it := e.updateItem(table, k); it != nil {
			if w.capped() && w.rollup.Resolution == build.Daily && rd[k] == nil && r.after[k] == nil {
				r.after[k] = item{} // the cell exists now: the day keeps its group
			}
			r.items = append(r.items, *it)
			r.what = append(r.what, k.pk)
		}
	}
	for _, f := range t.fileOf {
		var e expr
		done, parts := map[string]bool{}, map[string]bool{}
		for _, u := range t.files[f] {
			e.cond = append(e.cond, "NOT contains("+e.name(attrDone)+", "+e.value(str(u.rollup.ID()))+")")
			if u.part {
				e.cond = append(e.cond, "NOT contains("+e.name(attrParts)+", "+e.value(str(u.token))+")")
				parts[u.token] = true
			} else {
				done[u.token] = true
			}
		}
		if len(done) > 0 {
			e.Add(attrDone, strSet(slices.Sorted(maps.Keys(done))))
		}
		if len(parts) > 0 {
			e.Add(attrParts, strSet(slices.Sorted(maps.Keys(parts))))
		}
		r.items = append(r.items, *e.updateItem(table, markerKey(f)))
		r.what = append(r.what, "the marker of "+f)
	}
	return r, nil
}

// renderAdd adds a cell whose aggregate is numbers that add (count: n;
// sum: n and sum) to its item in place: ADD of each number under the name
// its measure type gives it. An empty cell adds nothing.
func renderAdd(e *expr, w *write) {
	if w.cell.Empty() {
		return
	}
	v := w.m.Vector()
	nums := v.Numbers(w.cell.Aggregate())
	for i, f := range v.Fields() {
		e.Add(f, numf(nums[i]))
	}
}

// renderBlob merges a cell's aggregate (a unique count's sketch, or any
// measure whose aggregate is not numbers that add) into the one stored,
// and writes it back as the binary attribute hll with the next version, on
// the condition that the version is still the one read. The attribute is
// named for the first aggregate kept so (a sketch); the item's series
// names its measure.
func renderBlob(e *expr, w *write, old item, after map[key]item) error {
	if w.cell.Empty() {
		return nil
	}
	merged := w.cell
	if b := getB(old, attrHLL); b != nil {
		prev, err := build.DecodeCell(w.m, b)
		if err != nil {
			return fmt.Errorf("the aggregate of %s at hour %d is unreadable: %w", w.k.pk, w.k.sk, err)
		}
		if err := prev.Merge(w.cell); err != nil {
			return err
		}
		merged = prev
	}
	data, err := merged.MarshalBinary()
	if err != nil {
		return err
	}
	v, ok := getN(old, attrVersion)
	if ok {
		e.cond = append(e.cond, e.name(attrVersion)+" = "+e.value(num(v)))
	} else {
		e.cond = append(e.cond, "attribute_not_exists("+e.name(attrVersion)+")")
	}
	e.Set(attrHLL, &types.AttributeValueMemberB{Value: data})
	e.Set(attrVersion, num(v+1))
	after[w.k] = item{attrHLL: &types.AttributeValueMemberB{Value: data}, attrVersion: num(v + 1)}
	return nil
}

// renderEvent adds to an event's total and notes its new property paths,
// up to build.MaxProps, on the condition that the entry holds no more
// paths than were read.
func renderEvent(e *expr, w *write, old item, after map[key]item) {
	if w.n != 0 {
		e.Add(attrTotal, num(w.n))
	}
	have := getSS(old, attrProps)
	known := map[string]bool{}
	for _, p := range have {
		known[p] = true
	}
	var add []string
	for _, p := range sortedKeys(w.props) {
		if !known[p] && len(have)+len(add) < build.MaxProps {
			add = append(add, p)
		}
	}
	if len(add) > 0 {
		e.Add(attrProps, strSet(add))
		if len(have) == 0 {
			e.cond = append(e.cond, "attribute_not_exists("+e.name(attrProps)+")")
		} else {
			e.cond = append(e.cond, "size("+e.name(attrProps)+") = "+e.value(num(int64(len(have)))))
		}
		after[w.k] = item{attrProps: strSet(append(slices.Clone(have), add...))}
	} else if old != nil {
		after[w.k] = old
	}
	if len(e.add) > 0 {
		e.Set(attrName, str(esc(w.name)))
	}
}
