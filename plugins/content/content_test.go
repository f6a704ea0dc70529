package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestContent_Run(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s := &build.Site{}
		if err := New(filepath.Join("testdata", "site")).Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range s.Pages {
			got = append(got, p.Source+" -> "+p.URL)
			if string(p.Body) != "# "+p.Source+"\n" || p.Line != 1 {
				t.Errorf("%s: body %q line %d", p.Source, p.Body, p.Line)
			}
		}
		want := []string{
			"Sign Ups.md -> sign-ups/",
			"index.md -> ",
			"sales/checkout.md -> sales/checkout/",
			"sales/index.md -> sales/",
			"traffic.md -> traffic/",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("SiteDir", func(t *testing.T) {
		s := &build.Site{Dir: "testdata"}
		err := New("").Run(context.Background(), s)
		if err == nil || !strings.Contains(err.Error(), "no folder testdata/content/ here") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("Conflicts", func(t *testing.T) {
		s := &build.Site{}
		err := New(filepath.Join("testdata", "dup")).Run(context.Background(), s)
		want := "content/+++.md: cannot make a URL of \"+++\": use letters or digits in file and folder names\n" +
			"content/check-out.md: same URL \"check-out/\" as content/check out.md: rename one of them"
		if err == nil || err.Error() != want {
			t.Fatalf("got\n%v\nwant\n%s", err, want)
		}
	})
}

func TestContent_Symlinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("SECRET_TOKEN=x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(site, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	write("content/index.md", "# home\n")
	write("shared/orders.md", "# orders\n")
	link(filepath.Join("..", "shared", "orders.md"), "content/orders.md") // stays inside the site

	t.Run("Inside", func(t *testing.T) {
		s := &build.Site{Dir: site}
		if err := New("").Run(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		if len(s.Pages) != 2 || s.Pages[1].Source != "orders.md" || string(s.Pages[1].Body) != "# orders\n" {
			t.Fatalf("pages: %+v", s.Pages)
		}
	})
	for name, target := range map[string]string{
		"leak.md":    outside,                                                                      // absolute, outside
		"up.md":      filepath.Join("..", "..", filepath.Base(filepath.Dir(outside)), "secret.md"), // relative, outside
		"environ.md": "/proc/self/environ",                                                         // the reported leak
	} {
		t.Run("Outside/"+name, func(t *testing.T) {
			link(target, "content/"+name)
			defer os.Remove(filepath.Join(site, "content", name))
			s := &build.Site{Dir: site}
			err := New("").Run(context.Background(), s)
			want := "content/" + name + ": symlink leads outside the site folder"
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("got %v, want %q", err, want)
			}
			for _, p := range s.Pages {
				if strings.Contains(string(p.Body), "SECRET_TOKEN") {
					t.Fatalf("%s published the secret", p.Source)
				}
			}
		})
	}
}

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"index.md":               "",
		"traffic.md":             "traffic/",
		"sales/index.md":         "sales/",
		"sales/Checkout.md":      "sales/checkout/",
		"Sales Team/Q1 (EU).md":  "sales-team/q1-eu/",
		"pods/installs--v2_b.md": "pods/installs-v2-b/",
		"été/Café.md":            "ete/cafe/",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := URL(in)
			if err != nil || got != want {
				t.Fatalf("URL(%q) = %q, %v; want %q", in, got, err, want)
			}
		})
	}
}
