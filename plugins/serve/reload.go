package serve

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// eventsPath is where open pages listen for rebuilds.
const eventsPath = "/_dashsmith/events"

// reloadScript is added to every HTML page the server answers with (never
// to what dashsmith build writes): it reloads the page when a build newer
// than the one it was served from is done. %d is the page's build.
const reloadScript = `<script>(function(){if(!window.EventSource)return;var s=new EventSource(%q);s.addEventListener("build",function(e){if(e.data!=="%d"){s.close();location.reload()}})})();</script>`

// hub sends the number of each new build to every open page.
type hub struct {
	mu   sync.Mutex
	gen  int
	subs map[chan int]struct{}
}

func newHub() *hub { return &hub{subs: map[chan int]struct{}{}} }

func (h *hub) subscribe() (chan int, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan int, 1)
	h.subs[ch] = struct{}{}
	return ch, h.gen
}

func (h *hub) unsubscribe(ch chan int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, ch)
}

// publish tells every page about build gen; a page that has not read the
// last news gets the newest instead.
func (h *hub) publish(gen int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen = gen
	for ch := range h.subs {
		select {
		case <-ch:
		default:
		}
		ch <- gen
	}
}

// closeAll ends every stream, so that the server can shut down.
func (h *hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		close(ch)
		delete(h.subs, ch)
	}
}

// serveEvents streams "build" events: the current build at once, then
// every new one, with a comment every 15s to keep the stream open.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, gen := h.subscribe()
	defer h.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	send := func(gen int) {
		fmt.Fprintf(w, "event: build\ndata: %s\n\n", strconv.Itoa(gen))
		fl.Flush()
	}
	send(gen)
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case gen, ok := <-ch:
			if !ok {
				return
			}
			send(gen)
		case <-tick.C:
			fmt.Fprint(w, ": alive\n\n")
			fl.Flush()
		}
	}
}
