package layout

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// absolute returns the page's URL under baseURL, or "" when there is no
// baseURL: the site's own links are relative, and only a sitemap and
// canonical links need absolute ones.
func absolute(baseURL, url string) string {
	if baseURL == "" {
		return ""
	}
	return strings.TrimSuffix(baseURL, "/") + "/" + url
}

// sitemap returns sitemap.xml listing every page under the config's
// baseURL, or nil when it has none.
func sitemap(s *build.Site) []byte {
	if s.Config.BaseURL == "" {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for _, p := range s.Pages {
		if p.Meta.Draft {
			continue
		}
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(absolute(s.Config.BaseURL, p.URL)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
