// Package config reads a site's dashsmith.yaml.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/strictyaml"
)

// FileName is the config file a site folder holds.
const FileName = "dashsmith.yaml"

// Load reads the config file at path. Unknown keys are errors with their
// line ("dashsmith.yaml:3: unknown key \"titel\""), and so is a timezone
// that is not an IANA zone name. Errors name the file as path gives it.
//
// The file's folder is the site folder, and the file is read through that
// folder's root (build.OpenSite): the folders in path are the caller's
// choice, but a config file that is a link out of its folder is an error,
// not read, like every other file of the site.
func Load(path string) (build.Config, error) {
	var c build.Config
	name := filepath.ToSlash(path)
	data, err := readSiteFile(path)
	if build.LeavesSite(err) || errors.Is(err, build.ErrHiddenTarget) {
		return c, build.SiteReadError(name, err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return c, missingError{fmt.Sprintf("%s: no such file: run dashsmith in a site folder (one that holds %s) or pass --config FILE", name, FileName)}
	}
	if err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	if err := strictyaml.Decode(name, 1, data, &c); err != nil {
		return build.Config{}, err
	}
	if _, err := c.Location(); err != nil {
		return build.Config{}, build.Errorf(name, keyLine(data, "timezone"), "%v", err)
	}
	for _, r := range c.Rollups {
		if _, err := r.Expand(); err != nil {
			return build.Config{}, build.Errorf(name, keyLine(data, "rollups"), "%v", err)
		}
	}
	if _, err := c.DedupeSpan(); err != nil {
		return build.Config{}, build.Errorf(name, keyLine(data, "dedupe"), "%v", err)
	}
	if c.Cardinality < 0 || c.Cardinality > build.MaxCardinality {
		return build.Config{}, build.Errorf(name, keyLine(data, "cardinality"), "cardinality %d: breakdown values kept per rollup and hour, from 1 to %d (default %d)", c.Cardinality, build.MaxCardinality, build.DefaultCardinality)
	}
	if c.MaxEventNames < 0 || c.MaxEventNames > build.MaxEventNamesLimit {
		return build.Config{}, build.Errorf(name, keyLine(data, "max_event_names"), "max_event_names %d: distinct event names the store keeps, from 1 to %d (default %d)", c.MaxEventNames, build.MaxEventNamesLimit, build.DefaultMaxEventNames)
	}
	if err := annotations(&c, name, data, path); err != nil {
		return build.Config{}, err
	}
	return c, nil
}

// readSiteFile reads the file at path through the root of its folder.
func readSiteFile(path string) ([]byte, error) {
	root, err := build.OpenSite(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return build.ReadSiteFile(root, filepath.Base(path))
}

// missingError says the config file is not there; errors.Is(err,
// fs.ErrNotExist) holds for it, so a caller may go on with defaults.
type missingError struct{ msg string }

func (e missingError) Error() string { return e.msg }
func (e missingError) Unwrap() error { return fs.ErrNotExist }
