package serve

import (
	"bytes"
	"html/template"
)

// problemPage is what a page shows while it, or the site, does not build. The
// problems are escaped: they quote dashboards, event names and values.
var problemPage = template.Must(template.New("problems").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{ .Title }} · dashsmith serve</title>
<style>
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.25rem; font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; color: #a40e26; }
ul { padding: 0; list-style: none; }
li { margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; border-left: 4px solid #a40e26; background: #fff0f1; overflow-wrap: anywhere; }
code { font: 0.95em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }
@media (prefers-color-scheme: dark) {
  body { color: #e6edf3; background: #0f1419; }
  h1 { color: #ff9492; }
  li { border-color: #ff9492; background: #2d1517; }
}
</style>
</head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p>{{ .Hint }}</p>
<ul class="ds-problems">
{{- range .Problems }}
<li><code>{{ . }}</code></li>
{{- end }}
</ul>
</main>
</body>
</html>
`))

// errorPage lists the problems of a build that failed.
func errorPage(problems []string) []byte {
	return render("The site did not build", "Fix these and save: this page reloads by itself.", problems)
}

// pageErrorPage lists the problems of a page that did not build, while
// the other pages serve.
func pageErrorPage(problems []string) []byte {
	return render("This page did not build", "Fix these and save: this page reloads by itself. The other pages are served as they built.", problems)
}

// notFoundPage says that the site has no such file.
func notFoundPage(name string) []byte {
	return render("Not found", "The site has no "+name+".", nil)
}

func render(title, hint string, problems []string) []byte {
	var b bytes.Buffer
	_ = problemPage.Execute(&b, struct {
		Title, Hint string
		Problems    []string
	}{title, hint, problems})
	return b.Bytes()
}
