package build

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Publisher is where a built site goes: an S3 prefix, say. Paths are
// slash-separated and relative to the target. A publisher only stores;
// which files may be deleted is Deploy's decision (see RecordKey).
type Publisher interface {
	// List returns every file under the target, the site's or not, with
	// the MD5 of its content (hex), which is what S3 reports as the ETag
	// of a plain upload.
	List(ctx context.Context) (map[string]string, error)
	// Get returns one file's content, or an error wrapping
	// fs.ErrNotExist when there is no such file.
	Get(ctx context.Context, p string) ([]byte, error)
	Put(ctx context.Context, p string, data []byte, meta ObjectMeta) error
	Delete(ctx context.Context, paths []string) error
}

// RootPublisher is implemented by a publisher that knows whether its
// target is the root of a bucket, where other data (Segment's files,
// backups) often lives beside the site. A publisher that does not
// implement it is taken to be at a root.
type RootPublisher interface {
	AtRoot() bool
}

// ObjectMeta is how a published file is served.
type ObjectMeta struct {
	ContentType  string
	CacheControl string
	MD5          string // hex
}

// PublisherOpener opens a publisher from its URL ("s3://bucket/prefix").
type PublisherOpener func(ctx context.Context, url string) (Publisher, error)

var publishers = map[string]PublisherOpener{}

// RegisterPublisher makes a publisher available under a URL scheme.
func RegisterPublisher(scheme string, open PublisherOpener) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := publishers[scheme]; dup {
		panic("build: RegisterPublisher called twice for scheme " + scheme)
	}
	publishers[scheme] = open
}

// OpenPublisher opens the publisher that url names.
func OpenPublisher(ctx context.Context, url string) (Publisher, error) {
	scheme := Scheme(url)
	regMu.RLock()
	open, ok := publishers[scheme]
	regMu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("deploy target %q: unknown scheme %q: use one of %s", url, scheme, known(publishers))
	}
	return open(ctx, url)
}

// DeployOptions tune Deploy.
type DeployOptions struct {
	Delete   bool // delete files deploy uploaded before that the site no longer has
	DryRun   bool // plan only: change nothing, the record included
	Progress func(done, total int)
	// AlsoOurs names files that show an older dashsmith built the folder,
	// before OutputMarker (see Write): deploy uploads only a folder that
	// holds the marker or one of these.
	AlsoOurs []string
}

// DeployReport is what a deploy did (or, with DryRun, would do).
type DeployReport struct {
	Uploaded  []string `json:"uploaded"`
	Deleted   []string `json:"deleted"`
	Unchanged int      `json:"unchanged"`
	// Foreign counts the files under the target that are not the site's
	// and that deploy did not upload: they are never deleted.
	Foreign int   `json:"foreign"`
	Bytes   int64 `json:"bytes"`
	DryRun  bool  `json:"dry_run"`
}

// Summary is the report as one line.
func (r *DeployReport) Summary() string {
	verb := "deploy"
	if r.DryRun {
		verb = "deploy (dry run, nothing changed)"
	}
	s := fmt.Sprintf("%s: %d uploaded (%.1f kB), %d deleted, %d unchanged", verb, len(r.Uploaded), float64(r.Bytes)/1e3, len(r.Deleted), r.Unchanged)
	if r.Foreign > 0 {
		s += fmt.Sprintf(", %d other files under the target left alone (not uploaded by dashsmith)", r.Foreign)
	}
	return s
}

// Deploy uploads the files of dir whose content differs from what pub has,
// assets before pages so that no reader sees a page whose assets are
// missing, then (when opt.Delete) deletes the files that an earlier deploy
// uploaded and the site no longer has. It keeps the list of what it
// uploaded under the target (RecordKey) and deletes nothing else; at a
// bucket's root it refuses to delete until that record exists. Only
// regular files under dir are read; links and hidden files are not.
func Deploy(ctx context.Context, dir string, pub Publisher, opt DeployOptions) (*DeployReport, error) {
	local, err := readSite(dir, opt.AlsoOurs)
	if err != nil {
		return nil, err
	}
	remote, err := pub.List(ctx)
	if err != nil {
		return nil, err
	}
	rec, hasRecord, err := readRecord(ctx, pub, remote)
	if err != nil {
		return nil, err
	}
	atRoot := true
	if r, ok := pub.(RootPublisher); ok {
		atRoot = r.AtRoot()
	}
	pl, err := planDeploy(local, remote, rec, hasRecord, atRoot, opt.Delete)
	if err != nil {
		return nil, err
	}
	rep := &DeployReport{DryRun: opt.DryRun, Uploaded: []string{}, Deleted: []string{}, Unchanged: pl.unchanged, Foreign: pl.foreign}
	if pl.first != nil && !opt.DryRun {
		if err := putRecord(ctx, pub, pl.first); err != nil {
			return rep, err
		}
	}
	for i, p := range pl.upload {
		f := local[p]
		rep.Uploaded = append(rep.Uploaded, p)
		rep.Bytes += int64(len(f.data))
		if !opt.DryRun {
			if err := pub.Put(ctx, p, f.data, MetaFor(p, f.md5)); err != nil {
				return rep, fmt.Errorf("deploy: upload %s: %w", p, err)
			}
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(pl.upload))
		}
	}
	rep.Deleted = append(rep.Deleted, pl.gone...)
	if opt.DryRun {
		return rep, nil
	}
	if len(pl.gone) > 0 {
		if err := pub.Delete(ctx, pl.gone); err != nil {
			return rep, fmt.Errorf("deploy: delete: %w (the files stay in %s: the next deploy deletes them)", err, RecordKey)
		}
	}
	if pl.last != nil {
		if err := putRecord(ctx, pub, pl.last); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

type localFile struct {
	data []byte
	md5  string
}

// readSite reads every regular, non-hidden file under dir, which must be
// a folder that dashsmith build wrote: it holds OutputMarker (or one of
// alsoOurs). So a deploy of the wrong folder (--dir . in a site, whose
// events/ hold the raw events, user IDs and all) uploads nothing.
func readSite(dir string, alsoOurs []string) (map[string]localFile, error) {
	out := map[string]localFile{}
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("deploy: %s is not a built site folder: run dashsmith build first", dir)
	}
	if !built(dir, alsoOurs) {
		return nil, fmt.Errorf("deploy: %s was not written by dashsmith build (it holds no %s), so deploy uploads nothing of it: pass --dir the folder dashsmith build writes (public by default), or build it first", dir, OutputMarker)
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") && (d.IsDir() || d.Name() != ".nojekyll") {
			if d.IsDir() {
				return filepath.SkipDir // a .nojekyll folder too: publishable's rule
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // folders, and links that could lead outside dir
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := md5.Sum(data)
		out[filepath.ToSlash(rel)] = localFile{data, hex.EncodeToString(sum[:])}
		return nil
	})
	return out, err
}

func isPage(p string) bool { return strings.HasSuffix(p, ".html") }

// fingerprinted names carry a version or a content hash, so they never
// change and may be cached for good: echarts-5.4.3.min.js, app.3f9c2a1b.css.
var fingerprinted = regexp.MustCompile(`[-.](\d+\.\d+\.\d+|[0-9a-f]{8,})(\.min)?\.(js|css|woff2?|png|svg)$`)

// MetaFor returns the Content-Type and Cache-Control a file is served with:
// a year and immutable for fingerprinted assets, five minutes for pages
// and data, an hour for other assets.
func MetaFor(p, md5hex string) ObjectMeta {
	ct := mime.TypeByExtension(path.Ext(p))
	switch path.Ext(p) {
	case ".html":
		ct = "text/html; charset=utf-8"
	case ".json":
		ct = "application/json"
	case ".csv":
		ct = "text/csv; charset=utf-8"
	case ".js":
		ct = "text/javascript; charset=utf-8"
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".xml":
		ct = "application/xml"
	case "":
		ct = "application/octet-stream"
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	cc := "public, max-age=3600"
	switch {
	case fingerprinted.MatchString(p):
		cc = "public, max-age=31536000, immutable"
	case isPage(p) || strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".csv") || strings.HasSuffix(p, ".xml"):
		cc = "public, max-age=300"
	}
	return ObjectMeta{ContentType: ct, CacheControl: cc, MD5: md5hex}
}
