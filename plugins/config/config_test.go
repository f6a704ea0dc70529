package config

import (
	"path/filepath"
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
		if c != want {
			t.Fatalf("got %+v, want %+v", c, want)
		}
	})
	for _, tc := range []struct{ name, file, want string }{
		{"UnknownKeys", "unknown.yaml", "testdata/unknown.yaml:3: unknown key \"titel\"\ntestdata/unknown.yaml:5: unknown key \"evnts\""},
		{"BadTimezone", "badtz.yaml", `testdata/badtz.yaml:2: timezone "Mars/Olympus_Mons": not an IANA zone name such as America/New_York or UTC`},
		{"Syntax", "syntax.yaml", "testdata/syntax.yaml:2: bad YAML: did not find expected ',' or ']'"},
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
