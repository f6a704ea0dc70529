// Package dashsmith holds the files that the dashsmith binary embeds: the
// default theme (layouts/ and static/), the starter site that dashsmith
// new writes (starter/), the GitHub Actions workflow that dashsmith new
// --github writes (workflow/) and, when the Makefile fetched it, the
// ECharts bundle. Go cannot embed files above a package's folder, so
// they live in this small package at the module root.
package dashsmith

import "embed"

// Layouts holds the default theme's templates under "layouts/"; pass it to
// layout.New as is.
//
//go:embed layouts
var Layouts embed.FS

// Static holds the default theme's assets under "static/"; pass it to
// layout.New as is. static/vendor/ is not part of it: see ECharts.
//
//go:embed static/*.css static/*.js
var Static embed.FS

// Starter holds the starter site under "starter/": its config, its
// dashboards and its .gitignore. dashsmith new adds sample events.
//
//go:embed all:starter
var Starter embed.FS

// Workflow is the GitHub Actions workflow that dashsmith new --github
// writes into a site's .github/workflows/, with the dashsmith version it
// installs still to fill in (see internal/starter.Workflow).
//
//go:embed workflow/dashboards.yml
var Workflow []byte

// vendor holds static/vendor/: echarts.min.js, ECharts 5.4.3 built with
// only the chart types and components dashsmith draws with, committed
// with the licenses of what it bundles and ECharts' NOTICE (make
// update-echarts builds it again from scripts/echarts/).
//
//go:embed all:static/vendor
var vendor embed.FS

// ECharts returns echarts.min.js (5.4.3, dashsmith's build), or nil if static/vendor/ lost
// it before compiling: pages then load ECharts from a CDN, with its
// Subresource Integrity hash.
func ECharts() []byte {
	b, err := vendor.ReadFile("static/vendor/echarts.min.js")
	if err != nil || len(b) == 0 {
		return nil
	}
	return b
}
