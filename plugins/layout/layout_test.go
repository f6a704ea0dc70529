package layout

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

var now = time.Date(2026, 3, 4, 15, 30, 0, 0, time.FixedZone("EST", -5*3600))

func site(dir string) *build.Site {
	return &build.Site{
		Dir:    dir,
		Config: build.Config{Title: `Acme <metrics>`},
		Now:    now,
		Pages: []*build.Page{
			{URL: "", Meta: build.Meta{Title: "Home", Layout: "index"}, Body: []byte("<p>hi</p>")},
			{Source: "sales/checkout.md", URL: "sales/checkout/", Meta: build.Meta{Title: `"><img src=x onerror=alert(1)>`}, Body: []byte("<p>orders</p>")},
			{Source: "wide.md", URL: "wide/", Meta: build.Meta{Title: "Wide", Layout: "wide"}, Body: []byte("<p>wide</p>")},
		},
	}
}

func TestLayout_Run(t *testing.T) {
	theme := os.DirFS(filepath.Join("testdata", "theme"))
	static := os.DirFS(filepath.Join("testdata", "static"))
	t.Run("OK", func(t *testing.T) {
		s := site(filepath.Join("testdata", "site"))
		if err := New(theme, static, "").Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"": `<html><head><title>Home</title><link href="assets/site.css"></head><body><h1>Index of Acme &lt;metrics&gt;</h1><p>hi</p>|site footer 2026-03-04T20:30:00Z
</body></html>
`,
			"sales/checkout/": `<html><head><title>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</title><link href="../../assets/site.css"></head><body><h1>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1><p>orders</p><nav><a href="../../index.html">Home</a><a href="../../sales/checkout/index.html" aria-current="page">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</a><a href="../../wide/index.html">Wide</a></nav>|site footer 2026-03-04T20:30:00Z
</body></html>
`,
			"wide/": `<html><head><title>Wide</title><link href="../assets/site.css"></head><body><div class="wide"><p>wide</p></div>|site footer 2026-03-04T20:30:00Z
</body></html>
`,
		}
		for _, p := range s.Pages {
			if string(p.Body) != want[p.URL] {
				t.Errorf("%q: got\n%s\nwant\n%s", p.URL, p.Body, want[p.URL])
			}
		}
		if string(s.Files["assets/site.css"]) != "body{}\n" || string(s.Files["assets/img/logo.png"]) != "png\n" || len(s.Files) != 2 {
			t.Errorf("files: %v", s.Files)
		}
	})
	t.Run("ThemeOnly", func(t *testing.T) {
		s := site(filepath.Join("testdata", "nosuchsite"))
		s.Pages = s.Pages[:2]
		if err := New(theme, nil, "").Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(s.Pages[0].Body), "|theme footer 2026-03-04T20:30:00Z") {
			t.Errorf("theme footer not used:\n%s", s.Pages[0].Body)
		}
	})
	t.Run("EmbedRoots", func(t *testing.T) {
		// dashsmith.Layouts and dashsmith.Static keep their folder names.
		themeFS := fstest.MapFS{
			"layouts/baseof.html":         {Data: []byte(`{{ block "main" . }}{{ end }}`)},
			"layouts/page.html":           {Data: []byte(`{{ define "main" }}page {{ .Page.Title }}{{ end }}`)},
			"layouts/index.html":          {Data: []byte(`{{ define "main" }}home{{ end }}`)},
			"layouts/partials/empty.html": {Data: []byte(``)},
		}
		staticFS := fstest.MapFS{"static/dashsmith.css": {Data: []byte("css")}}
		s := site(filepath.Join("testdata", "nosuchsite"))
		s.Pages = s.Pages[:2]
		if err := New(themeFS, staticFS, "").Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if string(s.Pages[0].Body) != "home" || !strings.HasPrefix(string(s.Pages[1].Body), "page &#34;") {
			t.Fatalf("bodies %q, %q", s.Pages[0].Body, s.Pages[1].Body)
		}
		if string(s.Files["assets/dashsmith.css"]) != "css" || len(s.Files) != 1 {
			t.Fatalf("files %v", s.Files)
		}
	})
	t.Run("UnknownLayout", func(t *testing.T) {
		s := site(filepath.Join("testdata", "nosuchsite"))
		err := New(theme, nil, "").Run(context.Background(), s)
		want := `content/wide.md: unknown layout "wide" (layouts: index, page)`
		if err == nil || err.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
	})
	t.Run("BadTemplate", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "layouts", "page.html"), []byte("{{ define \"main\" }}{{ .Nope }"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := New(theme, nil, dir).Run(context.Background(), site(dir))
		if err == nil || !strings.Contains(err.Error(), "page.html:1") || !strings.Contains(err.Error(), "in the site's layouts/") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestLayout_Symlinks(t *testing.T) {
	theme := os.DirFS(filepath.Join("testdata", "theme"))
	outside := filepath.Join(t.TempDir(), "secret.html")
	if err := os.WriteFile(outside, []byte("SECRET_TOKEN=x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "footer.html"), []byte("|linked footer"), 0o644); err != nil {
		t.Fatal(err)
	}
	footer := filepath.Join(dir, "layouts", "partials", "footer.html")
	t.Run("Inside", func(t *testing.T) {
		if err := os.Symlink(filepath.Join("..", "..", "footer.html"), footer); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		defer os.Remove(footer)
		s := twoPages(dir)
		if err := New(theme, nil, "").Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(s.Pages[0].Body), "|linked footer") {
			t.Fatalf("a link inside the site is not used:\n%s", s.Pages[0].Body)
		}
	})
	for name, target := range map[string]string{"Absolute": outside, "Environ": "/proc/self/environ"} {
		t.Run(name, func(t *testing.T) {
			if err := os.Symlink(target, footer); err != nil {
				t.Skipf("no symlinks here: %v", err)
			}
			defer os.Remove(footer)
			s := twoPages(dir)
			err := New(theme, nil, "").Run(context.Background(), s)
			want := "layouts/partials/footer.html: symlink leads outside the site folder"
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("got %v, want %q", err, want)
			}
			for _, p := range s.Pages {
				if strings.Contains(string(p.Body), "SECRET_TOKEN") {
					t.Fatalf("%q published the secret", p.URL)
				}
			}
		})
	}
	t.Run("Folder", func(t *testing.T) {
		// The whole layouts/ folder a link out of the site.
		elsewhere := t.TempDir()
		if err := os.WriteFile(filepath.Join(elsewhere, "page.html"), []byte(`{{ define "main" }}SECRET_TOKEN{{ end }}`), 0o644); err != nil {
			t.Fatal(err)
		}
		other := t.TempDir()
		if err := os.Symlink(elsewhere, filepath.Join(other, "layouts")); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		err := New(theme, nil, "").Run(context.Background(), twoPages(other))
		if err == nil || !strings.HasPrefix(err.Error(), "layouts: symlink leads outside the site folder") {
			t.Fatalf("got %v", err)
		}
	})
}

// twoPages is site(dir) without the page whose layout only testdata/site has.
func twoPages(dir string) *build.Site {
	s := site(dir)
	s.Pages = s.Pages[:2]
	return s
}
