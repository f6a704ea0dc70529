package starter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// WorkflowPath is where a site's GitHub Actions workflow goes, relative to
// the site folder.
const WorkflowPath = ".github/workflows/dashboards.yml"

// The workflow template's placeholders: the version it installs (a quoted
// YAML string) and a comment line that says what that version is.
var (
	pinToken  = []byte(`"DASHSMITH_PIN"`)
	noteToken = []byte("# DASHSMITH_PIN_NOTE")
)

// Pin is the dashsmith that a workflow installs with go install: a
// release or pseudo-version ("v0.3.0"), a commit ("1a2b3c4d5e6f") or
// "latest", and a one-line note for the reader on what it is.
type Pin struct {
	Version string
	Note    string
}

// pinnable is what go install accepts after "@" that a workflow may hold:
// a module version, a commit hash, or latest. Anything else (a space, a
// quote, a newline) could change the YAML around it.
var pinnable = regexp.MustCompile(`^(v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?|[0-9a-f]{7,40}|latest)$`)

// Workflow fills the template's placeholders with pin. It is an error
// when the template lacks one, or when the pin is not a version, a commit
// or latest, or its note is not one line.
func Workflow(template []byte, pin Pin) ([]byte, error) {
	if !pinnable.MatchString(pin.Version) {
		return nil, fmt.Errorf("workflow: %q is not a version, a commit or latest", pin.Version)
	}
	if bytes.ContainsAny([]byte(pin.Note), "\r\n") {
		return nil, fmt.Errorf("workflow: the note %q is more than one line", pin.Note)
	}
	if bytes.Count(template, pinToken) != 1 || bytes.Count(template, noteToken) != 1 {
		return nil, errors.New("workflow: the template has no single place for the version and its note")
	}
	out := bytes.Replace(template, noteToken, []byte("# "+pin.Note), 1)
	return bytes.Replace(out, pinToken, []byte(`"`+pin.Version+`"`), 1), nil
}

// WriteWorkflow writes data to dir's WorkflowPath, making its folders. It
// never overwrites a workflow that is there already.
func WriteWorkflow(dir string, data []byte) error {
	dst := filepath.Join(dir, filepath.FromSlash(WorkflowPath))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s is there already: remove it first to write it again", filepath.Join(dir, filepath.FromSlash(WorkflowPath)))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
