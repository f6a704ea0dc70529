package dynamostore

import (
	"context"
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
	write float64 // write capacity units
}

// meterSnap is what a meter had counted at one moment.
type meterSnap struct {
	reqs        map[string]int64
	read, write float64
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
	d := meterSnap{reqs: map[string]int64{}, read: s.read - o.read, write: s.write - o.write}
	for k, v := range s.reqs {
		if v != o.reqs[k] {
			d.reqs[k] = v - o.reqs[k]
		}
	}
	return d
}

func (m *meter) snap() meterSnap {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := meterSnap{reqs: map[string]int64{}, read: m.read, write: m.write}
	for k, v := range m.reqs {
		s.reqs[k] = v
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
