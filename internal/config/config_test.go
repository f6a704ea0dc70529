package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	_ "time/tzdata" // zones without the system's database

	"github.com/dashsmith/dashsmith/build"
)

func TestLoad(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		c, err := Load(filepath.Join("testdata", "ok.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		want := build.Config{Title: "Acme metrics", Timezone: "America/New_York", Store: "bolt:.dashsmith/rollup.db", Events: "./events"}
		if !reflect.DeepEqual(c, want) {
			t.Fatalf("got %+v, want %+v", c, want)
		}
	})
	for _, tc := range []struct{ name, file, want string }{
		{"UnknownKeys", "unknown.yaml", "testdata/unknown.yaml:3: unknown key \"titel\" (did you mean \"title\"?)\ntestdata/unknown.yaml:5: unknown key \"evnts\" (did you mean \"events\"?)"},
		{"BadTimezone", "badtz.yaml", `testdata/badtz.yaml:2: timezone "Mars/Olympus_Mons": not an IANA zone name such as America/New_York or UTC`},
		{"Syntax", "syntax.yaml", "testdata/syntax.yaml:2: bad YAML: the list or mapping opened on this line is not closed: end it with ] (or put the value in quotes)"},
		{"Duplicate", "dup.yaml", `testdata/dup.yaml:2: duplicate key "title"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("testdata/" + tc.file)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got error\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		_, err := Load(filepath.Join("testdata", "nope", "dashsmith.yaml"))
		if err == nil || !strings.Contains(err.Error(), "--config") || !strings.Contains(err.Error(), "site folder") {
			t.Fatalf("got %v, want a hint to run in a site folder or pass --config", err)
		}
	})
}

func TestLoad_Symlinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(outside, []byte("title: SECRET_TOKEN\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "configs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "configs", "prod.yaml"), []byte("title: Prod\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(site, FileName)
	t.Run("Inside", func(t *testing.T) {
		if err := os.Symlink(filepath.Join("configs", "prod.yaml"), file); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		defer os.Remove(file)
		c, err := Load(file)
		if err != nil || c.Title != "Prod" {
			t.Fatalf("got %+v, %v", c, err)
		}
	})
	t.Run("Outside", func(t *testing.T) {
		if err := os.Symlink(outside, file); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
		defer os.Remove(file)
		c, err := Load(file)
		want := filepath.ToSlash(file) + ": symlink leads outside the site folder"
		if err == nil || !strings.HasPrefix(err.Error(), want) || c.Title != "" {
			t.Fatalf("got %+v, %v; want %q", c, err, want)
		}
	})
}

func TestLoadRollups(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		p := filepath.Join(dir, "dashsmith.yaml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := Load(write("title: x\nrollups:\n  - {event: Order Completed, measures: [sum(revenue), unique(userId)], by: [plan]}\ncardinality: 50\ndedupe: messageId\ndedupe_window: 48h\n"))
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := c.Rollups[0].Expand()
	if len(rs) != 5 || c.CardinalityCap() != 50 { // with the count by plan
		t.Errorf("rollups %v cap %d", rs, c.CardinalityCap())
	}
	if d, _ := c.DedupeSpan(); d.Hours() != 48 {
		t.Errorf("dedupe window %v, want 48h", d)
	}
	for body, want := range map[string]string{
		"rollups:\n  - {event: x, measures: [mean(x)]}\n": `dashsmith.yaml:1: rollups: event "x": unknown measure "mean(x)"`,
		"dedupe: userId\n": `dashsmith.yaml:1: dedupe "userId": the only key is messageId`,
		"rollups:\n  - {event: x, mesures: [count]}\n": `dashsmith.yaml:2: unknown key "mesures" (did you mean "measures"?)`,
		"title: x\ncardinality: 20000\n":               `dashsmith.yaml:2: cardinality 20000: breakdown values kept per rollup and hour, from 1 to 10000 (default 1000)`,
	} {
		_, err := Load(write(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%q) = %v, want %q", body, err, want)
		}
	}
}
