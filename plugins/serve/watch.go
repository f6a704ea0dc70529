package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the site's folders a build reads, watched at any depth.
var watchedDirs = []string{"content", "layouts", "static"}

// watcher reports the site's files that change: everything under
// watchedDirs, and the config file.
type watcher struct {
	w      *fsnotify.Watcher
	config string   // the config file, slash path from the site folder
	also   []string // more files the config's loader reads, slash paths
}

// newWatcher watches the site folder (for the config file, and for the
// folders to appear) and every folder under watchedDirs.
func newWatcher(config string, also ...string) (*watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &watcher{w: w, config: filepath.ToSlash(filepath.Clean(config))}
	for _, a := range also {
		wt.also = append(wt.also, filepath.ToSlash(filepath.Clean(a)))
	}
	if err := w.Add("."); err != nil {
		w.Close()
		return nil, err
	}
	if dir := filepath.Dir(config); dir != "." {
		_ = w.Add(dir)
	}
	for _, d := range watchedDirs {
		wt.addTree(d)
	}
	return wt, nil
}

// addTree watches dir and every folder under it, if it exists.
func (wt *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = wt.w.Add(path)
		}
		return nil
	})
}

func (wt *watcher) close() { wt.w.Close() }

// run calls rebuild with the paths that changed, once the site has been
// quiet for debounce after an edit (an editor's save is often a few
// events), until ctx is done.
func (wt *watcher) run(ctx context.Context, debounce time.Duration, rebuild func(changed []string)) {
	changed := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			path, ok := wt.relevant(ev)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					wt.addTree(ev.Name)
				}
			}
			changed[path] = true
			timer.Reset(debounce)
		case <-wt.w.Errors:
			// A lost event: the next edit rebuilds anyway.
		case <-timer.C:
			paths := make([]string, 0, len(changed))
			for p := range changed {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			clear(changed)
			rebuild(paths)
		}
	}
}

// relevant returns the slash path of an event's file when a build reads
// it: under watchedDirs or the config, but no editor's temporary file.
func (wt *watcher) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false
	}
	path := filepath.ToSlash(filepath.Clean(ev.Name))
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasPrefix(base, "#") {
		return "", false
	}
	if path == wt.config || slices.Contains(wt.also, path) {
		return path, true
	}
	for _, d := range watchedDirs {
		if path == d || strings.HasPrefix(path, d+"/") {
			return path, true
		}
	}
	return "", false
}
