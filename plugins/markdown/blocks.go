package markdown

import (
	"bytes"
	"errors"

	"github.com/dashsmith/dashsmith/build"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// blocks renders fenced code blocks: those of a language in Site.Blocks
// through their build.BlockFunc, the others as goldmark does. Registered
// at a higher priority than goldmark's HTML renderer, it replaces that
// renderer for ast.KindFencedCodeBlock only.
type blocks struct {
	site     *build.Site
	page     *build.Page
	errs     *build.ErrorList
	fallback renderer.NodeRendererFunc
}

func newBlocks(s *build.Site, p *build.Page, errs *build.ErrorList) *blocks {
	b := &blocks{site: s, page: p, errs: errs}
	html.NewRenderer().RegisterFuncs(funcCatcher{ast.KindFencedCodeBlock, &b.fallback})
	return b
}

// RegisterFuncs implements renderer.NodeRenderer.
func (b *blocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, b.render)
}

func (b *blocks) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	fn, ok := b.site.Blocks[string(n.Language(source))]
	if !ok {
		return b.fallback(w, source, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	var body bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		body.Write(seg.Value(source))
	}
	// The fence line: the info string stands on it.
	line := b.page.Line + bytes.Count(source[:n.Info.Segment.Start], []byte("\n"))
	out, err := fn(b.site, b.page, body.Bytes(), line)
	if err != nil {
		file := "content/" + b.page.Source
		b.errs.Add(file, atLine(file, line, err))
		return ast.WalkContinue, nil
	}
	_, _ = w.Write(out)
	return ast.WalkContinue, nil
}

// atLine places err at file:line unless it already names its own place.
func atLine(file string, line int, err error) error {
	var at *build.Error
	var list build.ErrorList
	if errors.As(err, &at) || errors.As(err, &list) {
		return err
	}
	return build.Errorf(file, line, "%v", err)
}

// funcCatcher takes one render function out of a NodeRenderer.
type funcCatcher struct {
	kind ast.NodeKind
	fn   *renderer.NodeRendererFunc
}

func (c funcCatcher) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) {
	if kind == c.kind {
		*c.fn = fn
	}
}

var _ renderer.NodeRenderer = (*blocks)(nil)
