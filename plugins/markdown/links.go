package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// linkCalls finds the "{{" in the addresses and titles of a page's links
// and images, and in autolinks, where no call is answered (they would be
// published as written), and reports each at its offset in source (see
// offsetOf).
func linkCalls(doc ast.Node, source []byte, report func(offset int, msg string)) {
	const msg = `a link's address or title cannot hold a call: {{ … }} there would be published as written; put the value in the link's text, or write %7B%7B for {{ in an address`
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var bad bool
		var label []byte // an autolink's, in source
		switch l := n.(type) {
		case *ast.Link:
			bad = hasCall(l.Destination, l.Title)
		case *ast.Image:
			bad = hasCall(l.Destination, l.Title)
		case *ast.AutoLink:
			label = l.Label(source)
			bad = hasCall(l.URL(source))
		}
		if bad {
			report(offsetOf(n, source, label), msg)
		}
		return ast.WalkContinue, nil
	})
}

// hasCall reports whether one of texts holds "{{".
func hasCall(texts ...[]byte) bool {
	for _, t := range texts {
		if bytes.Contains(t, []byte("{{")) {
			return true
		}
	}
	return false
}

// offsetOf returns where link n starts in source, near enough for its
// line: its label's text, else where the text before it ends, else the
// start of its block. An autolink's label is a part of source itself
// (part), found by its place in memory. Nothing is searched, so a page's
// links cost time in proportion to its length.
func offsetOf(n ast.Node, source, part []byte) int {
	if k := cap(source) - cap(part); len(part) > 0 && k >= 0 && k < len(source) && &source[k] == &part[0] {
		return k
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if t, ok := n.PreviousSibling().(*ast.Text); ok {
		return t.Segment.Stop
	}
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return 0
}

// viewLinks makes the relative addresses of a view's links and images
// (build.Page.View: a page's view, one folder under it) lead where they
// lead from the page: "../plans/" becomes "../../plans/". An address
// with a scheme, from the root ("/"), or within the page ("#") is left
// as it is.
func viewLinks(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = upOne(l.Destination)
		case *ast.Image:
			l.Destination = upOne(l.Destination)
		}
		return ast.WalkContinue, nil
	})
}

// upOne returns a relative address one folder up, any other as it is.
func upOne(dest []byte) []byte {
	if len(dest) == 0 || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' || hasScheme(dest) {
		return dest
	}
	return append([]byte("../"), dest...)
}

// hasScheme reports whether dest starts with a URL scheme ("https:",
// "mailto:").
func hasScheme(dest []byte) bool {
	for i, c := range dest {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
