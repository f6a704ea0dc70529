package markdown

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func site(t *testing.T) (*build.Site, *build.Page) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "page.md"))
	if err != nil {
		t.Fatal(err)
	}
	p := &build.Page{Source: "sales/page.md", Line: 10, Body: raw}
	s := &build.Site{Pages: []*build.Page{p}, Blocks: map[string]build.BlockFunc{
		"echo": func(s *build.Site, p *build.Page, body []byte, line int) ([]byte, error) {
			p.Charts++
			return []byte(fmt.Sprintf("<div class=\"echo\" data-line=\"%d\">%s</div>\n", line, html.EscapeString(string(body)))), nil
		},
		"bad": func(s *build.Site, p *build.Page, body []byte, line int) ([]byte, error) {
			return nil, errors.New("bad block")
		},
	}}
	return s, p
}

func TestMarkdown_Run(t *testing.T) {
	t.Run("BlockErrors", func(t *testing.T) {
		s, _ := site(t)
		other := &build.Page{Source: "other.md", Line: 4, Body: []byte("```bad\n```\n")}
		s.Pages = append(s.Pages, other)
		err := New().Run(context.Background(), s)
		want := "content/sales/page.md:34: bad block\ncontent/other.md:4: bad block"
		if err == nil || err.Error() != want {
			t.Fatalf("got\n%v\nwant\n%s", err, want)
		}
	})
	t.Run("OK", func(t *testing.T) {
		s, p := site(t)
		delete(s.Blocks, "bad")
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		out := string(p.Body)
		for _, want := range []string{
			"<h1>Checkout</h1>",
			"<!-- raw HTML omitted -->",
			"<table>",
			"<td>1</td>",
			`<div class="echo" data-line="20">first` + "\n</div>",
			`<div class="echo" data-line="30">nested` + "\n</div>",
			`<pre><code class="language-go">fmt.Println(&quot;&lt;hi&gt;&quot;)`,
			`<pre><code class="language-bad">oops`,
			`<pre><code class="language-plain"></code></pre>`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
		for _, bad := range []string{"<script>", "<img", "onerror=alert"} {
			if strings.Contains(out, bad) {
				t.Errorf("raw HTML %q passed through:\n%s", bad, out)
			}
		}
		if p.Charts != 2 {
			t.Errorf("Charts = %d, want 2", p.Charts)
		}
	})
}
