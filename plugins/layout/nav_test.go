package layout

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith"
	"github.com/dashsmith/dashsmith/build"
)

// navSite has a top-level page, a folder with its index.md, a folder
// without one, and a template with two copies and a second page of its
// list.
func navSite() *build.Site {
	page := func(source, url, title string) *build.Page {
		return &build.Page{Source: source, URL: url, Meta: build.Meta{Title: title}, Body: []byte("<p>" + title + "</p>")}
	}
	events := page("events.md", "events/", "Events")
	c1, c2 := page("events.md", "events/a/", "Event: A"), page("events.md", "events/b/", "Event: <B>")
	c1.Each, c2.Each = "A", "<B>"
	more := page("events.md", "events/page/2/", "Events, page 2")
	more.Unlisted = true
	return &build.Site{
		Config:  build.Config{Title: "Acme"},
		Now:     now,
		Through: now.Add(-30 * time.Minute),
		Pages: []*build.Page{
			{URL: "", Meta: build.Meta{Title: "Home", Layout: "index"}},
			page("traffic.md", "traffic/", "Traffic"),
			page("sales/index.md", "sales/", "Sales team"),
			page("sales/checkout.md", "sales/checkout/", "Checkout"),
			page("pods/installs.md", "pods/installs/", "Installs"),
			page("pods/ios/crashes.md", "pods/ios/crashes/", "Crashes"),
			events, c1, c2, more,
		},
	}
}

func TestNavigation(t *testing.T) {
	n := newNavigation(navSite())
	var got []string
	for _, sec := range n.sections {
		var pages []string
		for _, p := range sec.Pages {
			pages = append(pages, p.Path)
		}
		got = append(got, fmt.Sprintf("%s %q %s [%s]", sec.URL, sec.Title, sec.Path, strings.Join(pages, " ")))
	}
	want := []string{
		`traffic/ "Traffic" traffic/index.html []`,
		`sales/ "Sales team" sales/index.html [sales/checkout/index.html]`,
		`pods/ "Pods" pods/installs/index.html [pods/installs/index.html pods/ios/crashes/index.html]`,
		`events/ "Events" events/index.html []`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("sections:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := n.children["events/"]; len(c) != 0 {
		t.Errorf("the template's copies are its children (its list links them): %+v", c)
	}
	if c := n.children["events/page/"]; len(c) != 0 {
		t.Errorf("the second page of the list is a child: %+v", c)
	}
	if c := n.children["sales/"]; len(c) != 1 || c[0].URL != "sales/checkout/" {
		t.Errorf("children of sales/: %+v", c)
	}
	if len(n.pages) != 7 {
		t.Errorf("%d pages in Nav, want 7 (no copies, no second page of a list)", len(n.pages))
	}
}

func TestLayout_Theme(t *testing.T) {
	render := func(s *build.Site) map[string]string {
		t.Helper()
		if err := New(dashsmith.Layouts, dashsmith.Static, t.TempDir()).Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range s.Pages {
			out[p.URL] = string(p.Body)
		}
		for name, data := range s.Files {
			out[name] = string(data)
		}
		return out
	}
	out := render(navSite())
	checkout := out["sales/checkout/"]
	for _, want := range []string{
		`<li><a href="../../sales/index.html" aria-current="true">Sales team</a></li>`,
		`<li><a href="../../traffic/index.html">Traffic</a></li>`,
		`<nav class="ds-subnav" aria-label="Sales team">`,
		`<li><a href="../../sales/checkout/index.html" aria-current="page">Checkout</a></li>`,
		`Complete through <time datetime="2026-03-04T20:00:00Z">2026-03-04 20:00 UTC</time> with dashsmith`,
		`<script src="../../assets/theme.js" defer></script>`,
		`document.documentElement.setAttribute("data-theme",t)`,
		`<button class="ds-theme" type="button" aria-pressed="false"`,
		`<a class="ds-skip" href="#main">Skip to content</a>`,
	} {
		if !strings.Contains(checkout, want) {
			t.Errorf("sales/checkout/ lacks %s", want)
		}
	}
	if strings.Contains(checkout, "canonical") || out["sitemap.xml"] != "" {
		t.Error("canonical link or sitemap without a baseURL")
	}
	if !strings.Contains(out["sales/"], `<li><a href="../sales/index.html" aria-current="page">Sales team</a></li>`) {
		t.Errorf("sales/ is not the current page in its own navigation:\n%s", out["sales/"])
	}
	events := out["events/"]
	if strings.Contains(events, "events/b/") || strings.Contains(events, "ds-subnav") {
		t.Errorf("events/ lists its copies as cards (its list, plugins/each, links them):\n%s", events)
	}
	if !strings.Contains(out["events/page/2/"], `<li><a href="../../../events/index.html" aria-current="true">Events</a></li>`) {
		t.Errorf("the list's second page does not mark its section:\n%s", out["events/page/2/"])
	}
	home := out[""]
	for _, want := range []string{
		`<li class="ds-card"><a href="traffic/index.html"><h2>Traffic</h2></a></li>`,
		`<h2><a href="pods/installs/index.html">Pods</a></h2>`,
		`<li class="ds-card"><a href="pods/ios/crashes/index.html"><h3>Crashes</h3></a></li>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	if strings.Contains(home, "events/a/") || strings.Contains(home, "events/page/2/") {
		t.Error("home lists a copy of a template, or a second page of its list")
	}
	// The build time is on the home page only: a page whose data did not
	// change must not change with every build.
	if !strings.Contains(home, `· built <time datetime="2026-03-04T20:30:00Z">2026-03-04 20:30 UTC</time>`) || strings.Contains(checkout, "built <time") {
		t.Errorf("the build time belongs on the home page alone:\nhome: %s\ncheckout: %s", footerOf(home), footerOf(checkout))
	}

	t.Run("BaseURL", func(t *testing.T) {
		s := navSite()
		s.Config.BaseURL = "https://metrics.example.com/acme/"
		out := render(s)
		if !strings.Contains(out["sales/checkout/"], `<link rel="canonical" href="https://metrics.example.com/acme/sales/checkout/">`) {
			t.Error("no canonical link")
		}
		if !strings.Contains(out["sitemap.xml"], "<url><loc>https://metrics.example.com/acme/events/b/</loc></url>") ||
			!strings.Contains(out["sitemap.xml"], "<url><loc>https://metrics.example.com/acme/events/page/2/</loc></url>") ||
			!strings.Contains(out["sitemap.xml"], "<url><loc>https://metrics.example.com/acme/</loc></url>") {
			t.Errorf("sitemap.xml:\n%s", out["sitemap.xml"])
		}
		if !strings.Contains(out["sales/checkout/"], `href="../../assets/dashsmith.css"`) {
			t.Error("assets are not linked relatively")
		}
	})

	t.Run("NoData", func(t *testing.T) {
		s := navSite()
		s.Through = time.Time{}
		if out := render(s); !strings.Contains(out["traffic/"], "No data yet with dashsmith") {
			t.Errorf("footer without data:\n%s", footerOf(out["traffic/"]))
		}
	})

	t.Run("Reused", func(t *testing.T) {
		s := navSite()
		kept := s.Pages[1]
		kept.Body, kept.Reused = []byte("laid out before"), true
		if err := New(dashsmith.Layouts, dashsmith.Static, t.TempDir()).Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if string(kept.Body) != "laid out before" || !strings.Contains(string(s.Pages[3].Body), ">Traffic</a>") {
			t.Error("a reused page changed, or the others lost it from their navigation")
		}
	})
}

func footerOf(page string) string {
	if i := strings.Index(page, "<footer"); i >= 0 {
		return page[i:]
	}
	return page
}
