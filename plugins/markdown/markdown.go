// Package markdown renders each page's Markdown body to HTML with goldmark
// and GitHub Flavored Markdown (tables, task lists, strikethrough, autolinks).
//
// Raw HTML in Markdown is not passed through: goldmark's safe mode omits it
// (it leaves <!-- raw HTML omitted -->) and drops javascript: links.
// Dashboards are edited by many people through pull requests, and a page
// must not be able to run script or restyle the site. Charts and other
// blocks come from fenced code blocks rendered by build.BlockFunc instead.
package markdown

import (
	"bytes"
	"context"
	"sort"

	"github.com/dashsmith/dashsmith/build"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown is the plugin that turns Markdown bodies into HTML.
type Markdown struct{}

// New returns the markdown plugin.
func New() *Markdown { return &Markdown{} }

// Name implements build.Plugin.
func (*Markdown) Name() string { return "markdown" }

// Stage implements build.Staged: it renders bodies to HTML.
func (*Markdown) Stage() build.Stage { return build.RenderStage }

// Run replaces every page's Body with its HTML. Fenced code blocks whose
// language is in s.Blocks are rendered by that build.BlockFunc, and
// inline calls such as {{ value "orders" }} by s.Inlines; the errors of
// every block and call of every page are reported together. Pages render
// in parallel (build.RunPages); their errors are joined in page order,
// so the output does not depend on timing.
func (m *Markdown) Run(ctx context.Context, s *build.Site) error {
	return build.RunPages(ctx, s, m)
}

// Begin implements build.PageRunner.
func (*Markdown) Begin(context.Context, *build.Site) error { return nil }

// RunPage implements build.PageRunner: it renders p, unless p is reused
// from the last build.
func (*Markdown) RunPage(_ context.Context, s *build.Site, p *build.Page) error {
	if p.Reused {
		return nil
	}
	var errs build.ErrorList
	out, err := Render(s, p, &errs)
	if err != nil {
		errs.Add("content/"+p.Source, err)
	}
	if len(errs) > 0 {
		return errs
	}
	p.Body = out
	return nil
}

// CheckPage implements build.Checker: it reads p, whose earlier stages
// found problems, for the problems of its blocks and inline calls (a
// chart type typo beside a query that failed), and keeps nothing of it.
// Block and inline renderers see p.Broken and check without drawing.
func (*Markdown) CheckPage(_ context.Context, s *build.Site, p *build.Page) error {
	if p.Reused {
		return nil
	}
	var errs build.ErrorList
	if _, err := Render(s, p, &errs); err != nil {
		errs.Add("content/"+p.Source, err)
	}
	return errs.Err()
}

// End implements build.PageRunner.
func (*Markdown) End(context.Context, *build.Site) error { return nil }

// Render converts p.Body to HTML. Block and inline call errors go to errs,
// by line, and leave the block or call out; so does a "{{" in a link's
// address or title (linkCalls). The error returned is goldmark's own.
func Render(s *build.Site, p *build.Page, errs *build.ErrorList) ([]byte, error) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(callParser{}, 900)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(
				util.Prioritized(newBlocks(s, p, errs), 100),
				util.Prioritized(&calls{site: s, page: p, errs: errs}, 100),
			),
		),
	)
	doc := md.Parser().Parse(text.NewReader(p.Body))
	file := "content/" + p.Source
	var links build.ErrorList
	if p.View != "" {
		viewLinks(doc)
	}
	linkCalls(doc, p.Body, func(offset int, msg string) {
		links = append(links, build.Errorf(file, p.Line+bytes.Count(p.Body[:offset], []byte("\n")), "%s", msg))
	})
	start := len(*errs)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, p.Body, doc); err != nil {
		return nil, err
	}
	if len(links) > 0 { // among the others, by line
		*errs = append(*errs, links...)
		mine := (*errs)[start:]
		sort.SliceStable(mine, func(i, j int) bool { return mine[i].Line < mine[j].Line })
	}
	return buf.Bytes(), nil
}

var (
	_ build.Plugin  = (*Markdown)(nil)
	_ build.Checker = (*Markdown)(nil)
)
