// Package frontmatter reads each page's YAML (---) or TOML (+++)
// frontmatter into its Meta, strictly: an unknown key is an error at its line.
package frontmatter

import (
	"bytes"
	"context"

	"github.com/adrg/frontmatter"
	"github.com/dashsmith/dashsmith/build"
)

// Frontmatter is the plugin that splits pages into Meta and Body.
type Frontmatter struct{}

// New returns the frontmatter plugin.
func New() *Frontmatter { return &Frontmatter{} }

// Name implements build.Plugin.
func (*Frontmatter) Name() string { return "frontmatter" }

// Stage implements build.Staged: it splits off the frontmatter.
func (*Frontmatter) Stage() build.Stage { return build.ParseStage }

// Run fills Meta, Line and Body of every page and drops drafts. It reports
// the problems of every page at once, as a build.ErrorList, and keeps the
// pages without problems, so that later stages check those too. A page
// whose only problems are single keys (unknown, or of the wrong type) is
// dropped too, but its queries are checked here as the query stage would
// (see checkQueries), and it is kept, marked build.Page.Broken, for the
// pipeline to set aside for the later checks (its chart blocks): check
// shows those problems in the same run.
func (*Frontmatter) Run(ctx context.Context, s *build.Site) error {
	var errs build.ErrorList
	kept := s.Pages[:0:0]
	for _, p := range s.Pages {
		keys, err := parse(p)
		if err != nil {
			errs.Add("content/"+p.Source, err)
			continue
		}
		if len(keys) > 0 {
			errs = append(errs, keys...)
			errs = append(errs, checkQueries(s, p)...)
			// Its body is read: the later checks (its chart blocks) still
			// look at it, kept aside by the pipeline (build.Page.Broken).
			// A template's copies are not made, so it is not.
			if p.Broken = p.Meta.Each == "" && p.Meta.EachEvent == ""; p.Broken {
				kept = append(kept, p)
			}
			continue
		}
		if !p.Meta.Draft {
			kept = append(kept, p)
		}
	}
	s.Pages = kept
	return errs.Err()
}

// Parse splits p.Body, the raw file, into p.Meta and the Markdown body,
// and sets p.Line to the line where that body starts.
func Parse(p *build.Page) error {
	keys, err := parse(p)
	if err != nil {
		return err
	}
	return keys.Err()
}

// parse is Parse that tells the problems of single keys, after which the
// page is parsed all the same, from an error that leaves it as it was.
func parse(p *build.Page) (keys build.ErrorList, err error) {
	file := "content/" + p.Source
	raw := p.Body
	open, delim := firstLine(raw)
	var m meta
	body := raw
	if delim == "---" || delim == "+++" {
		body, err = frontmatter.Parse(bytes.NewReader(raw), &m, formats(file, open+1, &keys)...)
		if err != nil {
			return nil, err
		}
		if len(body) == len(raw) {
			return nil, build.Errorf(file, open, "frontmatter opened with %s is never closed: end it with a line %s", delim, delim)
		}
		m.lines = queryLines(raw, open, delim, m.Queries)
		if m.Each != "" || m.EachEvent != "" || m.EachTop != 0 {
			m.eachLine = keyLine(raw, open, delim, "each", "each_event", "each_top")
		}
		if len(m.Controls.Range) > 0 || m.Controls.Filter != (filterControl{}) {
			m.controlsLine = keyLine(raw, open, delim, "controls")
		}
	}
	p.Meta = m.build(p.Source)
	p.Line = 1 + bytes.Count(raw[:len(raw)-len(body)], []byte("\n"))
	p.Body = body
	return keys, nil
}

// firstLine returns the number and the trimmed text of the first line that
// is not blank, where a frontmatter delimiter may stand.
func firstLine(raw []byte) (int, string) {
	for n := 1; len(raw) > 0; n++ {
		line, rest, _ := bytes.Cut(raw, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return n, string(t)
		}
		raw = rest
	}
	return 0, ""
}

// formats are the frontmatter formats a dashboard may use; first is the
// line of the file that holds the frontmatter's first line.
func formats(file string, first int, keys *build.ErrorList) []*frontmatter.Format {
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlFunc(file, first, keys)),
		frontmatter.NewFormat("+++", "+++", tomlFunc(file, first, keys)),
	}
}

var _ build.Plugin = (*Frontmatter)(nil)
