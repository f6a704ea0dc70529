package frontmatter

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dashsmith/dashsmith/build"
)

// meta is the frontmatter as written: these keys and no others.
type meta struct {
	Title       string               `yaml:"title" toml:"title"`
	Description string               `yaml:"description" toml:"description"`
	Layout      string               `yaml:"layout" toml:"layout"`
	Weight      int                  `yaml:"weight" toml:"weight"`
	Draft       bool                 `yaml:"draft" toml:"draft"`
	Queries     map[string]querySpec `yaml:"queries" toml:"queries"`

	// A template page, built once per value (see build.Meta.Each).
	Each      string `yaml:"each" toml:"each"`
	EachEvent string `yaml:"each_event" toml:"each_event"`
	EachTop   int    `yaml:"each_top" toml:"each_top"`

	// The views a reader may switch the page between (build.Controls).
	Controls controls `yaml:"controls" toml:"controls"`

	lines        map[string]int // line of each query's name in the file
	eachLine     int            // line of each: in the file
	controlsLine int            // line of controls: in the file
}

// controls is controls: as written.
type controls struct {
	Range  []string      `yaml:"range" toml:"range"`
	Filter filterControl `yaml:"filter" toml:"filter"`
}

// filterControl is controls: {filter: ...} as written.
type filterControl struct {
	Property string `yaml:"property" toml:"property"`
	Top      int    `yaml:"top" toml:"top"`
}

// querySpec is one entry of queries:.
type querySpec struct {
	Event   string `yaml:"event" toml:"event"`
	Measure string `yaml:"measure" toml:"measure"`
	Every   string `yaml:"every" toml:"every"`
	Range   string `yaml:"range" toml:"range"`
	By      string `yaml:"by" toml:"by"`
	Top     int    `yaml:"top" toml:"top"`

	Compare  string `yaml:"compare" toml:"compare"`
	Filter   string `yaml:"filter" toml:"filter"`
	Timezone string `yaml:"timezone" toml:"timezone"`

	Where      map[string]string `yaml:"where" toml:"where"`
	Formula    string            `yaml:"formula" toml:"formula"`
	Rolling    string            `yaml:"rolling" toml:"rolling"`
	Cumulative bool              `yaml:"cumulative" toml:"cumulative"`
	Resolution string            `yaml:"resolution" toml:"resolution"`
}

// build converts m to the core's Meta for the page at source.
func (m meta) build(source string) build.Meta {
	out := build.Meta{
		Title:       strings.TrimSpace(m.Title),
		Description: strings.TrimSpace(m.Description),
		Layout:      strings.TrimSpace(m.Layout),
		Weight:      m.Weight,
		Draft:       m.Draft,
		Each:        strings.TrimSpace(m.Each),
		EachEvent:   strings.TrimSpace(m.EachEvent),
		EachTop:     m.EachTop,
		EachLine:    m.eachLine,
		Controls: build.Controls{
			Range:  m.Controls.Range,
			Filter: build.FilterControl{Property: strings.TrimSpace(m.Controls.Filter.Property), Top: m.Controls.Filter.Top},
			Line:   m.controlsLine,
		},
	}
	if out.Title == "" {
		out.Title = Humanize(source)
	}
	if len(m.Queries) > 0 {
		out.Queries = map[string]build.QuerySpec{}
		out.QueryLines = map[string]int{}
		for name, q := range m.Queries {
			out.Queries[name] = build.QuerySpec(q)
			out.QueryLines[name] = m.lines[name]
		}
	}
	return out
}

// Humanize makes a title of a source path: "sales/sign-up_flow.md" ->
// "Sign up flow"; "sales/index.md" -> "Sales"; the root "index.md" -> "",
// which the index plugin fills with the site's title.
func Humanize(source string) string {
	name := strings.TrimSuffix(path.Base(source), ".md")
	if name == "index" {
		dir := path.Dir(source)
		if dir == "." {
			return ""
		}
		name = path.Base(dir)
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) }), " ")
	if name == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}
