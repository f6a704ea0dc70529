package layout

import (
	"context"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
)

// TestLayout_Bidi: titles, descriptions and a template's value that carry
// bidirectional override and isolate characters (a copy per event name
// says the name in its title) are shown with them written out, in the
// <title>, the heading and the navigation. (The template's list of copies
// is drawn by plugins/each, and tested there.)
// (html/template writes the "+" as &#43;.)
func TestLayout_Bidi(t *testing.T) {
	s := navSite()
	s.Config.Title = "Acme\u2068"
	copyB := s.Pages[8]
	copyB.Each = "B\u202eexe.txt"
	copyB.Meta.Title, copyB.Meta.Description = "Event: "+copyB.Each, "All of "+copyB.Each
	s.Pages[1].Meta.Title = "Traffic\u2066 \u2069"
	if err := New(dashsmith.Layouts, dashsmith.Static, t.TempDir()).Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Pages {
		if i := strings.IndexFunc(string(p.Body), build.IsBidiControl); i >= 0 {
			t.Errorf("%q shows a bidirectional control character: %q", p.URL, p.Body[max(0, i-80):min(len(p.Body), i+80)])
		}
	}
	for _, c := range []struct{ url, want string }{
		{"events/b/", "<title>Event: B&lt;U&#43;202E&gt;exe.txt · Acme&lt;U&#43;2068&gt;</title>"},
		{"events/b/", "<h1>Event: B&lt;U&#43;202E&gt;exe.txt</h1>\n<p class=\"ds-description\">All of B&lt;U&#43;202E&gt;exe.txt</p>"},
		{"sales/", `>Traffic&lt;U&#43;2066&gt; &lt;U&#43;2069&gt;</a>`},
	} {
		for _, p := range s.Pages {
			if p.URL == c.url && !strings.Contains(string(p.Body), c.want) {
				t.Errorf("%q lacks %s:\n%s", c.url, c.want, p.Body)
			}
		}
	}
	if copyB.Meta.Title != "Event: B\u202eexe.txt" || copyB.Each != "B\u202eexe.txt" {
		t.Errorf("the page itself changed: %q %q", copyB.Meta.Title, copyB.Each)
	}
}
