package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/config"
)

// siteFlags are the flags every command shares.
type siteFlags struct {
	config string
	store  string
}

func (sf *siteFlags) register(fs *flag.FlagSet, withStore bool) {
	fs.StringVar(&sf.config, "config", "dashsmith.yaml", "the site's config `file`; its folder is the site folder")
	if withStore {
		fs.StringVar(&sf.store, "store", "", "rollup store `URL` (default: the config's store:, else "+build.DefaultStore+")")
	}
}

// load reads the config and moves into the site folder, so that relative
// paths in the config (content/, the store, the events) are the site's.
// A missing dashsmith.yaml is fine when it was not named on the command line.
func (sf *siteFlags) load() (build.Config, error) {
	cfg, err := config.Load(sf.config)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && sf.config == "dashsmith.yaml" {
			cfg = build.Config{}
		} else {
			return cfg, err
		}
	}
	if dir := filepath.Dir(sf.config); dir != "." {
		if err := os.Chdir(dir); err != nil {
			return cfg, err
		}
	}
	if _, err := cfg.Location(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// storeURL picks --store, then the config's store:, then the default.
func (sf *siteFlags) storeURL(cfg build.Config) string {
	switch {
	case sf.store != "":
		return sf.store
	case cfg.Store != "":
		return cfg.Store
	}
	return build.DefaultStore
}

// openStore opens the store named by the flags or the config, as opts say.
func (sf *siteFlags) openStore(ctx context.Context, cfg build.Config, opts build.StoreOptions) (build.Store, error) {
	return build.OpenStore(ctx, sf.storeURL(cfg), opts)
}

// openReader opens the store to read it only. A store file that is not
// there is an error that says to run ingest, not a new empty store.
func (sf *siteFlags) openReader(ctx context.Context, cfg build.Config) (build.Store, error) {
	return sf.openStore(ctx, cfg, build.StoreOptions{ReadOnly: true})
}

// listing parses the flags of a command that lists what the store holds
// (--format csv|json, and the other formats the command names in more,
// plus the site flags) and opens the store. The caller closes it.
func listing(ctx context.Context, e *env, name string, args []string, more ...string) (st build.Store, format string, err error) {
	var sf siteFlags
	fs := newFlags(e, name)
	sf.register(fs, true)
	formats := append([]string{"csv", "json"}, more...)
	f := fs.String("format", "csv", "output: "+orList(formats))
	if err := parse(fs, args); err != nil {
		return nil, "", err
	}
	if !slices.Contains(formats, *f) {
		return nil, "", usageError{fmt.Sprintf("--format %q: use %s", *f, orList(formats))}
	}
	cfg, err := sf.load()
	if err != nil {
		return nil, "", err
	}
	st, err = sf.openReader(ctx, cfg)
	return st, *f, err
}

// orList writes names as a choice: "csv or json", "csv, json or text".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
