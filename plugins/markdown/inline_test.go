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
			"In code: `{{ value \"orders\" }}`, ``{{ .Title }}``; escaped: \\{{ .Title }}, \\{\\{ value orders }}; one brace: { value }.\n\n" +
			"| a | b |\n|---|---|\n| {{ value \"cell\" }} | 2 |\n\n" +
			"```\n{{ value \"block\" }}\n```\n\n" +
			"- item\n\n      {{ indented }}\n")
		if err := New().Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		out := string(p.Body)
		for _, want := range []string{
			"<h1>Sales <b>orders</b></h1>",
			"<p>We took <b>orders</b> orders,\n<b>orders|down_is_good</b> on last week; <b>a&#34;b|&lt;i&gt;</b>.</p>",
			"<code>{{ value &quot;orders&quot; }}</code>",
			"<code>{{ .Title }}</code>; escaped: {{ .Title }}, {{ value orders }}; one brace: { value }.",
			"<td><b>cell</b></td>",
			"<pre><code>{{ value &quot;block&quot; }}\n</code></pre>",
			"<pre><code>{{ indented }}\n</code></pre>",
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
			`content/x.md:7: unknown inline call "valeu" (did you mean "value"?)`,
			`content/x.md:8: value: unknown query "ordrs"`,
			`content/x.md:8: {{ value }}: bad argument "bad\q": write it in double quotes, with \" for a quote`)
		if err == nil || err.Error() != want {
			t.Fatalf("got\n%v\nwant\n%s", err, want)
		}
	})
}

// TestMarkdown_BrokenCalls checks that every "{{" outside code is a call
// or an error at its line that says how to write it: none is published
// as text.
func TestMarkdown_BrokenCalls(t *testing.T) {
	echo := func(s *build.Site, p *build.Page, args []string) ([]byte, error) {
		return []byte("<b>" + html.EscapeString(strings.Join(args, "|")) + "</b>"), nil
	}
	for _, tc := range []struct{ name, body, want string }{
		{"Bare", `{{ value orders }}`, `{{ value }}: the argument orders goes in double quotes: {{ value "orders" }}`},
		{"Single", `{{ value 'orders' "currency" }}`, `{{ value }}: the argument 'orders' goes in double quotes, not single ones: {{ value "orders" "currency" }}`},
		{"Curly", `{{ value “orders” }}`, `{{ value }}: the argument “orders” goes in straight double quotes ("), not curly ones: {{ value "orders" }}`},
		{"CurlySingle", `{{ value ‘orders’ }}`, `{{ value }}: the argument ‘orders’ goes in straight double quotes ("), not curly ones: {{ value "orders" }}`},
		{"SeveralFixed", `{{ value orders 'currency' }}`, `{{ value }}: the argument orders goes in double quotes: {{ value "orders" "currency" }}`},
		{"Unknown", `{{ vlaue "orders" }}`, `unknown inline call "vlaue" (did you mean "value"?)`},
		{"UnknownNoneClose", `{{ title }}`, `unknown inline call "title" (calls: delta, value; to write {{ as text, write \{{)`},
		{"NotACall", `{{ .Title }}`, `{{ .Title }} is not a call: a call is a name and its arguments in double quotes, as {{ value "orders" }} (calls: delta, value); to write {{ as text, write \{{`},
		{"Empty", `{{}}`, `{{}} is not a call: a call is a name and its arguments in double quotes, as {{ value "orders" }} (calls: delta, value); to write {{ as text, write \{{`},
		{"Long", `{{ ` + strings.Repeat("é", 30) + ` }}`, `{{ ` + strings.Repeat("é", 18) + `… is not a call: a call is a name and its arguments in double quotes, as {{ value "orders" }} (calls: delta, value); to write {{ as text, write \{{`},
		{"Unclosed", `{{ value "orders"`, `{{ value }}: no "}}" closes it on its line: a call sits on one line, as {{ value "orders" }}`},
		{"UnclosedName", "{{ value\n\"orders\" }}", `{{ value }}: no "}}" closes it on its line: a call sits on one line, as {{ value }}`},
		{"UnclosedQuote", `{{ value "orders }}`, `{{ value }}: an argument's double quote is not closed on its line: {{ value "orders" }}`},
		{"BadEscape", `{{ value "a\qb" }}`, `{{ value }}: bad argument "a\qb": write it in double quotes, with \" for a quote`},
		{"Link", `[orders](https://example.com/?n={{value})`, `a link's address or title cannot hold a call: {{ … }} there would be published as written; put the value in the link's text, or write %7B%7B for {{ in an address`},
		{"LinkTitle", `[orders](https://example.com/ "{{ value \"orders\" }}")`, `a link's address or title cannot hold a call: {{ … }} there would be published as written; put the value in the link's text, or write %7B%7B for {{ in an address`},
		{"Autolink", `see https://example.com/{{x}} now`, `a link's address or title cannot hold a call: {{ … }} there would be published as written; put the value in the link's text, or write %7B%7B for {{ in an address`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &build.Page{Source: "x.md", Line: 3, Body: []byte("Intro.\n\n> " + tc.body + "\n")}
			s := &build.Site{Pages: []*build.Page{p}, Inlines: map[string]build.InlineFunc{"value": echo, "delta": echo}}
			err := New().Run(context.Background(), s)
			want := "content/x.md:5: " + tc.want
			if err == nil || err.Error() != want {
				t.Errorf("got\n%v\nwant\n%s", err, want)
			}
		})
	}
	t.Run("Lines", func(t *testing.T) {
		body := "# {{ value orders }}\n\nText {{ value \"a\" }}, [x](https://e.com/{{y}}),\nhttps://e.com/{{z}} and ![](https://e.com/{{w}})\n\n| a |\n|---|\n| {{ nope }} |\n"
		p := &build.Page{Source: "x.md", Line: 1, Body: []byte(body)}
		s := &build.Site{Pages: []*build.Page{p}, Inlines: map[string]build.InlineFunc{"value": echo}}
		err := New().Run(context.Background(), s)
		var list build.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("got %v", err)
		}
		var lines []int
		for _, e := range list {
			lines = append(lines, e.Line)
		}
		if fmt.Sprint(lines) != "[1 3 4 4 8]" {
			t.Errorf("errors at lines %v, want [1 3 4 4 8]:\n%v", lines, err)
		}
	})
}
