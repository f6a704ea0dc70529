package incremental

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// A page's digest is made in two steps, by the functions below, the
// same for every caller:
//
//   - inputsDigest: what the page is made from before its queries run:
//     the caller's salt (binary and theme) and the store's data stamp,
//     the config, the navigation (every page's URL, value, title,
//     description, layout, weight and draft flag, but a template's
//     copies, which it does not list), the build's instant
//     when pages are kept by the clock (Tick), and the page's source,
//     URL, value and line, its file (its hash) or, for a page no file
//     made, its frontmatter, and its body before rendering (a page a
//     plugin made from a file, such as a template's list, has its own);
//   - pageDigest: that, with what its queries gave: every query's result
//     (written as build.Digester does: for a thousand pages of hourly
//     series JSON would cost more than rendering them) and which of its
//     buckets are partial; the build's instant where no data says how
//     complete it is and, for the home page, whose footer says when the
//     site was built. How far the data is complete is not in it: a page
//     whose data and partial buckets did not change when a new hour came
//     in is kept, with the "complete through" it was built with, earlier
//     than the latest and still true.
//
// Instants are read to the precision Tick. A digest is "" when a part
// cannot be written (a NaN in the config), which never matches. Both
// write into a digester the caller passes, which they reset first: one
// build digests all its pages with one digester, not one each.

// siteInputs digests what every page's inputs digest shares; "" when
// the config cannot be written (a NaN).
func siteInputs(s *build.Site, o Options) string {
	config, err := json.Marshal(s.Config)
	if err != nil {
		return ""
	}
	// The pages the navigation lists: a template's copies are not, so a
	// new value of a template's property rebuilds its list, not every
	// page of the site.
	nav := make([]*build.Page, 0, len(s.Pages))
	for _, p := range s.Pages {
		if p.Each == "" {
			nav = append(nav, p)
		}
	}
	sort.Slice(nav, func(i, j int) bool { return nav[i].URL < nav[j].URL })
	d := build.NewDigester(sha256.New())
	d.String(o.Salt)
	d.String(o.Stamp)
	d.String(string(config))
	d.Int(int64(len(nav)))
	for _, p := range nav {
		m := &p.Meta
		for _, v := range []string{p.URL, p.Each, m.Title, m.Description, m.Layout} {
			d.String(v)
		}
		d.Int(int64(m.Weight))
		d.Bool(m.Draft)
	}
	if o.Tick > 0 { // kept by the clock
		d.Int(o.instant(s.Now))
	}
	return hex.EncodeToString(d.Sum(nil))
}

// instant is t read to the precision Tick, in nanoseconds.
func (o Options) instant(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Truncate(o.Tick).UnixNano()
}

// inputsDigest is a page's digest before its queries run, on top of
// site (siteInputs); raw is the hash of the file it was read from, zero
// for a page no file made. The stages before rendering make a page's
// frontmatter and body from its file alone (and, for a copy of a
// template, its value), so the file's hash stands for them; a page no
// file made (the ingestion page) is digested by its body and frontmatter.
func inputsDigest(d *build.Digester, site string, p *build.Page, raw [32]byte) string {
	if site == "" {
		return ""
	}
	d.Reset()
	d.String(site)
	d.String(p.Source)
	d.String(p.URL)
	d.String(p.Each)
	d.String(p.View)
	for _, name := range slices.Sorted(maps.Keys(p.Notes)) {
		d.String(name)
		d.String(p.Notes[name])
	}
	d.Int(int64(p.Line))
	if raw != ([32]byte{}) {
		d.String(string(raw[:]))
	} else {
		digestMeta(d, &p.Meta)
	}
	// The body as the stages before rendering left it: the file's, or
	// what a plugin made (a template's list of values and their totals).
	d.String(string(p.Body))
	return hex.EncodeToString(d.Sum(nil))
}

// digestMeta writes every field of m, maps in key order. (It writes them
// one by one, not through encoding/json: for a thousand pages reflection
// cost more than the rest of the digest. TestDigestMeta fails when a
// field is added to build.Meta or build.QuerySpec and not written here.)
func digestMeta(d *build.Digester, m *build.Meta) {
	for _, v := range []string{m.Title, m.Description, m.Layout, m.Each, m.EachEvent} {
		d.String(v)
	}
	d.Int(int64(m.Weight))
	d.Bool(m.Draft)
	d.Int(int64(m.EachTop))
	d.Int(int64(m.EachLine))
	names := slices.Sorted(maps.Keys(m.Queries))
	d.Int(int64(len(names)))
	for _, name := range names {
		q := m.Queries[name]
		d.String(name)
		for _, v := range []string{q.Event, q.Measure, q.Every, q.Range, q.By, q.Compare, q.Filter, q.Timezone} {
			d.String(v)
		}
		d.Int(int64(q.Top))
		d.String(q.Formula)
		d.String(q.Rolling)
		d.Bool(q.Cumulative)
		if len(q.Where) > 0 { // last, marked so that a query without where digests as before
			d.Int(-1 - int64(len(q.Where)))
			for _, p := range slices.Sorted(maps.Keys(q.Where)) {
				d.String(p)
				d.String(q.Where[p])
			}
		}
		if q.Resolution != "" { // marked too, for the same reason
			d.Int(-1000)
			d.String(q.Resolution)
		}
	}
	names = slices.Sorted(maps.Keys(m.QueryLines))
	d.Int(int64(len(names)))
	for _, name := range names {
		d.String(name)
		d.Int(int64(m.QueryLines[name]))
	}
	if c := m.Controls; len(c.Range) > 0 || c.Filter != (build.FilterControl{}) || c.Line != 0 { // marked, as where
		d.Int(-2000 - int64(len(c.Range)))
		for _, r := range c.Range {
			d.String(r)
		}
		d.String(c.Filter.Property)
		d.Int(int64(c.Filter.Top))
		d.Int(int64(c.Line))
	}
}

// pageDigest is a page's digest once its queries ran, on top of its
// inputs digest.
func pageDigest(d *build.Digester, inputs string, o Options, s *build.Site, p *build.Page) string {
	if inputs == "" {
		return ""
	}
	d.Reset()
	d.String(inputs)
	through := s.Through
	d.Bool(through.IsZero())
	if through.IsZero() || p.URL == "" {
		d.Int(o.instant(s.Now))
		through = s.Now
	}
	names := slices.Sorted(maps.Keys(p.Data))
	d.Int(int64(len(names)))
	for _, name := range names {
		r := p.Data[name]
		d.String(name)
		d.Result(r)
		partial, future := build.Partial(r, through)
		d.Int(int64(partial))
		d.Int(int64(future))
	}
	return hex.EncodeToString(d.Sum(nil))
}
