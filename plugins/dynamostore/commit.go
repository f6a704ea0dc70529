package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// commit sends one transaction. rd holds the items read for the round;
// once the transaction commits, rd is brought up to date with what it
// wrote, so that the round's later transactions decide from it (the
// cardinality cap's groups, sketches) without a conflict among them. A
// transaction cancelled by a failed condition or a conflict is
// errConflict; any other failure is returned as it is.
func (s *Store) commit(ctx context.Context, t *txn, rd map[key]item) error {
	if err := t.capGroups(rd); err != nil {
		return err
	}
	r, err := t.render(s.table, rd)
	if err != nil {
		return err
	}
	if s.beforeCommit != nil {
		s.beforeCommit(len(r.items))
	}
	s.writes.Add(int64(len(r.items)))
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: r.items})
	if err != nil {
		return cancelled(err, r.what)
	}
	for k, it := range r.after {
		rd[k] = it
	}
	if s.afterCommit != nil {
		return s.afterCommit(len(r.items))
	}
	return nil
}

// cancelled turns a cancelled transaction into errConflict when every
// reason is one that a fresh plan resolves (a condition, a conflict,
// throttling); any other reason is an error that names its item.
func cancelled(err error, what []string) error {
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		var conflict *types.TransactionConflictException
		if errors.As(err, &conflict) {
			return fmt.Errorf("%w: %v", errConflict, err)
		}
		return err
	}
	var conds []string
	for i, r := range tce.CancellationReasons {
		code := aws.ToString(r.Code)
		switch code {
		case "", "None":
			continue
		case "ConditionalCheckFailed", "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded":
			if i < len(what) {
				conds = append(conds, what[i])
			}
			continue
		}
		item := "an item"
		if i < len(what) {
			item = what[i]
		}
		return fmt.Errorf("transaction refused at %s: %s: %s", item, code, aws.ToString(r.Message))
	}
	if len(conds) > 3 {
		conds = append(conds[:3], "...")
	}
	return fmt.Errorf("%w (%s)", errConflict, strings.Join(conds, ", "))
}
