package controls

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strings"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

//go:embed controls.js
var controlsJS []byte

// ViewFile is the name of a view's data file in its folder.
const ViewFile = "view.js"

// Wrap returns the plugin that puts the controls into every page of a
// family and writes each view's data (ViewFile). It renders after the
// Markdown (whose HTML a view's data is) and before the charts add their
// scripts.
func (c *Controls) Wrap() build.Plugin { return &wrapper{c: c} }

type wrapper struct {
	c    *Controls
	mu   sync.Mutex
	used bool // a page of this build has controls
}

// Name implements build.Plugin.
func (*wrapper) Name() string { return "controls-views" }

// Stage implements build.Staged.
func (*wrapper) Stage() build.Stage { return build.RenderStage }

// Run implements build.Plugin, a page at a time.
func (w *wrapper) Run(ctx context.Context, s *build.Site) error { return build.RunPages(ctx, s, w) }

// Begin implements build.PageRunner.
func (w *wrapper) Begin(context.Context, *build.Site) error {
	w.mu.Lock()
	w.used = false
	w.mu.Unlock()
	return nil
}

// RunPage implements build.PageRunner: a view's content becomes its data
// file, and the page gets the controls, the <noscript> list of views and
// the script that switches them.
func (w *wrapper) RunPage(_ context.Context, s *build.Site, p *build.Page) error {
	if p.Reused {
		w.mu.Lock()
		w.used = w.used || w.c.family(p.URL) != nil
		w.mu.Unlock()
		return nil
	}
	f := w.c.family(p.URL)
	if f == nil || p.Broken {
		return nil
	}
	if p.View != "" {
		data, err := viewData(p.View, p.Body)
		if err != nil {
			return err
		}
		s.AddFile(p.URL+ViewFile, data)
		p.Files = append(p.Files, p.URL+ViewFile)
	}
	var b bytes.Buffer
	if err := f.controls(&b, f.at(p.View), p.View != ""); err != nil {
		return err
	}
	fmt.Fprintf(&b, "<div class=\"ds-view\" id=\"ds-view\">\n%s</div>\n", p.Body)
	fmt.Fprintf(&b, "<script src=\"%sassets/controls.js\"></script>\n", html.EscapeString(p.Root()))
	p.Body = b.Bytes()
	w.mu.Lock()
	w.used = true
	w.mu.Unlock()
	return nil
}

// End implements build.PageRunner: it adds controls.js to the site.
func (w *wrapper) End(_ context.Context, s *build.Site) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.used {
		s.AddFile("assets/controls.js", controlsJS)
	}
	return nil
}

// viewData is a view's data file: its content's HTML as a JSON string,
// in a call of dashsmithView, so that a <script src> loads it from
// file:// as from a server. encoding/json writes U+2028 and U+2029
// escaped, which would end a line in older JavaScript; the file is a
// script of its own, so "<" needs no escape: no "</script>" ends it.
func viewData(dir string, content []byte) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("dashsmithView(")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // a script of its own: no "</script>" ends it
	if err := enc.Encode(struct {
		View    string `json:"view"`
		Content string `json:"content"`
	}{dir, string(content)}); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(");\n")
	return b.Bytes(), nil
}

// views is the list controls.js switches by, in the page as JSON.
type views struct {
	Param   string     `json:"param,omitempty"` // the filter's property, the URL's key for it
	Presets []string   `json:"presets"`         // the presets' tokens ("" for a page with a filter alone)
	Values  []string   `json:"values"`          // the filter's values
	Dirs    [][]string `json:"dirs"`            // family.dirs
	View    [2]int     `json:"view"`            // the view this page shows: preset, value
	Up      bool       `json:"up"`              // this page is a view: the page is its folder's parent
}

// controls writes the controls of the page of view v (a view's own page
// when up): the range presets as a segmented control of links and the
// filter as a dropdown, hidden until controls.js shows them; the list it
// switches by; and the <noscript> list of every view's page.
func (f *family) controls(b *bytes.Buffer, v view, up bool) error {
	page := "index.html"
	if up {
		page = "../index.html"
	}
	b.WriteString("<div class=\"ds-controls\" hidden>\n")
	if f.ranged() {
		b.WriteString("<div class=\"ds-range\" role=\"group\" aria-label=\"Date range\">")
		for i, pr := range f.presets {
			current := ""
			if i == v.preset {
				current = " aria-current=\"true\""
			}
			fmt.Fprintf(b, "<a href=\"%s\" data-preset=\"%d\"%s>%s</a>", html.EscapeString(page+f.query(view{i, v.value})), i, current, html.EscapeString(pr.label))
		}
		b.WriteString("</div>\n")
	}
	if f.prop != "" {
		fmt.Fprintf(b, "<label class=\"ds-filter\"><span>%s</span> <select>", html.EscapeString(f.prop))
		for j := 0; j <= len(f.values); j++ {
			label := "All"
			if j > 0 {
				label = build.Display(f.values[j-1])
			}
			selected := ""
			if j == v.value {
				selected = " selected"
			}
			fmt.Fprintf(b, "<option value=\"%d\"%s>%s</option>", j, selected, html.EscapeString(label))
		}
		b.WriteString("</select></label>\n")
	}
	b.WriteString("</div>\n")
	vs := views{Param: f.prop, Values: f.values, Dirs: f.dirs, View: [2]int{v.preset, v.value}, Up: up}
	for _, pr := range f.presets {
		vs.Presets = append(vs.Presets, pr.token)
	}
	if vs.Values == nil {
		vs.Values = []string{}
	}
	js, err := json.Marshal(vs)
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "<script type=\"application/json\" id=\"ds-views\">%s</script>\n", js)
	f.noscript(b, v, up)
	return nil
}

// query is the part of a URL after the page that opens view v:
// ?range=90d&plan=pro, the first preset and "all" left out.
func (f *family) query(v view) string {
	var parts []string
	if v.preset > 0 {
		parts = append(parts, "range="+escape(f.presets[v.preset].token))
	}
	if v.value > 0 {
		parts = append(parts, escape(f.prop)+"="+escape(f.values[v.value-1]))
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}

// escape writes s for a URL's query as controls.js does (JavaScript's
// encodeURIComponent): a space is %20, not "+".
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// noscript writes the links to every view's own page, for readers
// without JavaScript and crawlers: one line per preset, its values after it.
func (f *family) noscript(b *bytes.Buffer, v view, up bool) {
	b.WriteString("<noscript><nav class=\"ds-views\" aria-label=\"Views of this page\"><ul>\n")
	for i := range f.presets {
		b.WriteString("<li>")
		for j := range f.dirs[i] {
			if j == 1 {
				b.WriteString(" <span class=\"ds-views-values\">")
			} else if j > 1 {
				b.WriteString(" · ")
			}
			label := f.presets[i].label
			switch {
			case j > 0:
				label = build.Display(f.values[j-1])
			case f.prop != "" && f.presets[i].text == "":
				label = "All"
			case f.prop != "":
				label += ", all"
			}
			f.link(b, view{i, j}, v, up, label)
		}
		if len(f.dirs[i]) > 1 {
			b.WriteString("</span>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul></nav></noscript>\n")
}

// link writes the link to view to's page from the page of view at.
func (f *family) link(b *bytes.Buffer, to, at view, up bool, label string) {
	href := f.dirs[to.preset][to.value] + "/index.html"
	if f.dirs[to.preset][to.value] == "" {
		href = "index.html"
	}
	if up {
		href = "../" + href
	}
	if to == at {
		fmt.Fprintf(b, "<a href=\"%s\" aria-current=\"page\">%s</a>", html.EscapeString(href), html.EscapeString(label))
		return
	}
	fmt.Fprintf(b, "<a href=\"%s\">%s</a>", html.EscapeString(href), html.EscapeString(label))
}
