package config

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/strictyaml"
)

// AnnotationsFile is the file beside the config that may hold more
// annotations: a YAML list of {at, until, text}, as under annotations:.
const AnnotationsFile = "annotations.yaml"

// annotations gives each of c's annotations its file and line in data
// (the config as read from name), appends those of annotations.yaml in
// the config's folder when there is one, and checks them all in the
// site's timezone. Unknown keys are errors at their line, as in the
// config.
func annotations(c *build.Config, name string, data []byte, path string) error {
	lines(c.Annotations, name, data, "annotations")
	file := filepath.Join(filepath.Dir(path), AnnotationsFile)
	more, err := readSiteFile(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return build.SiteReadError(filepath.ToSlash(file), err)
	default:
		var list []build.AnnotationSpec
		fileName := filepath.ToSlash(file)
		if err := strictyaml.Decode(fileName, 1, more, &list); err != nil {
			return err
		}
		lines(list, fileName, more, "")
		c.Annotations = append(c.Annotations, list...)
	}
	loc, err := c.Location()
	if err != nil {
		return err
	}
	_, errs := build.ResolveAnnotations(c.Annotations, loc)
	return errs.Err()
}

// lines sets the file and line of each annotation in list, decoded from
// data: the items of the list under the top-level key, or of the
// document's own list when key is "". An item's line is that of its
// dash, the first lines of the list's indent that start with "- ", in
// order (a list written inline, [..], gives every item the key's line).
func lines(list []build.AnnotationSpec, file string, data []byte, key string) {
	start := 0
	if key != "" {
		start = keyLine(data, key)
	}
	var dashes []int
	indent := -1
	for i, raw := range strings.Split(string(data), "\n") {
		if i+1 <= start {
			continue
		}
		body := strings.TrimLeft(raw, " ")
		if body == "" || strings.HasPrefix(body, "#") {
			continue
		}
		n := len(raw) - len(body)
		if key != "" && n == 0 && !strings.HasPrefix(body, "-") {
			break // the next top-level key
		}
		if body == "-" || strings.HasPrefix(body, "- ") {
			if indent < 0 {
				indent = n
			}
			if n == indent {
				dashes = append(dashes, i+1)
			}
		}
	}
	for i := range list {
		list[i].File = file
		list[i].Line = start
		if i < len(dashes) {
			list[i].Line = dashes[i]
		}
	}
}
