package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinySite writes a site of one dashboard with no queries into a new
// folder and returns it.
func tinySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	for name, text := range map[string]string{
		"dashsmith.yaml":   "title: Tiny\n",
		"content/index.md": "---\ntitle: Home\n---\n# Home\n",
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBuild_SymlinkOutOfSite reproduces the leak of issue 11: a symlink
// from the site to a file outside it (the process's environment, a secret
// file) was read and published. Each one now fails the build, naming the
// file, and nothing is written; a link inside the site still works.
func TestBuild_SymlinkOutOfSite(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("title: SECRET_TOKEN_IN_A_FILE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, link, target string }{
		{"Content", "content/leak.md", "/proc/self/environ"},
		{"ContentFile", "content/leak.md", secret},
		{"Layouts", "layouts/partials/footer.html", "/proc/self/environ"},
		{"Static", "static/leak.css", secret},
		{"Config", "dashsmith.yaml", secret},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tinySite(t)
			link := filepath.Join(dir, filepath.FromSlash(tc.link))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			_ = os.Remove(link)
			if err := os.Symlink(tc.target, link); err != nil {
				t.Skipf("no symlinks here: %v", err)
			}
			t.Setenv("SECRET_TOKEN", "SECRET_TOKEN_IN_THE_ENV")
			cmd := runBin(t, dir, binDashsmith, "build")
			want := tc.link + ": symlink leads outside the site folder"
			if cmd.code != 1 || !strings.Contains(cmd.stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", cmd.code, cmd.stderr, want)
			}
			noSecret(t, filepath.Join(dir, "public"))
		})
	}
	t.Run("Inside", func(t *testing.T) {
		dir := tinySite(t)
		if err := os.MkdirAll(filepath.Join(dir, "shared"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "shared", "orders.md"), []byte("---\ntitle: Orders\n---\n# Orders\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..", "shared", "orders.md"), filepath.Join(dir, "content", "orders.md")); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		mustRun(t, dir, binDashsmith, "build")
		page, err := os.ReadFile(filepath.Join(dir, "public", "orders", "index.html"))
		if err != nil || !strings.Contains(string(page), "Orders") {
			t.Fatalf("a dashboard linked from inside the site was not built: %v", err)
		}
	})
}

// TestBuild_SymlinkIntoHidden: the site folder is often the repository's
// root, and a link that stays inside it can still reach .git/config (which
// holds CI's token after a checkout), the store or a .env file. Such a link
// fails the build, naming the file, and nothing of the target is published.
func TestBuild_SymlinkIntoHidden(t *testing.T) {
	for _, tc := range []struct{ name, link, target, file string }{
		{"GitConfig", "content/leak.md", "../.git/config", ".git/config"},
		{"Env", "content/env.md", "../.env", ".env"},
		{"Layout", "layouts/partials/footer.html", "../../.git/config", ".git/config"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tinySite(t)
			secret := filepath.Join(dir, filepath.FromSlash(tc.file))
			if err := os.MkdirAll(filepath.Dir(secret), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(secret, []byte("SECRET_TOKEN_IN_GIT\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, filepath.FromSlash(tc.link))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(tc.target, link); err != nil {
				t.Skipf("no symlinks here: %v", err)
			}
			cmd := runBin(t, dir, binDashsmith, "build")
			want := tc.link + ": symlink leads into a hidden file or folder of the site"
			if cmd.code != 1 || !strings.Contains(cmd.stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", cmd.code, cmd.stderr, want)
			}
			noSecret(t, filepath.Join(dir, "public"))
		})
	}
}

// noSecret fails the test for every file under dir that holds a secret's
// marker text, SECRET_TOKEN_IN.
func noSecret(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if data, _ := os.ReadFile(p); strings.Contains(string(data), "SECRET_TOKEN_IN") {
			t.Errorf("%s publishes the secret", p)
		}
		return nil
	})
}
