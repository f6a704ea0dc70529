package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memPublisher keeps published files in a map.
type memPublisher struct {
	files map[string]ObjectMeta
	puts  []string
}

func (m *memPublisher) List(context.Context) (map[string]string, error) {
	out := map[string]string{}
	for p, meta := range m.files {
		out[p] = meta.MD5
	}
	return out, nil
}
func (m *memPublisher) Put(_ context.Context, p string, _ []byte, meta ObjectMeta) error {
	m.files[p] = meta
	m.puts = append(m.puts, p)
	return nil
}
func (m *memPublisher) Delete(_ context.Context, ps []string) error {
	for _, p := range ps {
		delete(m.files, p)
	}
	return nil
}

func TestDeploy(t *testing.T) {
	dir := t.TempDir()
	write := func(p, body string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", "home")
	write("sales/index.html", "sales")
	write("sales/chart-1.csv", "time,value\n")
	write("assets/echarts-5.4.3.min.js", "js")
	write(".nojekyll", "")
	write(".hidden/secret", "no")
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	pub := &memPublisher{files: map[string]ObjectMeta{"old.html": {MD5: "x"}}}
	ctx := context.Background()

	t.Run("first deploy uploads everything, pages last", func(t *testing.T) {
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(pub.puts, " "); got != ".nojekyll assets/echarts-5.4.3.min.js sales/chart-1.csv index.html sales/index.html" {
			t.Errorf("upload order %s", got)
		}
		if len(rep.Deleted) != 1 || rep.Deleted[0] != "old.html" || pub.files["old.html"].MD5 != "" {
			t.Errorf("deleted %v", rep.Deleted)
		}
		if pub.files["assets/echarts-5.4.3.min.js"].CacheControl != "public, max-age=31536000, immutable" ||
			pub.files["index.html"].CacheControl != "public, max-age=300" || pub.files["index.html"].ContentType != "text/html; charset=utf-8" {
			t.Errorf("metadata %+v %+v", pub.files["assets/echarts-5.4.3.min.js"], pub.files["index.html"])
		}
	})
	t.Run("second deploy uploads nothing", func(t *testing.T) {
		pub.puts = nil
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(pub.puts) != 0 || rep.Unchanged != 5 {
			t.Errorf("uploaded %v, unchanged %d", pub.puts, rep.Unchanged)
		}
	})
	t.Run("a changed page uploads alone; dry run changes nothing", func(t *testing.T) {
		write("sales/index.html", "sales v2")
		pub.puts = nil
		rep, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(pub.puts) != 0 || len(rep.Uploaded) != 1 || !strings.Contains(rep.Summary(), "dry run") {
			t.Errorf("dry run: puts %v, plan %v", pub.puts, rep.Uploaded)
		}
		if _, err := Deploy(ctx, dir, pub, DeployOptions{Delete: true}); err != nil {
			t.Fatal(err)
		}
		if strings.Join(pub.puts, " ") != "sales/index.html" {
			t.Errorf("uploaded %v, want only sales/index.html", pub.puts)
		}
	})
	t.Run("no site", func(t *testing.T) {
		if _, err := Deploy(ctx, filepath.Join(dir, "nope"), pub, DeployOptions{}); err == nil || !strings.Contains(err.Error(), "run dashsmith build first") {
			t.Errorf("err %v", err)
		}
	})
}
