package ghpages

import (
	"context"
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestRun(t *testing.T) {
	s := &build.Site{Config: build.Config{CNAME: "Metrics.Acme.example"}}
	if err := New().Run(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Files[".nojekyll"]; !ok || string(s.Files["CNAME"]) != "metrics.acme.example\n" {
		t.Errorf("files %q", s.Files)
	}
	s = &build.Site{}
	if err := New().Run(context.Background(), s); err != nil || s.Files["CNAME"] != nil {
		t.Errorf("no cname: %v %q", err, s.Files)
	}
	for _, bad := range []string{"https://x.example", "x", "a b.example"} {
		if err := New().Run(context.Background(), &build.Site{Config: build.Config{CNAME: bad}}); err == nil {
			t.Errorf("cname %q gave no error", bad)
		}
	}
}
