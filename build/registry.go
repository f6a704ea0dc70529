package build

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// StoreDriver opens the stores of one URL scheme ("bolt:path/rollup.db").
// What else a driver can tell of a store without opening it, it says by
// implementing StoreStamper and StoreFiler.
type StoreDriver interface {
	Open(ctx context.Context, url string, opts StoreOptions) (Store, error)
}

// StoreOpener is a StoreDriver that only opens.
type StoreOpener func(ctx context.Context, url string, opts StoreOptions) (Store, error)

// Open implements StoreDriver.
func (f StoreOpener) Open(ctx context.Context, url string, opts StoreOptions) (Store, error) {
	return f(ctx, url, opts)
}

// SourceOpener opens an event source from its URL ("file:./events").
type SourceOpener func(ctx context.Context, url string) (Source, error)

var (
	regMu   sync.RWMutex
	stores  = map[string]StoreDriver{}
	sources = map[string]SourceOpener{}
)

// RegisterStore makes a store available under a URL scheme. It is meant to be
// called from a plugin's init and panics on a duplicate, as sql.Register does.
func RegisterStore(scheme string, open StoreDriver) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := stores[scheme]; dup {
		panic("build: RegisterStore called twice for scheme " + scheme)
	}
	stores[scheme] = open
}

// RegisterSource makes an event source available under a URL scheme.
func RegisterSource(scheme string, open SourceOpener) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := sources[scheme]; dup {
		panic("build: RegisterSource called twice for scheme " + scheme)
	}
	sources[scheme] = open
}

// OpenStore opens the store that url names, as opts say (see StoreOptions
// for which wins when the URL says otherwise).
func OpenStore(ctx context.Context, url string, opts StoreOptions) (Store, error) {
	d, err := storeDriver(url)
	if err != nil {
		return nil, err
	}
	return d.Open(ctx, url, opts)
}

// storeDriver returns the driver registered for url's scheme.
func storeDriver(url string) (StoreDriver, error) {
	scheme := Scheme(url)
	regMu.RLock()
	d, ok := stores[scheme]
	regMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("store %q: unknown scheme %q: use one of %s", url, scheme, known(stores))
	}
	return d, nil
}

// OpenSource opens the event source that url names. A bare path is a folder.
func OpenSource(ctx context.Context, url string) (Source, error) {
	scheme := Scheme(url)
	regMu.RLock()
	open, ok := sources[scheme]
	regMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("event source %q: unknown scheme %q: use one of %s", url, scheme, known(sources))
	}
	return open(ctx, url)
}

// Scheme returns the URL scheme of s, or "file" for a plain path.
func Scheme(s string) string {
	i := strings.IndexByte(s, ':')
	if i < 2 { // no scheme, or a Windows drive letter
		return "file"
	}
	for _, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return "file"
		}
	}
	return s[:i]
}

// TrimScheme returns s without "scheme:" and a following "//".
func TrimScheme(s string) string {
	if Scheme(s) == "file" && !strings.HasPrefix(s, "file:") {
		return s
	}
	rest := s[strings.IndexByte(s, ':')+1:]
	return strings.TrimPrefix(rest, "//")
}

func known[T any](m map[string]T) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k+":")
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
