package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// linkCalls finds the "{{" in the addresses and titles of a page's links
// and images, where no call is answered (they would be published as
// written), and reports each at the offset in source of the paragraph or
// line that holds it.
func linkCalls(doc ast.Node, source []byte, report func(offset int, msg string)) {
	const msg = `a link's address or title cannot hold a call: {{ … }} there would be published as written; put the value in the link's text, or write %7B%7B for {{ in an address`
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var where []byte // what holds the "{{"
		switch l := n.(type) {
		case *ast.Link:
			where = hasCall(l.Destination, l.Title)
		case *ast.Image:
			where = hasCall(l.Destination, l.Title)
		case *ast.AutoLink:
			where = hasCall(l.URL(source))
		}
		if where != nil {
			report(offsetOf(n, source, where), msg)
		}
		return ast.WalkContinue, nil
	})
}

// hasCall returns the first of texts that holds "{{", or nil.
func hasCall(texts ...[]byte) []byte {
	for _, t := range texts {
		if bytes.Contains(t, []byte("{{")) {
			return t
		}
	}
	return nil
}

// offsetOf returns where what (a part of node n) is in source: searched
// from the start of the block that holds n, else that start.
func offsetOf(n ast.Node, source, what []byte) int {
	for b := n; b != nil; b = b.Parent() {
		if b.Type() != ast.TypeBlock || b.Lines().Len() == 0 {
			continue
		}
		start := b.Lines().At(0).Start
		if k := bytes.Index(source[start:], what); k >= 0 {
			return start + k
		}
		return start
	}
	return 0
}
