package serve

import (
	"context"
	"fmt"
	"time"
)

// DefaultStorePoll is how often serve looks at the store's stamp.
const DefaultStorePoll = time.Second

// watchStore rebuilds the whole site when an ingest has changed the
// store, so new data shows without an edit. Only a store whose driver
// has a stamp (build.StoreStamp: a bolt file's size and time of change)
// can be watched: the stamp is read every poll, and a rebuild starts once
// it differs from that of the last build and has held still for one poll
// (an ingest commits every half second or so; a rebuild per commit would
// be wasted). Other stores show new data on the next edit.
func (s *Server) watchStore(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	settling := ""
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.buildMu.Lock()
		url, built := s.storeURL, s.storeStamp
		s.buildMu.Unlock()
		stamp, watched := storeStamp(url, time.Time{})
		if !watched {
			continue
		}
		switch {
		case stamp == built:
			settling = ""
		case stamp != settling:
			settling = stamp // still changing, or just changed: wait a poll
		default:
			settling = ""
			fmt.Fprintf(s.opts.Log, "serve: the store has new data; rebuilding\n")
			s.rebuild(ctx, nil)
		}
	}
}
