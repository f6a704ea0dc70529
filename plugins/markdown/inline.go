package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// call is an inline call in prose, {{ name "arg" … }}, answered at render
// time by the build.InlineFunc of Site.Inlines[name] (see scanCall).
type call struct {
	ast.BaseInline
	Name   string
	Args   []string
	Offset int    // where the call starts in the page's body
	Bad    string // a problem with the arguments, or ""
	Raw    string // the text of a "{{ … }}" with no name (Name ""), for its error
	fix    bool   // Bad is to be followed by the call written right (see finish)
}

var kindCall = ast.NewNodeKind("DashsmithCall")

// Kind implements ast.Node.
func (n *call) Kind() ast.NodeKind { return kindCall }

// Dump implements ast.Node.
func (n *call) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Args": strings.Join(n.Args, ", ")}, nil)
}

// callParser finds calls in inline text: every "{{" is read as a call
// (scanCall), which the renderer answers or reports. Code spans and code
// blocks are parsed before it sees them, so "{{" there stays text, and so
// does an escaped one, \{{.
type callParser struct{}

// Trigger implements parser.InlineParser.
func (callParser) Trigger() []byte { return []byte{'{'} }

// Parse implements parser.InlineParser.
func (callParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	size, n := scanCall(line)
	n.Offset = seg.Start
	block.Advance(size)
	return n
}

// calls renders call nodes through Site.Inlines; problems go to errs, at
// the line of the call, and the call is left out.
type calls struct {
	site *build.Site
	page *build.Page
	errs *build.ErrorList
	at   int // the offset in the body up to which lines were counted (lineOf)
	line int // and the newlines before it
}

// lineOf returns the line of the page's file at offset in its body.
// Calls render in the order of the body, so each newline is counted once
// and a page's calls cost time in proportion to its length.
func (c *calls) lineOf(source []byte, offset int) int {
	if offset < c.at {
		c.at, c.line = 0, 0
	}
	c.line += bytes.Count(source[c.at:offset], []byte("\n"))
	c.at = offset
	return c.page.Line + c.line
}

// RegisterFuncs implements renderer.NodeRenderer.
func (c *calls) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCall, c.render)
}

func (c *calls) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*call)
	fn, ok := c.site.Inlines[n.Name]
	var out []byte
	var err error
	switch {
	case n.Name == "":
		err = fmt.Errorf(`%s is not a call: a call is a name and its arguments in double quotes, as {{ value "orders" }} (calls: %s); to write {{ as text, write \{{`,
			n.Raw, known(c.site.Inlines))
	case !ok:
		err = unknownCall(n.Name, c.site.Inlines)
	case n.Bad != "":
		err = fmt.Errorf("{{ %s }}: %s", n.Name, n.Bad)
	default:
		out, err = fn(c.site, c.page, n.Args)
	}
	if err != nil {
		file := "content/" + c.page.Source
		c.errs.Add(file, atLine(file, c.lineOf(source, n.Offset), err))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.Write(out)
	return ast.WalkSkipChildren, nil
}

// unknownCall says that no inline call is named name, with the closest
// names there are, or all of them and how to write "{{" as text.
func unknownCall(name string, m map[string]build.InlineFunc) error {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	if s := build.Suggest(name, names); s != "" {
		return fmt.Errorf("unknown inline call %q (did you mean %s?)", name, s)
	}
	return fmt.Errorf(`unknown inline call %q (calls: %s; to write {{ as text, write \{{)`, name, known(m))
}

// known lists the names of the inline calls a site answers.
func known(m map[string]build.InlineFunc) string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

var (
	_ parser.InlineParser   = callParser{}
	_ renderer.NodeRenderer = (*calls)(nil)
)
