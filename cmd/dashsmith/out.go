package main

import (
	"path/filepath"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/incremental"
)

// olderOutput names the files that show an output folder was written by
// a dashsmith from before build.OutputMarker: the incremental build's
// manifest, which every build has written into its output since.
var olderOutput = []string{incremental.ManifestName}

// checkOut refuses an output folder that a build would delete the site
// with: the site folder or a folder above it, content/, layouts/,
// static/, the config, the events folder or the store, or a folder
// inside one of them; and an existing folder dashsmith did not write. It
// runs in the site folder, before anything is opened or written.
func checkOut(out string, sf *siteFlags, cfg build.Config) error {
	keep := []build.Kept{
		{Path: ".", What: "the site folder"},
		{Path: filepath.Base(sf.config), What: "the config " + filepath.Base(sf.config)},
		{Path: "content", What: "content/", Inside: true},
		{Path: "layouts", What: "layouts/", Inside: true},
		{Path: "static", What: "static/", Inside: true},
	}
	if cfg.Events != "" && build.Scheme(cfg.Events) == "file" {
		dir := build.TrimScheme(cfg.Events)
		keep = append(keep, build.Kept{Path: dir, What: "the events folder " + dir, Inside: true})
	}
	files, err := build.StoreFiles(sf.storeURL(cfg))
	if err != nil {
		return err
	}
	for _, file := range files {
		keep = append(keep, build.Kept{Path: file, What: "the store " + file, Inside: true})
	}
	if err := build.CheckOutput(out, keep); err != nil {
		return err
	}
	return build.CheckReplace(out, olderOutput...)
}
