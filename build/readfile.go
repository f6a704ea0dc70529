package build

import (
	"context"
	"time"
)

// ReadOptions tune ReadFile.
type ReadOptions struct {
	// Parse reads the file into its batch: NewParser of the format's
	// decoder (LookupDecoder) and the fold's options.
	Parse  ParseFunc
	Dedupe time.Duration // the dedupe window; 0 is off
	// Names is the event-name cap of the ingest: the fold holds the file
	// to what the cap had room for, and ReadFile admits the file's names
	// (Names.Admit). nil: the fold's own bound (FoldOptions).
	Names *Names
	// AdmitLater leaves the admission to the caller: Ingest reads files
	// in parallel and admits each batch in the order of the listing, so
	// that the cap takes the same names however the readers race.
	AdmitLater bool
}

// ReadFile reads one event file of src into a batch of the rollups:
// it opens the file, decodes and folds it (o.Parse), and holds its event
// names to the cap (o.Names). It is the per-file step of an ingest, the
// CLI's (Ingest) and the Lambda's alike. The error is the source's, or
// the parser's when the file cannot be read to its end; no batch is
// returned then.
func ReadFile(ctx context.Context, src Source, f FileInfo, rollups []Rollup, o ReadOptions) (*Batch, error) {
	rc, err := src.Open(ctx, f.Key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := NewBatch(f.Key, rollups...)
	b.Size = f.Size
	b.Dedupe = o.Dedupe
	b.Names = o.Names
	if err := o.Parse(rc, b); err != nil {
		return nil, err
	}
	if o.Names != nil && !o.AdmitLater {
		o.Names.Admit(b)
	}
	return b, nil
}
