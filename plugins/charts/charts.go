// Package charts draws ```chart blocks: line, bar and area charts with
// Apache ECharts (options built with go-echarts), and numbers and tables
// as plain HTML that reads without JavaScript.
package charts

import (
	"context"
	_ "embed"
	"fmt"
	"html"
	"sync"

	"github.com/dashsmith/dashsmith/build"
)

// DefaultCDN is where pages load ECharts from when the binary has no copy.
// 5.4.3 is the version go-echarts v2.6.7 writes options for.
const DefaultCDN = "https://cdn.jsdelivr.net/npm/echarts@5.4.3/dist/echarts.min.js"

// Options configure the charts plugin.
type Options struct {
	// ECharts is echarts.min.js 5.4.3, written to assets/ and loaded from
	// there. When nil, pages load ECharts from CDN.
	ECharts []byte
	// CDN is the URL of echarts.min.js when ECharts is nil; "" means DefaultCDN.
	CDN string
}

//go:embed charts.js
var chartsJS []byte

// Charts is the plugin that renders chart blocks and adds the scripts
// that draw them.
type Charts struct {
	opts Options

	mu     sync.Mutex
	script map[*build.Page]bool // pages with charts that need ECharts
}

// New returns the charts plugin.
func New(opts Options) *Charts {
	if opts.CDN == "" {
		opts.CDN = DefaultCDN
	}
	return &Charts{opts: opts, script: map[*build.Page]bool{}}
}

// Name implements build.Plugin.
func (*Charts) Name() string { return "charts" }

// Blocks implements build.BlockProvider: ```chart blocks.
func (c *Charts) Blocks() map[string]build.BlockFunc {
	return map[string]build.BlockFunc{"chart": c.render}
}

// Run adds the scripts that draw the charts to every page that has one,
// and the scripts themselves to the site's files. It runs after markdown.
func (c *Charts) Run(ctx context.Context, s *build.Site) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	drawn := false
	for _, p := range s.Pages {
		if !c.script[p] {
			continue
		}
		drawn = true
		src := c.opts.CDN
		if c.opts.ECharts != nil {
			src = p.Root() + "assets/echarts.min.js"
		}
		p.Body = fmt.Appendf(p.Body, "<script src=\"%s\"></script><script src=\"%sassets/charts.js\"></script>\n",
			html.EscapeString(src), html.EscapeString(p.Root()))
	}
	c.script = map[*build.Page]bool{}
	if !drawn {
		return nil
	}
	if s.Files == nil {
		s.Files = map[string][]byte{}
	}
	s.Files["assets/charts.js"] = chartsJS
	if c.opts.ECharts != nil {
		s.Files["assets/echarts.min.js"] = c.opts.ECharts
	}
	return nil
}

// render is the build.BlockFunc of ```chart.
func (c *Charts) render(s *build.Site, p *build.Page, body []byte, line int) ([]byte, error) {
	file := "content/" + p.Source
	sp, r, err := parseSpec(file, line, body, p)
	if err != nil {
		return nil, err
	}
	if sp.Type == "stacked" && r.Query.By == "" {
		return nil, build.Errorf(file, line, "chart: type stacked stacks the groups of a breakdown: give query %q a by: property, or use bar", sp.Query)
	}
	p.Charts++
	id := fmt.Sprintf("chart-%d", p.Charts)
	switch sp.Type {
	case "number":
		return number(id, sp, r), nil
	case "table":
		return table(id, sp, r), nil
	}
	out, err := echart(id, sp, r)
	if err != nil {
		return nil, build.Errorf(file, line, "chart: %v", err)
	}
	c.mu.Lock()
	c.script[p] = true
	c.mu.Unlock()
	return out, nil
}

var (
	_ build.Plugin        = (*Charts)(nil)
	_ build.BlockProvider = (*Charts)(nil)
)
