package incremental

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// siteDigest covers what every page shows or is made with besides its
// own inputs: the caller's salt (binary and theme) and the store's data
// stamp, the config, the navigation (every page's URL, value, title,
// description, layout, weight and draft flag), how far the data is
// complete, and the build's instant when pages are kept by the clock
// (Tick) or when no data says how complete it is. Instants are read to
// the precision Tick.
func siteDigest(s *build.Site, o Options) string {
	type navItem struct {
		URL, Each, Title, Description, Layout string
		Weight                                int
		Draft                                 bool
	}
	nav := make([]navItem, 0, len(s.Pages))
	for _, p := range s.Pages {
		m := p.Meta
		nav = append(nav, navItem{p.URL, p.Each, m.Title, m.Description, m.Layout, m.Weight, m.Draft})
	}
	sort.Slice(nav, func(i, j int) bool { return nav[i].URL < nav[j].URL })
	v := struct {
		Salt    string
		Stamp   string
		Config  build.Config
		Nav     []navItem
		Through int64
		Now     int64 // only when kept by the clock, or when no data says how complete it is
	}{Salt: o.Salt, Stamp: o.Stamp, Config: s.Config, Nav: nav, Through: o.instant(s.Through)}
	if o.Tick > 0 || s.Through.IsZero() {
		v.Now = o.instant(s.Now)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return "" // a NaN in the config: matches nothing
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// instant is t read to the precision Tick, in nanoseconds.
func (o Options) instant(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Truncate(o.Tick).UnixNano()
}

// pageDigest covers one page's inputs on top of site (siteDigest): the
// file it was read from (raw, its hash), its source, URL, value and line,
// its body and frontmatter, every query's result (written as
// build.Digester does: for a thousand pages of hourly series JSON would
// cost more than rendering them) and, for the home page, whose footer
// says when the site was built, the build's instant. It is "" when the
// frontmatter cannot be written (a NaN), which never matches.
func pageDigest(site string, o Options, s *build.Site, p *build.Page, raw [32]byte) string {
	if site == "" {
		return ""
	}
	h := sha256.New()
	d := build.NewDigester(h)
	d.String(site)
	d.String(string(raw[:]))
	d.String(p.Source)
	d.String(p.URL)
	d.String(p.Each)
	d.Int(int64(p.Line))
	d.String(string(p.Body))
	meta, err := json.Marshal(p.Meta)
	if err != nil {
		return ""
	}
	d.String(string(meta))
	names := make([]string, 0, len(p.Data))
	for name := range p.Data {
		names = append(names, name)
	}
	sort.Strings(names)
	d.Int(int64(len(names)))
	for _, name := range names {
		d.String(name)
		d.Result(p.Data[name])
	}
	if p.URL == "" {
		d.Int(o.instant(s.Now))
	}
	return hex.EncodeToString(d.Sum(nil))
}
