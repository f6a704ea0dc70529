package query

import (
	"errors"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// notBuilt says why the store does not keep the rollup that q reads, and
// what to do. A name the store never saw is most likely a typo: ingest
// does not declare a rollup for it, so the answer is the did-you-mean,
// and how to confirm the name when its events are yet to come. A rollup
// of names the store has seen is built by the next ingest.
func notBuilt(seen build.Seen, q build.Query) error {
	r := q.Rollup()
	if seen.Empty() {
		return errors.New("the store holds no events yet: run dashsmith ingest")
	}
	if unseen := seen.Unseen("event", q.Event, q.Paths()); len(unseen) > 0 {
		return errors.New(strings.Join(unseen, "; ") + "; dashsmith ingest declares no rollup for a name the store never saw: fix the name, or, if such events are yet to come, add " +
			r.ConfigEntry() + " under rollups: in dashsmith.yaml (or run dashsmith ingest --declare-unseen)")
	}
	return errors.New("rollup " + r.ID() + " is not built yet: run dashsmith ingest, which declares it (the store has seen its names) and reads the event files again for it")
}
