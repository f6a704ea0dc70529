package starter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith"
)

// TestWorkflow: the embedded workflow gets the version in its one place,
// as a quoted YAML string, and its note as a comment; a version that is
// not one, or a note of more than one line, is refused, since either
// could change the YAML around it.
func TestWorkflow(t *testing.T) {
	got, err := Workflow(dashsmith.Workflow, Pin{Version: "v1.2.3", Note: "dashsmith v1.2.3 wrote this."})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got, []byte("\n  # dashsmith v1.2.3 wrote this.\n  DASHSMITH_VERSION: \"v1.2.3\"\n")) {
		t.Errorf("the version's place:\n%s", got)
	}
	if bytes.Contains(got, []byte("DASHSMITH_PIN")) {
		t.Error("a placeholder is left")
	}
	if !bytes.Contains(got, []byte(`go install "github.com/dashsmith/dashsmith/cmd/dashsmith@$DASHSMITH_VERSION"`)) {
		t.Error("the workflow does not install the version it pins")
	}
	for _, ok := range []string{"v0.0.0-20261204101500-1a2b3c4d5e6f", "1a2b3c4d5e6f", "latest", "v2.0.0-rc.1"} {
		if _, err := Workflow(dashsmith.Workflow, Pin{Version: ok, Note: "n"}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []Pin{{Version: `v1" x`}, {Version: "v1.2.3\n  evil: 1"}, {Version: ""}, {Version: "main"}, {Version: "v1.2.3", Note: "a\nb: c"}} {
		if out, err := Workflow(dashsmith.Workflow, bad); err == nil {
			t.Errorf("%q was taken:\n%s", bad, out)
		}
	}
	if _, err := Workflow([]byte("name: x\n"), Pin{Version: "v1.2.3"}); err == nil {
		t.Error("a template without placeholders was taken")
	}
}

// TestWriteWorkflow: the workflow goes to .github/workflows/, and never
// over one that is there.
func TestWriteWorkflow(t *testing.T) {
	dir := t.TempDir()
	if err := WriteWorkflow(dir, []byte("one")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ".github", "workflows", "dashboards.yml")
	if b, err := os.ReadFile(path); err != nil || string(b) != "one" {
		t.Fatalf("%q, %v", b, err)
	}
	if err := WriteWorkflow(dir, []byte("two")); err == nil || !strings.Contains(err.Error(), "is there already") {
		t.Errorf("writing it again: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("overwritten: %q", b)
	}
}
