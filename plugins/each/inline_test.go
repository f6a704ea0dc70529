package each

import (
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestInlineEach(t *testing.T) {
	fn := New().Inlines()["each"]
	got, err := fn(nil, &build.Page{Each: `<b>"Pro" & co</b>`}, nil)
	if err != nil || string(got) != "&lt;b&gt;&#34;Pro&#34; &amp; co&lt;/b&gt;" {
		t.Errorf("{{ each }} = %q, %v; want the value, escaped", got, err)
	}
	got, err = fn(nil, &build.Page{Each: "pro\u202e\u2066"}, nil)
	if err != nil || string(got) != "pro&lt;U+202E&gt;&lt;U+2066&gt;" {
		t.Errorf("{{ each }} = %q, %v; want the bidirectional controls written out", got, err)
	}
	if _, err := fn(nil, &build.Page{}, nil); err == nil || !strings.Contains(err.Error(), "each:") {
		t.Errorf("{{ each }} on a page that is no template's copy: %v, want an error", err)
	}
	if _, err := fn(nil, &build.Page{Each: "pro"}, []string{"x"}); err == nil {
		t.Error(`{{ each "x" }}: want an error`)
	}
}
