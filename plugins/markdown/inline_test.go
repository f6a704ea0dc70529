package markdown

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestMarkdown_Inlines(t *testing.T) {
	echo := func(s *build.Site, p *build.Page, args []string) ([]byte, error) {
		return []byte("<b>" + html.EscapeString(strings.Join(args, "|")) + "</b>"), nil
	}
	fail := func(s *build.Site, p *build.Page, args []string) ([]byte, error) {
		return nil, errors.New("value: unknown query \"ordrs\"")
	}
	site := func(body string) (*build.Site, *build.Page) {
		p := &build.Page{Source: "x.md", Line: 5, Body: []byte(body)}
		return &build.Site{Pages: []*build.Page{p}, Inlines: map[string]build.InlineFunc{"value": echo, "delta": echo, "fail": fail}}, p
	}
	t.Run("OK", func(t *testing.T) {
		s, p := site("# Sales {{value \"orders\"}}\n\n" +
			"We took {{ value \"orders\" }} orders,\n{{ delta  \"orders\"   \"down_is_good\" }} on last week; {{ value \"a\\\"b\" \"<i>\" }}.\n\n" +
			"In code: `{{ value \"orders\" }}`; templates: {{ .Title }}, { value }, {{ value orders }}.\n\n" +
			"| a | b |\n|---|---|\n| {{ value \"cell\" }} | 2 |\n\n" +
			"```\n{{ value \"block\" }}\n```\n")
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		out := string(p.Body)
		for _, want := range []string{
			"<h1>Sales <b>orders</b></h1>",
			"<p>We took <b>orders</b> orders,\n<b>orders|down_is_good</b> on last week; <b>a&#34;b|&lt;i&gt;</b>.</p>",
			"<code>{{ value &quot;orders&quot; }}</code>",
			"templates: {{ .Title }}, { value }, {{ value orders }}.",
			"<td><b>cell</b></td>",
			"<pre><code>{{ value &quot;block&quot; }}\n</code></pre>",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
	})
	t.Run("Errors", func(t *testing.T) {
		s, _ := site("Intro.\n\nFirst {{ valeu \"orders\" }},\nthen {{ fail \"ordrs\" }} and {{ value \"bad\\q\" }}.\n")
		err := New().Run(context.Background(), s)
		want := fmt.Sprintf("%s\n%s\n%s",
			`content/x.md:7: unknown inline call "valeu" (calls: delta, fail, value)`,
			`content/x.md:8: value: unknown query "ordrs"`,
			`content/x.md:8: {{ value }}: bad argument "bad\q": write it in double quotes, with \" for a quote`)
		if err == nil || err.Error() != want {
			t.Fatalf("got\n%v\nwant\n%s", err, want)
		}
	})
}
