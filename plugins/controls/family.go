package controls

import (
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// family is a page with controls and its views.
type family struct {
	base    string   // the page's URL
	presets []preset // the range presets; one of no text for a page with a filter alone
	prop    string   // the filter's property, "" without a filter
	values  []string // the filter's values, most common first
	// dirs[i][j] is the folder, under the page's, of the view of preset i
	// and value j (0: all, then values[j-1]); "" for the page itself.
	dirs [][]string
}

// view is where a page of the family stands: its preset and value.
type view struct{ preset, value int }

// at returns the view whose folder is dir ("" for the page itself).
func (f *family) at(dir string) view {
	for i, row := range f.dirs {
		for j, d := range row {
			if d == dir {
				return view{i, j}
			}
		}
	}
	return view{}
}

// ranged reports whether the family switches between range presets.
func (f *family) ranged() bool { return len(f.presets) > 1 }

// label says what view v shows: "Last 90 days, plan: pro".
func (f *family) label(v view) string {
	var parts []string
	if f.ranged() || f.presets[0].text != "" {
		parts = append(parts, f.presets[v.preset].label)
	}
	if f.prop != "" {
		if v.value == 0 {
			parts = append(parts, f.prop+": all")
		} else {
			parts = append(parts, f.prop+": "+build.Display(f.values[v.value-1]))
		}
	}
	return strings.Join(parts, ", ")
}

// dirsOf names the folders of the views of presets and values: range-90d,
// plan-pro, range-90d-plan-pro; the first preset and "all" go without
// their part. Value slugs that two values share are told apart by a
// number (pro, pro-2), and an empty one is "value".
func dirsOf(presets []preset, prop string, values []string) [][]string {
	propSlug := build.Slug(prop)
	if propSlug == "" {
		propSlug = "filter"
	}
	slugs := make([]string, len(values))
	used := map[string]bool{}
	for i, v := range values {
		s := build.Slug(v)
		if s == "" {
			s = "value"
		}
		base := s
		for n := 2; used[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		used[s] = true
		slugs[i] = s
	}
	dirs := make([][]string, len(presets))
	for i, p := range presets {
		dirs[i] = make([]string, len(values)+1)
		for j := range dirs[i] {
			var parts []string
			if i > 0 {
				parts = append(parts, "range-"+p.token)
			}
			if j > 0 {
				parts = append(parts, propSlug+"-"+slugs[j-1])
			}
			dirs[i][j] = strings.Join(parts, "-")
		}
	}
	return dirs
}
