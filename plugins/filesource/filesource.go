// Package filesource reads raw event files from a local folder: the
// embedded default event source, registered under the "file" scheme.
//
// URLs are a bare path ("./events", "events", "/abs/path") or a file URL
// ("file:./events", "file:///abs/path"). The folder is walked to any depth;
// every regular file whose path has no hidden part (a name starting with
// ".") is an event file, gzipped or plain: the parser tells them apart.
// Symbolic links are not listed, and nothing outside the folder is ever
// opened.
package filesource

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

func init() { build.RegisterSource("file", Open) }

// Source is a local folder of event files.
type Source struct {
	dir string // as the user wrote it, in OS form
}

// Open opens the folder that url names. It fails when the folder does not
// exist.
func Open(ctx context.Context, url string) (build.Source, error) {
	s, err := New(build.TrimScheme(url))
	if err != nil {
		return nil, err
	}
	return s, nil
}

// New returns the source for the folder dir.
func New(dir string) (*Source, error) {
	if dir == "" {
		return nil, errors.New("filesource: no events folder given: set events: in dashsmith.yaml or pass --from")
	}
	s := &Source{dir: filepath.FromSlash(dir)}
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

// Dir is the folder, as given.
func (s *Source) Dir() string { return s.dir }

// check says, in the user's terms, why the folder cannot be read.
func (s *Source) check() error {
	fi, err := os.Stat(s.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("filesource: events folder %q does not exist: run the generator or set events: in dashsmith.yaml", s.dir)
	case err != nil:
		return fmt.Errorf("filesource: events folder %q: %w", s.dir, err)
	case !fi.IsDir():
		return fmt.Errorf("filesource: events folder %q is a file: point events: in dashsmith.yaml at the folder that holds the event files", s.dir)
	}
	return nil
}

// List returns every event file under the folder, sorted by key: the
// slash-separated path relative to the folder.
func (s *Source) List(ctx context.Context) ([]build.FileInfo, error) {
	root, err := s.root()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var files []build.FileInfo
	err = fs.WalkDir(root.FS(), ".", func(key string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if key != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, build.FileInfo{Key: key, Size: fi.Size(), ModTime: fi.ModTime()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("filesource: list %q: %w", s.dir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Key < files[j].Key })
	return files, nil
}

// Open streams the file key as stored. Keys are those List returns; a key
// that would leave the folder is refused.
func (s *Source) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if !fs.ValidPath(key) || key == "." || strings.ContainsRune(key, '\\') {
		return nil, fmt.Errorf("filesource: refusing key %q: keys are slash paths inside the events folder, as List returns them", key)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	root, err := s.root()
	if err != nil {
		return nil, err
	}
	defer root.Close() // files opened from it stay open
	f, err := root.Open(filepath.FromSlash(key))
	if err != nil {
		return nil, fmt.Errorf("filesource: open %q in %q: %w", key, s.dir, err)
	}
	return f, nil
}

// root opens the folder as an os.Root, which confines every later open to
// it, symbolic links included.
func (s *Source) root() (*os.Root, error) {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		if cerr := s.check(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("filesource: events folder %q: %w", s.dir, err)
	}
	return root, nil
}

var _ build.Source = (*Source)(nil)
