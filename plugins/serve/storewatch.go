package serve

import (
	"context"
	"fmt"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultStorePoll is how often serve looks at the store's file.
const DefaultStorePoll = time.Second

// watchStore rebuilds the whole site when an ingest has changed the
// store, so new data shows without an edit. Only a store in a local file
// (bolt:) can be watched: its size and time of change are read every
// poll, and a rebuild starts once they differ from those of the last
// build and have held still for one poll (an ingest commits every half
// second or so; a rebuild per commit would be wasted). Other stores show
// new data on the next edit.
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
		if build.Scheme(url) != "bolt" {
			continue
		}
		stamp := storeStamp(url, time.Time{})
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
