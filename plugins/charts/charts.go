// Package charts draws ```chart blocks: line, area, bar, stacked, pie and
// heatmap charts with Apache ECharts (options built with go-echarts), and
// numbers and tables as plain HTML. Every chart carries its data as an
// HTML table and as CSV and JSON files beside its page, so a page reads
// without JavaScript. It also answers {{ value }} and {{ delta }} in prose.
//
// Event names and breakdown values are shown through build.Display (in
// titles, legends, tables, options and the CSV and JSON files), so that
// none can reorder the text around it with bidirectional controls.
package charts

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultCDN is where pages load ECharts from when the binary has no copy.
// 5.4.3 is the version go-echarts v2.6.7 writes options for.
const DefaultCDN = "https://cdn.jsdelivr.net/npm/echarts@5.4.3/dist/echarts.min.js"

// DefaultCDNIntegrity is the Subresource Integrity hash of DefaultCDN's
// file (ECharts' full build, which the Makefile's update-echarts checks),
// so a browser refuses any other bytes.
const DefaultCDNIntegrity = "sha384-BQKzmHvQLMCAnL3UtDBA1Al5tFjsCz1wrMlIUA1wkzo14DYkRWjywW+p9pCj0cwd"

// BundlePath is where the bundled ECharts goes in the site: its version
// and the start of its SHA-256 are in the name, so hosts may cache it for
// good (see build.MetaFor) and another bundle of the same version, such as
// one with more chart types, is another name.
func BundlePath(echarts []byte) string {
	sum := sha256.Sum256(echarts)
	return "assets/echarts-5.4.3." + hex.EncodeToString(sum[:5]) + ".min.js"
}

// Options configure the charts plugin.
type Options struct {
	// ECharts is an ECharts 5.4.3 bundle (the binary's has only the chart
	// types and components dashsmith draws with), written to assets/ as
	// BundlePath and loaded from there. When nil, pages load ECharts from
	// CDN.
	ECharts []byte
	// CDN is the URL of echarts.min.js when ECharts is nil; "" means DefaultCDN.
	CDN string
}

//go:embed charts.js
var chartsJS []byte

// Charts is the plugin that renders chart blocks and adds the scripts
// that draw them.
type Charts struct {
	opts   Options
	bundle string // BundlePath(opts.ECharts), when there is one

	mu          sync.Mutex
	echart      map[*build.Page]bool // pages rendered, not yet finished, with charts that need ECharts
	memo        memo                 // this build's drawings, by what they show (at most maxMemo)
	anns        *[]build.Annotation  // this build's site annotations, resolved once
	used, drawn bool                 // this build has pages with charts, and with charts ECharts draws
}

// maxMemo bounds the drawings a build keeps to share between pages that
// show the same: when full, it forgets them all, so that memory follows
// the pages in flight, not a site of many pages that each draw their own.
const maxMemo = 1024

// New returns the charts plugin.
func New(opts Options) *Charts {
	if opts.CDN == "" {
		opts.CDN = DefaultCDN
	}
	c := &Charts{opts: opts, echart: map[*build.Page]bool{}}
	if opts.ECharts != nil {
		c.bundle = BundlePath(opts.ECharts)
	}
	return c
}

// Name implements build.Plugin.
func (*Charts) Name() string { return "charts" }

// Stage implements build.Staged: it finishes the pages' charts.
func (*Charts) Stage() build.Stage { return build.RenderStage }

// Blocks implements build.BlockProvider: ```chart blocks.
func (c *Charts) Blocks() map[string]build.BlockFunc {
	return map[string]build.BlockFunc{"chart": c.render}
}

// Run adds the scripts to every page that has a chart: charts.js (which
// sorts tables and draws charts) everywhere, ECharts only where a chart
// needs it. It runs after markdown, a page at a time (build.PageRunner).
func (c *Charts) Run(ctx context.Context, s *build.Site) error {
	return build.RunPages(ctx, s, c)
}

// Begin implements build.PageRunner.
func (c *Charts) Begin(context.Context, *build.Site) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used, c.drawn = false, false
	return nil
}

// RunPage implements build.PageRunner: it adds the scripts p's charts
// need to its body.
func (c *Charts) RunPage(_ context.Context, _ *build.Site, p *build.Page) error {
	c.mu.Lock()
	needsECharts := c.echart[p]
	delete(c.echart, p)
	if p.Reused { // its body, scripts included, is the last build's
		c.used, c.drawn = true, true
	} else if p.Charts > 0 {
		c.used = true
		c.drawn = c.drawn || needsECharts
	}
	c.mu.Unlock()
	if p.Reused || p.Charts == 0 {
		return nil
	}
	root := html.EscapeString(p.Root())
	if needsECharts {
		switch {
		case c.opts.ECharts != nil:
			p.Body = fmt.Appendf(p.Body, "<script src=\"%s\"></script>", html.EscapeString(p.Root()+c.bundle))
		case c.opts.CDN == DefaultCDN:
			p.Body = fmt.Appendf(p.Body, "<script src=\"%s\" integrity=\"%s\" crossorigin=\"anonymous\"></script>", DefaultCDN, DefaultCDNIntegrity)
		default:
			p.Body = fmt.Appendf(p.Body, "<script src=\"%s\"></script>", html.EscapeString(c.opts.CDN))
		}
	}
	p.Body = fmt.Appendf(p.Body, "<script src=\"%sassets/charts.js\"></script>\n", root)
	return nil
}

// End implements build.PageRunner: it adds charts.js, and the bundled
// ECharts when a page draws with it, to the site's files, and lets this
// build's drawings go.
func (c *Charts) End(_ context.Context, s *build.Site) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.echart = map[*build.Page]bool{}
	c.memo = nil
	c.anns = nil
	if c.used {
		s.AddFile("assets/charts.js", chartsJS)
	}
	if c.drawn && c.opts.ECharts != nil {
		s.AddFile(c.bundle, c.opts.ECharts)
	}
	return nil
}

// render is the build.BlockFunc of ```chart: the chart's HTML, and its
// data as <page>/<chart id>.csv and .json in s.Files, declared in the
// page's Files.
func (c *Charts) render(s *build.Site, p *build.Page, body []byte, line int) ([]byte, error) {
	file := "content/" + p.Source
	sp, r, err := parseSpec(file, line, body, p)
	if err != nil || p.Broken {
		return nil, err // a broken page is checked, not drawn: it is not published
	}
	id := fmt.Sprintf("chart-%d", p.Charts+1)
	anns, err := c.annotations(s)
	if err != nil {
		return nil, err
	}
	sp.marks = marksOf(anns, sp, r)
	sp.said = p.Notes[sp.Query]
	cm := completenessOf(s, r)
	key := drawingKey(id, sp, r, cm)
	c.mu.Lock() // pages render in parallel (see plugins/markdown)
	d := c.memo[key]
	c.mu.Unlock()
	if d == nil {
		if d, err = draw(id, sp, r, cm); err != nil {
			return nil, build.Errorf(file, line, "chart: %v", err)
		}
	}
	p.Charts++
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.memo == nil || len(c.memo) >= maxMemo {
		c.memo = memo{}
	}
	c.memo[key] = d
	// Pages that show the same drawing share its bytes; nothing after
	// this stage writes into them.
	s.AddFile(p.URL+id+".csv", d.csv)
	s.AddFile(p.URL+id+".json", d.json)
	p.Files = append(p.Files, p.URL+id+".csv", p.URL+id+".json")
	if d.echart {
		c.echart[p] = true
	}
	return d.html, nil
}

// annotations returns the site's annotations, resolved in its timezone
// once a build (the config's loader has checked them, with their lines).
func (c *Charts) annotations(s *build.Site) ([]build.Annotation, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.anns != nil {
		return *c.anns, nil
	}
	loc, err := s.Config.Location()
	if err != nil {
		return nil, err
	}
	anns, errs := build.ResolveAnnotations(s.Config.Annotations, loc)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	c.anns = &anns
	return anns, nil
}

// draw renders a chart block whose spec and result are checked.
func draw(id string, sp spec, r *build.Result, cm completeness) (*drawn, error) {
	d := &drawn{echart: sp.Type != "number" && sp.Type != "table"}
	var err error
	switch sp.Type {
	case "number":
		d.html = number(id, sp, r, cm)
	case "table":
		d.html = table(id, sp, r, cm)
	case "pie":
		d.html, err = pieChart(id, sp, r, cm)
	case "heatmap":
		d.html, err = heatmapChart(id, sp, r, cm)
	default:
		d.html, err = axisChart(id, sp, r, cm)
	}
	if err != nil {
		return nil, err
	}
	if d.json, err = exportJSON(sp, r, cm); err != nil {
		return nil, err
	}
	d.csv = exportCSV(r, cm)
	return d, nil
}

var (
	_ build.Plugin         = (*Charts)(nil)
	_ build.BlockProvider  = (*Charts)(nil)
	_ build.InlineProvider = (*Charts)(nil)
	_ build.PageRunner     = (*Charts)(nil)
)
