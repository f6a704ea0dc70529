package build

import "context"

// Declarer is implemented by stores that keep rollups beyond the base
// counts from one ingest to the next: the rollups declared are the ones
// a later ingest keeps too, though no dashboard it reads asks for them
// (the Lambda reads none).
type Declarer interface {
	// Declare records the rollups ingest keeps from now on.
	Declare(ctx context.Context, rollups []Rollup) error
	// Declared returns the rollups declared so far (the base not included).
	Declared(ctx context.Context) ([]Rollup, error)
}

// HealthReader is implemented by stores that keep the ingestion record
// of each day (HealthDay), from the stats of the batches they apply.
type HealthReader interface {
	// Health returns the ingestion record of every day, oldest first.
	Health(ctx context.Context) ([]HealthDay, error)
}

// Declare records rollups with st when st is a Declarer. A store that
// cannot declare keeps only what it is given: each batch's rollups as
// Apply receives them, with nothing remembered for the next ingest, so
// Declare is then a no-op and Declared returns none.
func Declare(ctx context.Context, st Writer, rollups []Rollup) error {
	if d, ok := st.(Declarer); ok {
		return d.Declare(ctx, rollups)
	}
	return nil
}

// Declared returns the rollups st has declared, none (nil) when st is not
// a Declarer (see Declare).
func Declared(ctx context.Context, st Writer) ([]Rollup, error) {
	if d, ok := st.(Declarer); ok {
		return d.Declared(ctx)
	}
	return nil, nil
}

// Health returns st's ingestion record of every day, oldest first. A
// store that is not a HealthReader keeps no such record: Health returns
// none (nil), and the ingestion page shows no files, bytes, events or
// rejected lines (its gaps still come from the counts).
func Health(ctx context.Context, st Reader) ([]HealthDay, error) {
	if h, ok := st.(HealthReader); ok {
		return h.Health(ctx)
	}
	return nil, nil
}

// Dropper is implemented by stores that can forget declared rollups
// (dashsmith rollups --drop).
type Dropper interface {
	// Drop removes each rollup's declaration and everything kept for it:
	// its cells, its breakdown's group records and totals, and every
	// file's record of having applied it, so that declaring it again
	// backfills it from the event files as if it were new. The base
	// counts, which every rollup needs, are never dropped: a base rollup
	// or a plain count (Rollup.Needed false) is an error. Dropping a
	// rollup that is not declared removes what may be left of it and is
	// not an error. It returns how many stored items it deleted: cells,
	// group records and totals (not the declaration, nor the files' records,
	// which it changes).
	Drop(ctx context.Context, rollups []Rollup) (int64, error)
}

// Resetter is implemented by stores that can be emptied in place
// (dashsmith ingest --reset): every count, declaration, file record,
// dedupe and health record goes, as if the store were new.
type Resetter interface {
	Reset(ctx context.Context) error
}
