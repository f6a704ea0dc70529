package each

import (
	"errors"
	"html"

	"github.com/dashsmith/dashsmith/build"
)

// Inlines implements build.InlineProvider: {{ each }} in a template's
// prose writes the value of the copy, escaped and its bidirectional
// controls written out (build.Display); chart titles say $each (see
// plugins/charts).
func (*Each) Inlines() map[string]build.InlineFunc {
	return map[string]build.InlineFunc{"each": inlineEach}
}

func inlineEach(_ *build.Site, p *build.Page, args []string) ([]byte, error) {
	if len(args) > 0 {
		return nil, errors.New("each: takes nothing: {{ each }}")
	}
	if p.Each == "" {
		return nil, errors.New("each: this page is not a template: {{ each }} writes the value of a page with each: (see README, Templated pages)")
	}
	return []byte(html.EscapeString(build.Display(p.Each))), nil
}
