package markdown

import (
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// TestViewLinks: on a page's view, a folder under the page, relative
// addresses lead where they lead from the page; the others are as written.
func TestViewLinks(t *testing.T) {
	body := "[up](../plans/) [here](orders.csv) [abs](/plans/) [frag](#top) [q](?a=1) [web](https://x.example/a) [mail](mailto:a@b.example) ![img](img/a.png)\n"
	for _, c := range []struct {
		view string
		want []string
	}{
		{"", []string{`href="../plans/"`, `href="orders.csv"`, `src="img/a.png"`}},
		{"range-90d", []string{`href="../../plans/"`, `href="../orders.csv"`, `src="../img/a.png"`}},
	} {
		p := &build.Page{Source: "sales/orders.md", URL: "sales/orders/" + c.view, View: c.view, Line: 1, Body: []byte(body)}
		var errs build.ErrorList
		out, err := Render(&build.Site{Pages: []*build.Page{p}}, p, &errs)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		for _, w := range append(c.want, `href="/plans/"`, `href="#top"`, `href="?a=1"`, `href="https://x.example/a"`, `href="mailto:a@b.example"`) {
			if !strings.Contains(string(out), w) {
				t.Errorf("view %q: no %s in\n%s", c.view, w, out)
			}
		}
	}
}
