package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// site writes a config and, when more is not "", an annotations.yaml.
func site(t *testing.T, config, more string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if more != "" {
		if err := os.WriteFile(filepath.Join(dir, AnnotationsFile), []byte(more), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, FileName)
}

func TestLoadAnnotations(t *testing.T) {
	path := site(t, "title: x\ntimezone: Asia/Tokyo\nannotations:\n  - {at: 2026-11-02, text: \"v2 launch\"}\n  - at: 2026-11-10T09:00:00Z\n    until: 2026-11-12\n    text: Black Friday sale\ncardinality: 10\n",
		"# releases\n- {at: 2026-12-01, text: \"</script><b>x</b>\"}\n")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Annotations) != 3 || c.Cardinality != 10 {
		t.Fatalf("%+v", c)
	}
	for i, want := range []struct {
		file string
		line int
	}{{FileName, 4}, {FileName, 5}, {AnnotationsFile, 2}} {
		if a := c.Annotations[i]; !strings.HasSuffix(a.File, want.file) || a.Line != want.line {
			t.Errorf("annotation %d at %s:%d, want %s:%d", i, a.File, a.Line, want.file, want.line)
		}
	}
	loc, _ := c.Location()
	as, errs := build.ResolveAnnotations(c.Annotations, loc)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if got := as[0].At; !got.Equal(time.Date(2026, 11, 2, 0, 0, 0, 0, loc)) || !as[0].Until.IsZero() {
		t.Errorf("a date is its midnight in the site's zone: %v", got)
	}
	if as[1].At != time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC) || !as[1].Until.Equal(time.Date(2026, 11, 12, 0, 0, 0, 0, loc)) {
		t.Errorf("span %v..%v", as[1].At, as[1].Until)
	}
}

func TestLoadAnnotations_Errors(t *testing.T) {
	for name, tc := range map[string]struct{ config, more, want string }{
		"BadDate":            {"annotations:\n  - {at: 2026-11-02, text: ok}\n  - {at: next tuesday, text: v2}\n", "", `dashsmith.yaml:3: annotation: at "next tuesday": write a date such as 2026-11-02`},
		"NoText":             {"annotations:\n  - {at: 2026-11-02}\n", "", "dashsmith.yaml:2: annotation at 2026-11-02 has no text"},
		"UntilFirst":         {"title: x\n", "- {at: 2026-11-02, until: 2026-11-01, text: sale}\n", `annotations.yaml:1: annotation "sale": until 2026-11-01 is not after at 2026-11-02`},
		"LongText":           {"title: x\n", "- {at: 2026-11-02, text: " + strings.Repeat("x", 201) + "}\n", "annotations.yaml:1: annotation at 2026-11-02: text of 201 characters: at most 200"},
		"UnknownKey":         {"title: x\n", "- {at: 2026-11-02, txt: sale}\n", `annotations.yaml:1: unknown key "txt" (did you mean "text" or "at"?)`},
		"UnknownKeyInConfig": {"title: x\nannotations:\n  - at: 2026-11-02\n    text: sale\n    untill: 2026-11-04\n", "", `dashsmith.yaml:5: unknown key "untill" (did you mean "until"?)`},
		"TooMany":            {"title: x\n", strings.Repeat("- {at: 2026-11-02, text: x}\n", build.MaxAnnotations+1), "annotations.yaml:1001: annotations: 1001 of them: a site keeps at most 1000"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(site(t, tc.config, tc.more))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant %s", err, tc.want)
			}
		})
	}
}
