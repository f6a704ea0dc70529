package dynamostore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/dashsmith/dashsmith/build"
)

// Declare records the rollups ingest keeps from now on: one read, and one
// write only when some are new. Declaring one again, the base rollup, or a
// plain count (read from the base) is harmless. A new breakdown whose
// measure adds up is also listed as one whose group totals are complete
// (see totals.go): this version of the store writes them from its first
// file on.
func (s *Store) Declare(ctx context.Context, rollups []build.Rollup) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	have, err := s.declared(ctx)
	if err != nil {
		return s.wrap("read the rollups of", err)
	}
	var ids, tot []string
	for _, r := range build.SortRollups(rollups) {
		if r.Needed() && !have[r.ID()] {
			ids = append(ids, r.ID())
			if keepsTotals(r) {
				tot = append(tot, r.ID())
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var e expr
	e.Add(attrRollups, strSet(ids))
	if len(tot) > 0 {
		e.Add(attrTotals, strSet(tot))
	}
	s.writes.Add(1)
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: rollupsKey().av(), UpdateExpression: aws.String(e.update()),
		ExpressionAttributeNames: e.names, ExpressionAttributeValues: e.values,
	})
	if err != nil {
		return s.wrap("declare rollups in", err)
	}
	return nil
}

// declared returns the set of declared rollup IDs.
func (s *Store) declared(ctx context.Context) (map[string]bool, error) {
	it, err := s.getItem(ctx, rollupsKey())
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, id := range getSS(it, attrRollups) {
		out[id] = true
	}
	return out, nil
}

// rollupState reports whether r is declared, itself or its pattern
// (build.Covers), and whether its group totals are complete (see
// totals.go): those of r when it is declared itself, as files may have
// been applied for it alone, else those of its pattern. A rollup once
// declared stays so, and its totals stay complete: what is found is kept
// for the store's life, so that a build of many pages reads the rollups
// item once per rollup rather than once per query.
func (s *Store) rollupState(ctx context.Context, r build.Rollup) (declared, totals bool, err error) {
	if v, ok := s.known.Load(r.ID()); ok {
		return true, v.(bool), nil
	}
	it, err := s.getItem(ctx, rollupsKey())
	if err != nil {
		return false, false, err
	}
	tot := map[string]bool{}
	for _, id := range getSS(it, attrTotals) {
		tot[id] = true
	}
	have := map[string]bool{}
	for _, id := range getSS(it, attrRollups) {
		s.known.Store(id, tot[id])
		have[id] = true
	}
	switch {
	case have[r.ID()]:
		return true, tot[r.ID()], nil
	case build.Covers(func(id string) bool { return have[id] }, r):
		totals = tot[r.Pattern().ID()]
		s.known.Store(r.ID(), totals)
		return true, totals, nil
	}
	return false, false, nil
}

// Declared returns the declared rollups, sorted by ID.
func (s *Store) Declared(ctx context.Context) ([]build.Rollup, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	have, err := s.declared(ctx)
	if err != nil {
		return nil, s.wrap("read the rollups of", err)
	}
	var out []build.Rollup
	for _, id := range sortedKeys(have) {
		r, err := build.ParseRollupID(id)
		if err != nil {
			return nil, s.wrap("read the rollups of", err)
		}
		out = append(out, r)
	}
	return out, nil
}

// noRollupError is Query's answer for a rollup that was never declared.
type noRollupError struct{ r build.Rollup }

func (e *noRollupError) Error() string {
	return fmt.Sprintf("dynamostore: query: rollup %s has not been built: dashsmith ingest builds the rollups that the queries in content/ and rollups: in dashsmith.yaml ask for, once the store has seen the names they read (dashsmith check says which names it has not seen)", e.r.ID())
}

func (e *noRollupError) Unwrap() error { return build.ErrNoRollup }
