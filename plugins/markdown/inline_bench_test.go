package markdown

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

// BenchmarkRender_Calls renders a page of n lines, each with two inline
// calls (answered by a stub), in four shapes: valid calls, broken calls
// (each an error), one line of n quoted arguments, and a line of n "{{"
// with no "}}". Time per line should not grow with n.
func BenchmarkRender_Calls(b *testing.B) {
	echo := func(s *build.Site, p *build.Page, args []string) ([]byte, error) {
		return []byte("<b>" + strings.Join(args, "|") + "</b>"), nil
	}
	shapes := []struct {
		name string
		page func(n int) string
	}{
		{"valid", func(n int) string {
			return strings.Repeat("We took {{ value \"orders\" }} orders, {{ delta \"orders\" }} on last week.\n", n)
		}},
		{"broken", func(n int) string {
			return strings.Repeat("We took {{ value orders }} orders, {{ delta 'orders' }} on last week.\n", n)
		}},
		{"args", func(n int) string {
			return "{{ value " + strings.Repeat(`"orders" `, n) + "}}\n"
		}},
		{"open", func(n int) string {
			return strings.Repeat("{{ ", n) + "\n"
		}},
	}
	for _, sh := range shapes {
		for _, n := range []int{1000, 8000} {
			body := []byte(sh.page(n))
			b.Run(fmt.Sprintf("%s/n=%d", sh.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					p := &build.Page{Source: "x.md", Line: 1, Body: body}
					s := &build.Site{Pages: []*build.Page{p}, Inlines: map[string]build.InlineFunc{"value": echo, "delta": echo}}
					_ = New().Run(context.Background(), s)
				}
			})
		}
	}
}
