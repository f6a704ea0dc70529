package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/internal/starter"
)

// describeSuffix is what git describe adds to a tag for a commit after it
// or a modified tree ("v0.3.0-5-g1a2b3c4", "v0.3.0-dirty"): such a
// version names no module version that go install could fetch.
var describeSuffix = regexp.MustCompile(`(-[0-9]+-g[0-9a-f]+)?(-dirty)?$`)

// moduleVersion is a release or pseudo-version ("v0.3.0",
// "v0.0.0-20261204101500-1a2b3c4d5e6f").
var moduleVersion = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// workflowPin decides what the workflow of dashsmith new --github installs,
// from the version and commit this dashsmith was built from (builtFrom):
// its version when that is one go install can fetch (a release, or the
// pseudo-version of a go install @commit); else its commit; else, for a
// build that knows neither, the latest release, with a note to pin one.
func workflowPin(v, rev string, dirty bool) starter.Pin {
	if moduleVersion.MatchString(v) && describeSuffix.FindString(v) == "" {
		return starter.Pin{Version: v, Note: "dashsmith " + v + " wrote this workflow. To upgrade, change the version."}
	}
	if regexp.MustCompile(`^[0-9a-f]{7,40}$`).MatchString(rev) {
		note := "dashsmith was built from commit " + rev + ", which is not a release: pin a release (v1.2.3) once there is one."
		if dirty {
			note = "dashsmith was built from changes to commit " + rev + ", which this installs without them: pin a release (v1.2.3) once there is one."
		}
		return starter.Pin{Version: rev, Note: note}
	}
	return starter.Pin{Version: "latest", Note: "dashsmith had no version to pin, so the newest release is installed (and cached: it then stays): pin one (v1.2.3)."}
}

// writeWorkflow writes the GitHub Actions workflow into the site in dir.
func writeWorkflow(dir string) error {
	data, err := starter.Workflow(dashsmith.Workflow, workflowPin(builtFrom()))
	if err != nil {
		return err
	}
	return starter.WriteWorkflow(dir, data)
}

// isSite reports whether dir holds a site already (a dashsmith.yaml).
func isSite(dir string) (bool, error) {
	_, err := os.Stat(filepath.Join(dir, "dashsmith.yaml"))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("%s: %w", dir, err)
	}
}
