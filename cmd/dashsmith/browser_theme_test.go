package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chartPage is the demo's page with the most kinds of charts.
func chartPage(t *testing.T, pages []string) string {
	t.Helper()
	for _, p := range pages {
		if strings.HasSuffix(filepath.ToSlash(p), "/sales/checkout/index.html") {
			return "file://" + p
		}
	}
	t.Fatal("the demo has no sales/checkout/index.html")
	return ""
}

// prefers sets the color scheme the page's system asks for.
func prefers(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	return err
}

// pageState is what the dark-mode test reads off a page.
type pageState struct {
	Theme   string  `json:"theme"`   // <html data-theme>
	BgLum   float64 `json:"bgLum"`   // relative luminance of the body's background
	TextLum float64 `json:"textLum"` // and of its text
	Charts  int     `json:"charts"`
	Drawn   int     `json:"drawn"` // charts with a canvas
	Pressed string  `json:"pressed"`
}

// stateJS reads a pageState once every chart has drawn.
const stateJS = `(() => {
	const lum = c => {
		const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(v => {
			v = v / 255;
			return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const st = getComputedStyle(document.body);
	const charts = document.querySelectorAll('.ds-echart');
	const drawn = [...charts].filter(el => el.querySelector('canvas')).length;
	if (drawn !== charts.length) return null;
	const button = document.querySelector('.ds-theme');
	return {
		theme: document.documentElement.getAttribute('data-theme') || '',
		bgLum: lum(st.backgroundColor), textLum: lum(st.color),
		charts: charts.length, drawn,
		pressed: button ? button.getAttribute('aria-pressed') : '',
	};
})()`

func readState(t *testing.T, ctx context.Context) pageState {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	st, err := chromedp.Run(tctx, chromedp.Poll[pageState](stateJS, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("charts did not draw: %v", err)
	}
	return st
}

// contrast is the WCAG contrast ratio of two relative luminances.
func contrast(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// TestBrowserDark opens a dashboard with the system in dark mode, then
// with it light and the theme toggle: each time the page is dark, its text
// passes WCAG AA, and every chart still draws. The choice survives a
// reload, and the toggle tells the page's scripts.
func TestBrowserDark(t *testing.T) {
	_, pages := demoSite(t)
	url := chartPage(t, pages)
	bctx := newBrowser(t)

	t.Run("System", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(bctx)
		defer cancel()
		if err := prefers(ctx, "dark"); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		st := readState(t, ctx)
		if st.Theme != "dark" || st.BgLum > 0.05 || contrast(st.BgLum, st.TextLum) < 4.5 || st.Charts == 0 || st.Pressed != "true" {
			t.Fatalf("dark system: %+v (contrast %.1f)", st, contrast(st.BgLum, st.TextLum))
		}
	})

	t.Run("Toggle", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(bctx)
		defer cancel()
		if err := prefers(ctx, "light"); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		if st := readState(t, ctx); st.Theme != "light" || st.BgLum < 0.8 || contrast(st.BgLum, st.TextLum) < 4.5 || st.Pressed != "false" {
			t.Fatalf("light system: %+v", st)
		}
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.themeEvents = [], document.addEventListener("dashsmith:theme", e => window.themeEvents.push(e.detail.theme)), true)`))
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".ds-theme"))); err != nil {
			t.Fatal(err)
		}
		st := readState(t, ctx)
		if st.Theme != "dark" || st.BgLum > 0.05 || contrast(st.BgLum, st.TextLum) < 4.5 || st.Pressed != "true" {
			t.Fatalf("after the toggle: %+v", st)
		}
		events, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.themeEvents`))
		if err != nil || strings.Join(events, ",") != "dark" {
			t.Errorf("dashsmith:theme events %v, %v; want [dark]", events, err)
		}
		// The page writes the choice to localStorage at once, but the
		// browser stores it a moment later: a reload before then finds
		// none. Another tab of the same browser sees it once it is stored.
		other, cancelOther := chromedp.NewContext(ctx)
		defer cancelOther()
		if err := chromedp.Do(other, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		// Chromium commits a page's storage in batches, seconds apart, and
		// later still on a machine under load: 8 s was once too short.
		pctx, cancelPoll := context.WithTimeout(other, 40*time.Second)
		defer cancelPoll()
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`localStorage.getItem("dashsmith-theme") === "dark" || null`, chromedp.WithPollingTimeout(35*time.Second))); err != nil {
			t.Fatalf("the choice never reached the browser's storage: %v", err)
		}
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		if st := readState(t, ctx); st.Theme != "dark" || st.BgLum > 0.05 || st.Drawn != st.Charts {
			t.Fatalf("after a reload: %+v", st)
		}
	})
}

// TestBrowserNoScript reads every page of the demo with JavaScript off:
// every number is there, every chart has a table of its data, and the
// theme toggle, which needs JavaScript, is not shown.
func TestBrowserNoScript(t *testing.T) {
	dir, pages := demoSite(t)
	bctx := newBrowser(t)
	for _, page := range pages {
		rel, _ := filepath.Rel(filepath.Join(dir, "public"), page)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(bctx)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
				t.Fatal(err)
			}
			type report struct {
				Scripted   bool     `json:"scripted"`
				Toggle     string   `json:"toggle"`
				Charts     int      `json:"charts"`
				Tables     int      `json:"tables"`
				Numbers    []string `json:"numbers"`
				NoTable    []string `json:"noTable"`
				Background string   `json:"background"`
			}
			r, err := chromedp.Run(ctx, chromedp.Evaluate[report](`(() => {
				const figs = [...document.querySelectorAll('figure.ds-chart')];
				const toggle = document.querySelector('.ds-theme');
				return {
					scripted: document.documentElement.hasAttribute('data-theme'),
					toggle: toggle ? getComputedStyle(toggle).display : 'none',
					charts: figs.length,
					tables: figs.filter(f => f.querySelector('table')).length,
					numbers: [...document.querySelectorAll('.ds-number')].map(n => n.offsetParent ? n.innerText.trim() : ''),
					noTable: figs.filter(f => !f.querySelector('table')).map(f => f.querySelector('figcaption')?.innerText || f.id),
					background: getComputedStyle(document.body).backgroundColor,
				};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if r.Scripted {
				t.Fatal("a script ran: JavaScript is not off")
			}
			if r.Toggle != "none" {
				t.Errorf("the theme toggle shows without JavaScript (display %s)", r.Toggle)
			}
			if r.Tables != r.Charts {
				t.Errorf("%d of %d charts have no table: %v", r.Charts-r.Tables, r.Charts, r.NoTable)
			}
			for i, n := range r.Numbers {
				if n == "" || !strings.ContainsAny(n, "0123456789") {
					t.Errorf("number %d does not show: %q", i, n)
				}
			}
		})
	}
}
