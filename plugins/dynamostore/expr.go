package dynamostore

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// expr builds one item's update and condition expressions with their
// placeholders: #a0, #a1 for names, :v0, :v1 for values.
type expr struct {
	set, add, cond []string
	names          map[string]string
	values         map[string]types.AttributeValue
	byName         map[string]string
}

// name returns the placeholder of an attribute name.
func (e *expr) name(n string) string {
	if p, ok := e.byName[n]; ok {
		return p
	}
	if e.names == nil {
		e.names, e.byName = map[string]string{}, map[string]string{}
	}
	p := "#a" + strconv.Itoa(len(e.names))
	e.names[p], e.byName[n] = n, p
	return p
}

// value returns a new placeholder for v.
func (e *expr) value(v types.AttributeValue) string {
	if e.values == nil {
		e.values = map[string]types.AttributeValue{}
	}
	p := ":v" + strconv.Itoa(len(e.values))
	e.values[p] = v
	return p
}

// update is the UpdateExpression, "" when there is nothing to write.
func (e *expr) update() string {
	var parts []string
	if len(e.set) > 0 {
		parts = append(parts, "SET "+strings.Join(e.set, ", "))
	}
	if len(e.add) > 0 {
		parts = append(parts, "ADD "+strings.Join(e.add, ", "))
	}
	return strings.Join(parts, " ")
}

// condition is the ConditionExpression, nil when there is none.
func (e *expr) condition() *string {
	if len(e.cond) == 0 {
		return nil
	}
	c := "(" + strings.Join(e.cond, ") AND (") + ")"
	return &c
}

// Add appends "ADD name :value".
func (e *expr) Add(attr string, v types.AttributeValue) {
	e.add = append(e.add, e.name(attr)+" "+e.value(v))
}

// Set appends "SET name = :value".
func (e *expr) Set(attr string, v types.AttributeValue) {
	e.set = append(e.set, e.name(attr)+" = "+e.value(v))
}

// updateItem returns the transaction's Update of the item k, or nil when
// the expression writes nothing.
func (e *expr) updateItem(table string, k key) *types.TransactWriteItem {
	u := e.update()
	if u == "" {
		return nil
	}
	return &types.TransactWriteItem{Update: &types.Update{
		TableName:                 &table,
		Key:                       k.av(),
		UpdateExpression:          &u,
		ConditionExpression:       e.condition(),
		ExpressionAttributeNames:  e.names,
		ExpressionAttributeValues: e.values,
	}}
}
