package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// call is an inline call in prose, {{ name "arg" … }}, answered at render
// time by the build.InlineFunc of Site.Inlines[name].
type call struct {
	ast.BaseInline
	Name   string
	Args   []string
	Offset int    // where the call starts in the page's body
	Bad    string // a problem with the arguments, or ""
}

var kindCall = ast.NewNodeKind("DashsmithCall")

// Kind implements ast.Node.
func (n *call) Kind() ast.NodeKind { return kindCall }

// Dump implements ast.Node.
func (n *call) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Args": strings.Join(n.Args, ", ")}, nil)
}

// callRE matches a call on one line: two braces, a name, quoted
// arguments (Go syntax), two braces. Anything else is left as text.
var (
	callRE = regexp.MustCompile(`^\{\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)((?:[ \t]+"(?:[^"\\\n]|\\.)*")*)[ \t]*\}\}`)
	argRE  = regexp.MustCompile(`"(?:[^"\\\n]|\\.)*"`)
)

// callParser finds calls in inline text. Code spans and code blocks are
// parsed before it sees them, so calls there stay text.
type callParser struct{}

// Trigger implements parser.InlineParser.
func (callParser) Trigger() []byte { return []byte{'{'} }

// Parse implements parser.InlineParser.
func (callParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	m := callRE.FindSubmatch(line)
	if m == nil {
		return nil
	}
	n := &call{Name: string(m[1]), Offset: seg.Start}
	for _, q := range argRE.FindAll(m[2], -1) {
		arg, err := strconv.Unquote(string(q))
		if err != nil {
			n.Bad = fmt.Sprintf("bad argument %s: write it in double quotes, with \\\" for a quote", q)
			break
		}
		n.Args = append(n.Args, arg)
	}
	block.Advance(len(m[0]))
	return n
}

// calls renders call nodes through Site.Inlines; problems go to errs, at
// the line of the call, and the call is left out.
type calls struct {
	site *build.Site
	page *build.Page
	errs *build.ErrorList
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
	file := "content/" + c.page.Source
	line := c.page.Line + bytes.Count(source[:n.Offset], []byte("\n"))
	fn, ok := c.site.Inlines[n.Name]
	var out []byte
	var err error
	switch {
	case n.Bad != "":
		err = fmt.Errorf("{{ %s }}: %s", n.Name, n.Bad)
	case !ok:
		err = fmt.Errorf("unknown inline call %q (calls: %s)", n.Name, known(c.site.Inlines))
	default:
		out, err = fn(c.site, c.page, n.Args)
	}
	if err != nil {
		c.errs.Add(file, atLine(file, line, err))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.Write(out)
	return ast.WalkSkipChildren, nil
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
