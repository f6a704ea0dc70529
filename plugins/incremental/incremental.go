// Package incremental rebuilds only the pages whose inputs changed.
//
// After the query stage it computes a digest of each page's inputs: its
// source, its frontmatter, every query as resolved (so a relative range
// that moved counts) and the result the store gave for it (so new events
// that a page reads count, and events it does not read do not), the shape
// of the site (every page's title and place, which the navigation shows),
// the config, the theme and the binary, and how far the data is complete.
// A page whose digest equals the one recorded with the previous output is
// not rendered again: its HTML and data files are taken from that output.
// The manifest is written into the output folder itself
// (.dashsmith-manifest.json, which deploy skips), so it always describes
// the files beside it; with no previous output every page is built.
package incremental

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = ".dashsmith-manifest.json"

// manifest records, per page URL, the digest of its inputs and the files
// it wrote.
type manifest struct {
	Version int              `json:"version"`
	Pages   map[string]entry `json:"pages"`
}

type entry struct {
	Digest string   `json:"digest"`
	Files  []string `json:"files"` // the page's data files, beside its index.html
}

const version = 1

// Plugin holds the state shared by its two stages (Check and Record).
type Plugin struct {
	out     string // the previous output folder
	salt    string // the theme and binary, as the caller digests them
	digests map[*build.Page]string
	Reused  int // pages taken from the previous output in the last run
}

// New returns the plugin for a build into out. salt names what the pages'
// look depends on besides the site: the binary's version and the theme.
func New(out, salt string) *Plugin { return &Plugin{out: out, salt: salt} }

// Check is the stage that runs after query (and any plugin that adds
// pages with data) and before markdown.
func (pl *Plugin) Check() build.Plugin { return build.Func("incremental", pl.check) }

// Record is the stage that runs last, before the write: it adds the
// manifest to the site's files.
func (pl *Plugin) Record() build.Plugin { return build.Func("incremental-record", pl.record) }

func (pl *Plugin) check(_ context.Context, s *build.Site) error {
	prev := load(filepath.Join(pl.out, ManifestName))
	shape := siteDigest(s, pl.salt)
	pl.digests = map[*build.Page]string{}
	pl.Reused = 0
	var same []*build.Page // pages whose inputs are those of the last build
	// The home page's footer says when the site was built.
	home := shape + " built " + s.Now.UTC().Format(time.RFC3339Nano)
	for _, p := range s.Pages {
		pageShape := shape
		if p.URL == "" {
			pageShape = home
		}
		d := pageDigest(pageShape, p)
		pl.digests[p] = d
		if old, ok := prev.Pages[p.URL]; ok && d != "" && pl.salt != "" && old.Digest == d {
			same = append(same, p)
		}
	}
	// Read their files a few pages at a time: on many file systems a
	// read's cost is mostly the open, and opens go faster side by side.
	files := make([]map[string][]byte, len(same))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(same); i = int(next.Add(1)) - 1 {
				files[i] = pl.readOld(same[i], prev.Pages[same[i].URL].Files)
			}
		}()
	}
	wg.Wait()
	for i, p := range same {
		if files[i] == nil {
			continue // a file went missing: build the page
		}
		for name, data := range files[i] {
			s.Files[name] = data
		}
		p.Body = files[i][p.OutputPath()]
		delete(s.Files, p.OutputPath())
		p.Reused = true
		pl.Reused++
	}
	return nil
}

// readers is how many pages' files check reads at once.
const readers = 8

// readOld reads a page's previous output; nil when any file is missing.
func (pl *Plugin) readOld(p *build.Page, extra []string) map[string][]byte {
	out := map[string][]byte{}
	for _, name := range append([]string{p.OutputPath()}, extra...) {
		data, err := os.ReadFile(filepath.Join(pl.out, filepath.FromSlash(name)))
		if err != nil {
			return nil
		}
		out[name] = data
	}
	return out
}

// dataFile matches the files a page owns beside its index.html.
var dataFile = regexp.MustCompile(`^chart-\d+\.(csv|json)$`)

func (pl *Plugin) record(_ context.Context, s *build.Site) error {
	m := manifest{Version: version, Pages: map[string]entry{}}
	byDir := map[string][]string{} // the data files in each folder
	for name := range s.Files {
		if dataFile.MatchString(path.Base(name)) {
			byDir[path.Dir(name)] = append(byDir[path.Dir(name)], name)
		}
	}
	for _, p := range s.Pages {
		d, ok := pl.digests[p]
		if !ok {
			continue // added after Check (the home page): always built
		}
		e := entry{Digest: d, Files: append([]string{}, byDir[path.Dir(p.URL+"x")]...)}
		sort.Strings(e.Files)
		m.Pages[p.URL] = e
	}
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	s.Files[ManifestName] = append(data, '\n')
	return nil
}

func load(file string) manifest {
	var m manifest
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &m) != nil || m.Version != version {
		return manifest{}
	}
	return m
}

// siteDigest covers what every page shows: the config, the navigation
// (every page's URL, title, description, weight), how complete the data
// is, and the caller's salt.
func siteDigest(s *build.Site, salt string) string {
	type navItem struct {
		URL, Title, Description string
		Weight                  int
	}
	nav := make([]navItem, 0, len(s.Pages))
	for _, p := range s.Pages {
		nav = append(nav, navItem{p.URL, p.Meta.Title, p.Meta.Description, p.Meta.Weight})
	}
	sort.Slice(nav, func(i, j int) bool { return nav[i].URL < nav[j].URL })
	v := struct {
		Salt    string
		Config  build.Config
		Nav     []navItem
		Through int64
		Now     int64 // only when no data says how complete it is
	}{Salt: salt, Config: s.Config, Nav: nav, Through: s.Through.Unix()}
	if s.Through.IsZero() {
		v.Now = s.Now.Unix()
	}
	return digest(v)
}

// pageDigest covers one page's own inputs: its source, body and
// frontmatter, and every query's result (written as build.Digester does,
// for a thousand pages of hourly series JSON would cost more than
// rendering them); "" when the frontmatter cannot be written (a NaN),
// which never matches.
func pageDigest(shape string, p *build.Page) string {
	h := sha256.New()
	d := build.NewDigester(h)
	d.String(shape)
	d.String(p.Source)
	d.String(p.URL)
	d.String(p.Each)
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
	return hex.EncodeToString(d.Sum(nil))
}

// digest hashes v's JSON (encoding/json sorts map keys, so it is
// stable); "" when v cannot be written (a NaN), which never matches.
func digest(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
