// Package ghpages makes a built site ready for GitHub Pages: an empty
// .nojekyll, so Pages serves the files as they are (no Jekyll run, and
// folders starting with _ are kept), and a CNAME file when the config
// names a custom domain (cname: metrics.acme.example).
package ghpages

import (
	"context"
	"fmt"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// Pages is the plugin.
type Pages struct{}

var _ build.Plugin = (*Pages)(nil)

// New returns the plugin.
func New() *Pages { return &Pages{} }

// Name implements build.Plugin.
func (*Pages) Name() string { return "ghpages" }

// Stage implements build.Staged: it adds GitHub Pages' files.
func (*Pages) Stage() build.Stage { return build.FinishStage }

// Run adds .nojekyll and, with cname:, CNAME.
func (*Pages) Run(_ context.Context, s *build.Site) error {
	if s.Files == nil {
		s.Files = map[string][]byte{}
	}
	s.Files[".nojekyll"] = []byte{}
	name := strings.TrimSpace(s.Config.CNAME)
	if name == "" {
		return nil
	}
	if strings.ContainsAny(name, "/: \t\r\n") || !strings.Contains(name, ".") {
		return fmt.Errorf("dashsmith.yaml: cname %q: write a bare domain such as metrics.acme.example", name)
	}
	s.Files["CNAME"] = []byte(strings.ToLower(name) + "\n")
	return nil
}
