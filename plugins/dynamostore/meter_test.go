package dynamostore

import (
	"context"
	"strings"
	"sync"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"
)

// meter counts the requests a client sends, by operation (a paginated
// Query counts once per page), and the capacity units DynamoDB says they
// consumed: every request asks for ReturnConsumedCapacity TOTAL. Retries
// of one request count once.
type meter struct {
	mu    sync.Mutex
	reqs  map[string]int64
	read  float64 // read capacity units
	write float64 // write capacity units, as DynamoDB reports them

	// Items written in transactions, by the kind their partition key
	// starts with (s#, t#, g#, k#, f#, e, h; s-all for the cells of all
	// groups), and their write units as
	// AWS bills them (see estimate): DynamoDB Local reports a
	// transaction's units as if it wrote one item.
	items map[string]int64
	wcu   float64
	kept  map[string]int // hashes in each k# item so far
}

// meterSnap is what a meter had counted at one moment.
type meterSnap struct {
	reqs        map[string]int64
	read, write float64
	items       map[string]int64
	wcu         float64
}

// written is every item written in transactions.
func (s meterSnap) written() int64 {
	n := int64(0)
	for _, v := range s.items {
		n += v
	}
	return n
}

// total is every request of the snapshot.
func (s meterSnap) total() int64 {
	n := int64(0)
	for _, v := range s.reqs {
		n += v
	}
	return n
}

// sub is what was counted between o and s.
func (s meterSnap) sub(o meterSnap) meterSnap {
	d := meterSnap{reqs: map[string]int64{}, read: s.read - o.read, write: s.write - o.write, items: map[string]int64{}, wcu: s.wcu - o.wcu}
	for k, v := range s.reqs {
		if v != o.reqs[k] {
			d.reqs[k] = v - o.reqs[k]
		}
	}
	for k, v := range s.items {
		if v != o.items[k] {
			d.items[k] = v - o.items[k]
		}
	}
	return d
}

func (m *meter) snap() meterSnap {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := meterSnap{reqs: map[string]int64{}, read: m.read, write: m.write, items: map[string]int64{}, wcu: m.wcu}
	for k, v := range m.reqs {
		s.reqs[k] = v
	}
	for k, v := range m.items {
		s.items[k] = v
	}
	return s
}

// meteredTest is openTest with a client whose requests m counts.
func meteredTest(t testing.TB, m *meter) *Store {
	t.Helper()
	st := openTest(t)
	st.db = dynamodb.New(st.db.Options(), func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, m.add)
	})
	return st
}

// add puts the meter on a request's middleware stack.
func (m *meter) add(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("meter", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		total := types.ReturnConsumedCapacityTotal
		switch p := in.Parameters.(type) {
		case *dynamodb.QueryInput:
			p.ReturnConsumedCapacity = total
		case *dynamodb.GetItemInput:
			p.ReturnConsumedCapacity = total
		case *dynamodb.BatchGetItemInput:
			p.ReturnConsumedCapacity = total
		case *dynamodb.UpdateItemInput:
			p.ReturnConsumedCapacity = total
		case *dynamodb.TransactWriteItemsInput:
			p.ReturnConsumedCapacity = total
			m.estimate(p)
		}
		out, md, err := next.HandleInitialize(ctx, in)
		var cc []types.ConsumedCapacity
		switch r := out.Result.(type) {
		case *dynamodb.QueryOutput:
			cc = one(r.ConsumedCapacity)
		case *dynamodb.GetItemOutput:
			cc = one(r.ConsumedCapacity)
		case *dynamodb.UpdateItemOutput:
			cc = one(r.ConsumedCapacity)
		case *dynamodb.BatchGetItemOutput:
			cc = r.ConsumedCapacity
		case *dynamodb.TransactWriteItemsOutput:
			cc = r.ConsumedCapacity
		}
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.reqs == nil {
			m.reqs = map[string]int64{}
		}
		op := awsmiddleware.GetOperationName(ctx)
		m.reqs[op]++
		for _, c := range cc {
			units := 0.0
			if c.CapacityUnits != nil {
				units = *c.CapacityUnits
			}
			switch op {
			case "Query", "GetItem", "BatchGetItem", "Scan":
				m.read += units
			default:
				m.write += units
			}
		}
		return out, md, err
	}), middleware.After)
}

func one(c *types.ConsumedCapacity) []types.ConsumedCapacity {
	if c == nil {
		return nil
	}
	return []types.ConsumedCapacity{*c}
}

// estimate counts the items of a transaction by kind and adds the write
// units AWS bills for them: two per item per KB of the larger of its size
// before and after. An item's size is taken as that of its key and the
// values the update writes (a cell, a total, an entry: well under 1 KB),
// except a k# item's, which is the set of every hash added to it so far
// (about 11 bytes a hash, as DynamoDB sizes a 19-digit number), since an
// update of a set is billed for the whole set.
func (m *meter) estimate(in *dynamodb.TransactWriteItemsInput) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.items == nil {
		m.items, m.kept = map[string]int64{}, map[string]int{}
	}
	for _, ti := range in.TransactItems {
		u := ti.Update
		if u == nil {
			continue
		}
		pk := u.Key[attrPK].(*types.AttributeValueMemberS).Value
		kind, _, _ := strings.Cut(pk, "#")
		if strings.HasSuffix(pk, esc(allGroup)) {
			kind = "s-all" // a breakdown's cell of all groups (totals.go)
		}
		m.items[kind]++
		size := len(pk) + 16
		for _, v := range u.ExpressionAttributeValues {
			size += avSize(v)
		}
		if kind == "k" {
			for _, v := range u.ExpressionAttributeValues {
				if ns, ok := v.(*types.AttributeValueMemberNS); ok {
					m.kept[pk+u.Key[attrSK].(*types.AttributeValueMemberN).Value] += len(ns.Value)
					size = len(pk) + 32 + 11*m.kept[pk+u.Key[attrSK].(*types.AttributeValueMemberN).Value]
				}
			}
		}
		m.wcu += 2 * float64((size+1023)/1024)
	}
}

// avSize is about the bytes DynamoDB counts for a value.
func avSize(v types.AttributeValue) int {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return len(v.Value)/2 + 1
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		return 11 * len(v.Value)
	}
	return 8
}
