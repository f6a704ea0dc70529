package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memPublisher keeps published files in a map.
type memPublisher struct {
	files     map[string]ObjectMeta
	data      map[string][]byte
	puts      []string
	root      bool
	failPut   string // Put of this path fails
	failDelet bool   // every Delete fails
}

func newMemPublisher(root bool, files ...string) *memPublisher {
	m := &memPublisher{files: map[string]ObjectMeta{}, data: map[string][]byte{}, root: root}
	for _, p := range files {
		m.files[p] = ObjectMeta{MD5: "x"}
		m.data[p] = []byte("x")
	}
	return m
}

func (m *memPublisher) AtRoot() bool { return m.root }

func (m *memPublisher) List(context.Context) (map[string]string, error) {
	out := map[string]string{}
	for p, meta := range m.files {
		out[p] = meta.MD5
	}
	return out, nil
}
func (m *memPublisher) Get(_ context.Context, p string) ([]byte, error) {
	data, ok := m.data[p]
	if !ok {
		return nil, fmt.Errorf("mem: %s: %w", p, fs.ErrNotExist)
	}
	return data, nil
}
func (m *memPublisher) Put(_ context.Context, p string, data []byte, meta ObjectMeta) error {
	if p == m.failPut {
		return errors.New("mem: connection reset")
	}
	m.files[p] = meta
	m.data[p] = append([]byte(nil), data...)
	if p != RecordKey {
		m.puts = append(m.puts, p)
	}
	return nil
}
func (m *memPublisher) Delete(_ context.Context, ps []string) error {
	if m.failDelet {
		return errors.New("mem: access denied")
	}
	for _, p := range ps {
		delete(m.files, p)
		delete(m.data, p)
	}
	return nil
}

// recorded is the record's file list, "" when there is no record.
func (m *memPublisher) recorded(t *testing.T) string {
	t.Helper()
	data, ok := m.data[RecordKey]
	if !ok {
		return ""
	}
	rec, err := parseRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(sortedSet(rec), " ")
}

// deploySite writes files (path -> content) into a new folder, marked as
// a build's output.
func deploySite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	deployWrite(t, dir, OutputMarker, markerText) // as build writes it
	for p, body := range files {
		deployWrite(t, dir, p, body)
	}
	return dir
}

func deployWrite(t *testing.T, dir, p, body string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDeploy(t *testing.T) {
	dir := deploySite(t, map[string]string{
		"index.html":                  "home",
		"sales/index.html":            "sales",
		"sales/chart-1.csv":           "time,value\n",
		"assets/echarts-5.4.3.min.js": "js",
		".nojekyll":                   "",
		".hidden/secret":              "no",
	})
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	pub := newMemPublisher(false, "old.html")
	ctx := context.Background()

	t.Run("first deploy uploads everything, pages last, and keeps what it did not upload", func(t *testing.T) {
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(pub.puts, " "); got != ".nojekyll assets/echarts-5.4.3.min.js sales/chart-1.csv index.html sales/index.html" {
			t.Errorf("upload order %s", got)
		}
		if len(rep.Deleted) != 0 || pub.files["old.html"].MD5 != "x" || rep.Foreign != 1 {
			t.Errorf("deleted %v, foreign %d: old.html was not uploaded by deploy", rep.Deleted, rep.Foreign)
		}
		if got := pub.recorded(t); got != ".nojekyll assets/echarts-5.4.3.min.js index.html sales/chart-1.csv sales/index.html" {
			t.Errorf("record %q", got)
		}
		if pub.files["assets/echarts-5.4.3.min.js"].CacheControl != "public, max-age=31536000, immutable" ||
			pub.files["index.html"].CacheControl != "public, max-age=300" || pub.files["index.html"].ContentType != "text/html; charset=utf-8" {
			t.Errorf("metadata %+v %+v", pub.files["assets/echarts-5.4.3.min.js"], pub.files["index.html"])
		}
		if !strings.Contains(rep.Summary(), "1 other files under the target left alone") {
			t.Errorf("summary %q", rep.Summary())
		}
	})
	t.Run("second deploy uploads nothing", func(t *testing.T) {
		pub.puts = nil
		before := string(pub.data[RecordKey])
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(pub.puts) != 0 || rep.Unchanged != 5 || string(pub.data[RecordKey]) != before {
			t.Errorf("uploaded %v, unchanged %d", pub.puts, rep.Unchanged)
		}
	})
	t.Run("a changed page uploads alone", func(t *testing.T) {
		deployWrite(t, dir, "sales/index.html", "sales v2")
		pub.puts = nil
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err != nil {
			t.Fatal(err)
		}
		if strings.Join(pub.puts, " ") != "sales/index.html" {
			t.Errorf("uploaded %v, want only sales/index.html", pub.puts)
		}
	})
	t.Run("a removed page is deleted, and leaves the record", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(dir, "sales")); err != nil {
			t.Fatal(err)
		}
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rep.Deleted, " ") != "sales/chart-1.csv sales/index.html" || pub.files["old.html"].MD5 != "x" {
			t.Errorf("deleted %v", rep.Deleted)
		}
		if got := pub.recorded(t); got != ".nojekyll assets/echarts-5.4.3.min.js index.html" {
			t.Errorf("record %q", got)
		}
	})
	t.Run("no site", func(t *testing.T) {
		if _, err := Deploy(ctx, filepath.Join(dir, "nope"), pub, DeployOptions{}); err == nil || !strings.Contains(err.Error(), "run dashsmith build first") {
			t.Errorf("err %v", err)
		}
	})
}

// TestDeploy_DryRun plans a deploy that would upload, delete and start a
// record, and checks that nothing changed, the record included.
func TestDeploy_DryRun(t *testing.T) {
	ctx := context.Background()
	dir := deploySite(t, map[string]string{"index.html": "home", "sales/index.html": "sales"})
	pub := newMemPublisher(false, "backups/a.tar")
	if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true, DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if len(pub.puts) != 0 || pub.recorded(t) != "" {
		t.Fatalf("a dry run uploaded %v, record %q", pub.puts, pub.recorded(t))
	}
	if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err != nil {
		t.Fatal(err)
	}
	deployWrite(t, dir, "index.html", "home v2")
	deployWrite(t, dir, "signups/index.html", "signups")
	if err := os.RemoveAll(filepath.Join(dir, "sales")); err != nil {
		t.Fatal(err)
	}
	pub.puts = nil
	record := string(pub.data[RecordKey])
	rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Uploaded, " ") != "index.html signups/index.html" || strings.Join(rep.Deleted, " ") != "sales/index.html" || rep.Foreign != 1 {
		t.Errorf("plan: upload %v, delete %v, foreign %d", rep.Uploaded, rep.Deleted, rep.Foreign)
	}
	if len(pub.puts) != 0 || string(pub.data[RecordKey]) != record || pub.files["sales/index.html"].MD5 == "" {
		t.Errorf("a dry run changed the target: puts %v, record %s", pub.puts, pub.data[RecordKey])
	}
}

// TestDeploy_Root refuses --delete at a bucket's root that has files and
// no record, says how to start one, and then deletes only what it uploaded.
func TestDeploy_Root(t *testing.T) {
	ctx := context.Background()
	dir := deploySite(t, map[string]string{"index.html": "home", "old/index.html": "old"})
	segment := "segment-logs/src/1764028800000/1764032400000.gz"
	pub := newMemPublisher(true, segment)

	_, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
	if err == nil || !strings.Contains(err.Error(), "refusing --delete at the root") || !strings.Contains(err.Error(), "--delete=false") {
		t.Fatalf("err %v", err)
	}
	if len(pub.puts) != 0 || pub.recorded(t) != "" {
		t.Fatalf("a refused deploy uploaded %v", pub.puts)
	}
	if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true, DryRun: true}); err == nil {
		t.Errorf("a dry run does not say the deploy would be refused")
	}

	rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: false})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Foreign != 1 || pub.recorded(t) != "index.html old/index.html" {
		t.Errorf("foreign %d, record %q", rep.Foreign, pub.recorded(t))
	}
	if err := os.RemoveAll(filepath.Join(dir, "old")); err != nil {
		t.Fatal(err)
	}
	rep, err = Deploy(ctx, dir, pub, DeployOptions{Delete: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Deleted, " ") != "old/index.html" || pub.files[segment].MD5 != "x" {
		t.Errorf("deleted %v; segment file kept: %v", rep.Deleted, pub.files[segment].MD5 != "")
	}

	t.Run("an empty bucket needs no record first", func(t *testing.T) {
		pub := newMemPublisher(true)
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err != nil {
			t.Fatal(err)
		}
		if pub.recorded(t) != "index.html" {
			t.Errorf("record %q", pub.recorded(t))
		}
	})
	t.Run("a publisher that does not say is at a root", func(t *testing.T) {
		pub := struct{ Publisher }{newMemPublisher(false, segment)}
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err == nil {
			t.Errorf("deleted at what may be a root without a record")
		}
	})
}

// TestDeploy_Crash stops a deploy at each step and checks that the next
// deploy still deletes every stale file it uploaded.
func TestDeploy_Crash(t *testing.T) {
	ctx := context.Background()
	t.Run("between upload and delete", func(t *testing.T) {
		dir := deploySite(t, map[string]string{"index.html": "home", "old/index.html": "old"})
		pub := newMemPublisher(false)
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(filepath.Join(dir, "old")); err != nil {
			t.Fatal(err)
		}
		deployWrite(t, dir, "new/index.html", "new")
		pub.failDelet = true
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err == nil || !strings.Contains(err.Error(), "the next deploy deletes them") {
			t.Fatalf("err %v", err)
		}
		if got := pub.recorded(t); got != "index.html new/index.html old/index.html" {
			t.Fatalf("record after the failed delete %q", got)
		}
		pub.failDelet = false
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rep.Deleted, " ") != "old/index.html" || pub.recorded(t) != "index.html new/index.html" {
			t.Errorf("deleted %v, record %q", rep.Deleted, pub.recorded(t))
		}
	})
	t.Run("during the uploads", func(t *testing.T) {
		dir := deploySite(t, map[string]string{"a.css": "a", "b.css": "b", "index.html": "home"})
		pub := newMemPublisher(false)
		pub.failPut = "b.css"
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err == nil {
			t.Fatal("no error")
		}
		if pub.files["a.css"].MD5 == "" || pub.recorded(t) != "a.css b.css index.html" {
			t.Fatalf("a.css uploaded but not recorded: record %q", pub.recorded(t))
		}
		pub.failPut = ""
		dir2 := deploySite(t, map[string]string{"index.html": "home"}) // the site dropped a.css meanwhile
		rep, err := Deploy(ctx, dir2, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rep.Deleted, " ") != "a.css" || pub.recorded(t) != "index.html" {
			t.Errorf("deleted %v, record %q", rep.Deleted, pub.recorded(t))
		}
	})
}

// TestDeploy_BadRecord rejects a record that names files deploy never
// uploads, rather than deleting them.
func TestDeploy_BadRecord(t *testing.T) {
	ctx := context.Background()
	dir := deploySite(t, map[string]string{"index.html": "home"})
	for _, tc := range []struct{ name, record, want string }{
		{"hidden", `{"version":1,"files":[".dashsmith-poison/x.json"]}`, `names ".dashsmith-poison/x.json"`},
		{"parent", `{"version":1,"files":["../x"]}`, `names "../x"`},
		{"absolute", `{"version":1,"files":["/x"]}`, `names "/x"`},
		{"the record", `{"version":1,"files":[".dashsmith/deployed.json"]}`, `names ".dashsmith/deployed.json"`},
		{"newer", `{"version":2,"files":[]}`, "version 2"},
		{"not JSON", `<html>`, "not a deploy record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub := newMemPublisher(false, ".dashsmith-poison/x.json")
			pub.data[RecordKey] = []byte(tc.record)
			pub.files[RecordKey] = ObjectMeta{MD5: "r"}
			_, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), RecordKey) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
			if len(pub.puts) != 0 || pub.files[".dashsmith-poison/x.json"].MD5 == "" {
				t.Errorf("deploy went on: puts %v", pub.puts)
			}
		})
	}
}

func TestRecord_Stable(t *testing.T) {
	a := encodeRecord(map[string]bool{"b.html": true, "a.css": true, ".nojekyll": true})
	b := encodeRecord(map[string]bool{".nojekyll": true, "a.css": true, "b.html": true})
	if string(a) != string(b) || string(a) != "{\n  \"version\": 1,\n  \"files\": [\n    \".nojekyll\",\n    \"a.css\",\n    \"b.html\"\n  ]\n}\n" {
		t.Errorf("record %s", a)
	}
}

// TestDeploy_NotBuilt: a folder without the output marker (or an older
// build's manifest) is not uploaded.
func TestDeploy_NotBuilt(t *testing.T) {
	dir := t.TempDir()
	deployWrite(t, dir, "index.html", "home")
	pub := newMemPublisher(false)
	if _, err := Deploy(context.Background(), dir, pub, DeployOptions{}); err == nil || !strings.Contains(err.Error(), "was not written by dashsmith build") {
		t.Fatalf("err = %v", err)
	}
	if len(pub.files) != 0 {
		t.Errorf("uploaded %d files", len(pub.files))
	}
	deployWrite(t, dir, ".dashsmith-manifest.json", "{}") // an older build's output
	if _, err := Deploy(context.Background(), dir, pub, DeployOptions{AlsoOurs: []string{".dashsmith-manifest.json"}}); err != nil {
		t.Fatalf("an older build's output: %v", err)
	}
}

// TestDeploy_NojekyllFolder: only a file named .nojekyll is uploaded, never
// a folder of that name, so the record deploy keeps stays one it accepts
// on the next deploy.
func TestDeploy_NojekyllFolder(t *testing.T) {
	dir := deploySite(t, map[string]string{"index.html": "home", ".nojekyll/x": "hidden"})
	pub := newMemPublisher(false)
	for range 2 {
		rep, err := Deploy(context.Background(), dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rep.Uploaded {
			if p == ".nojekyll/x" {
				t.Errorf("uploaded %s", p)
			}
		}
	}
}
