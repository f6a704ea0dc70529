// Package ghpages makes a built site ready for GitHub Pages: an empty
// .nojekyll, so Pages serves the files as they are (no Jekyll run, and
// folders starting with _ are kept), and a CNAME file when the config
// names a custom domain (cname: metrics.acme.example).
//
// Both files matter only when Pages publishes from a branch (a gh-pages
// branch that a workflow pushes to). A site published by a GitHub Actions
// workflow (upload-pages-artifact and deploy-pages, as dashsmith new
// --github writes) runs no Jekyll, and GitHub ignores its CNAME: its
// custom domain is set in the repository's Settings > Pages.
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
