// Package serve is dashsmith's preview server: it builds the site in
// memory, serves it on localhost, watches the site's files, rebuilds what
// changed, and reloads the open pages through Server-Sent Events.
//
// A rebuild after an edit of one dashboard lays out that dashboard only:
// the other pages are kept from the last build as long as the layouts,
// the config, the store's data, the hour and every page's title, order
// and place stay the same (Options.Reuse), and only the files that
// changed are parsed again (see parseCache). Store results are kept
// across rebuilds for as long as the store's stamp does not change (see
// cache).
// A page that does not build answers with a page that lists its
// problems, and the other pages keep serving; a build that fails as a
// whole (the config, a layout) serves its problems instead of every page.
// Either way the server keeps watching.
package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultAddr is where serve listens unless told otherwise.
const DefaultAddr = "127.0.0.1:1313"

// Options configure a Server. Load, StoreURL and Pipeline are required.
type Options struct {
	Addr     string                        // host:port to listen on; "" is DefaultAddr, port 0 picks a free one
	Config   string                        // the config file, watched with content/, layouts/ and static/
	Also     []string                      // more files Load reads (annotations.yaml), watched as the config is
	Load     func() (build.Config, error)  // reads the config, again after it changes
	StoreURL func(cfg build.Config) string // the store to open for each build
	Pipeline func() build.Pipeline         // a new standard pipeline for each build
	Now      func() time.Time              // the build's "as of"; nil is the current time
	Log      io.Writer                     // one line per rebuild; nil is silent
	Debounce time.Duration                 // quiet time after an edit before a rebuild; 0 is 50ms
	// Open opens a store URL; nil is build.OpenStore.
	Open func(url string, opts build.StoreOptions) (build.Store, error)
	// StorePoll is how often the store's stamp is looked at for new data
	// (see watchStore); 0 is DefaultStorePoll.
	StorePoll time.Duration
	// Reuse keeps the pages of the last good build whose inputs did not
	// change; nil builds every page every time.
	Reuse Reuser
}

// Reuser keeps the unchanged pages of the last good build for the next:
// plugins/incremental's Memory.
type Reuser interface {
	// Wrap returns pl with the stages that take the pages whose inputs
	// did not change from the last good build, for a build over the store
	// whose data stamp is stamp.
	Wrap(pl build.Pipeline, stamp string) (build.Pipeline, error)
	// Keep makes the build that just ran the last good build.
	Keep()
	// Forget makes the next build build every page.
	Forget()
}

// Server builds and serves one site.
type Server struct {
	opts  Options
	cache *cache
	hub   *hub

	buildMu    sync.Mutex  // one build at a time
	parse      *parseCache // what the last good build parsed, under buildMu
	storeURL   string      // the store the last build read, under buildMu
	storeStamp string      // and its stamp then (see storeStamp)

	mu  sync.RWMutex
	out *output // what requests are answered from
}

// New returns a server; nothing happens until Build or Run.
func New(opts Options) *Server {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	if opts.StorePoll == 0 {
		opts.StorePoll = DefaultStorePoll
	}
	if opts.Open == nil {
		opts.Open = func(url string, o build.StoreOptions) (build.Store, error) {
			return build.OpenStore(context.Background(), url, o)
		}
	}
	return &Server{opts: opts, cache: &cache{}, hub: newHub(), parse: &parseCache{}, out: &output{files: map[string][]byte{}}}
}

// Run builds the site, listens, calls ready with the address it listens
// on, then watches and rebuilds until ctx is done.
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	w, err := newWatcher(s.opts.Config, s.opts.Also...)
	if err != nil {
		return err
	}
	defer w.close()
	s.rebuild(ctx, nil)
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w (is another server on that port? pass --port)", err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.hub.closeAll)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	var bg sync.WaitGroup
	defer bg.Wait()
	storeCtx, stopStore := context.WithCancel(ctx)
	defer stopStore()
	bg.Add(1)
	go func() { defer bg.Done(); s.watchStore(storeCtx, s.opts.StorePoll) }()
	w.run(ctx, s.opts.Debounce, func(changed []string) { s.rebuild(ctx, changed) })
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	if err := <-done; err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// rebuild builds after the changed paths (nil: from scratch), logs how it
// went and tells the open pages to reload.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	st, err := s.Build(ctx, changed)
	switch {
	case err != nil && st.Broken > 0:
		fmt.Fprintf(s.opts.Log, "serve: built %d of %d pages in %s; %d did not build, and show their problems:\n%v\n",
			st.Built, st.Pages, st.Took.Round(time.Millisecond), st.Broken, err)
	case err != nil:
		fmt.Fprintf(s.opts.Log, "serve: the site did not build:\n%v\n", err)
	default:
		fmt.Fprintf(s.opts.Log, "serve: built %d of %d pages in %s\n", st.Built, st.Pages, st.Took.Round(time.Millisecond))
	}
}
