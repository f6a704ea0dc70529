package build

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// AnnotationSpec is one site annotation as written, in dashsmith.yaml's
// annotations: or in annotations.yaml: `{at: 2026-11-02, text: "v2
// launch"}`, with until: for a span. File and Line say where, for errors.
type AnnotationSpec struct {
	At    string `yaml:"at"`
	Until string `yaml:"until"`
	Text  string `yaml:"text"`
	File  string `yaml:"-" json:"-"`
	Line  int    `yaml:"-" json:"-"`
}

// Annotation is a resolved annotation: a moment (Until zero) or the span
// [At, Until), and its text.
type Annotation struct {
	At    time.Time
	Until time.Time
	Text  string
}

// Limits on a site's annotations, so that a chart's overlay stays small.
const (
	MaxAnnotations    = 1000 // over dashsmith.yaml and annotations.yaml together
	MaxAnnotationText = 200  // characters of an annotation's text
)

// Resolve reads the spec's times in loc (a date is its midnight there; an
// RFC 3339 time is that instant) and checks it: a text of 1 to
// MaxAnnotationText characters with no control characters, and an until
// after at. Errors say what to write.
func (a AnnotationSpec) Resolve(loc *time.Location) (Annotation, error) {
	at, err := annotationTime("at", a.At, loc)
	if err != nil {
		return Annotation{}, err
	}
	out := Annotation{At: at, Text: strings.TrimSpace(a.Text)}
	if strings.TrimSpace(a.Until) != "" {
		if out.Until, err = annotationTime("until", a.Until, loc); err != nil {
			return Annotation{}, err
		}
		if !out.Until.After(at) {
			return Annotation{}, fmt.Errorf("annotation %q: until %s is not after at %s: a span ends after it starts", out.Text, a.Until, a.At)
		}
	}
	switch n := utf8.RuneCountInString(out.Text); {
	case n == 0:
		return Annotation{}, fmt.Errorf("annotation at %s has no text: add e.g. `text: \"v2 launch\"`", a.At)
	case n > MaxAnnotationText:
		return Annotation{}, fmt.Errorf("annotation at %s: text of %d characters: at most %d", a.At, n, MaxAnnotationText)
	case !utf8.ValidString(out.Text) || strings.IndexFunc(out.Text, controlRune) >= 0:
		return Annotation{}, fmt.Errorf("annotation at %s: its text holds a control character", a.At)
	}
	return out, nil
}

// annotationTime reads a date (2026-11-02, midnight in loc) or an RFC 3339
// time.
func annotationTime(key, s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("annotation: no %s: write a date such as %s: 2026-11-02, or an RFC 3339 time", key, key)
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("annotation: %s %q: write a date such as 2026-11-02, or an RFC 3339 time such as 2026-11-02T14:00:00Z", key, s)
}

// ResolveAnnotations resolves every spec in loc, in order, with an error
// at its file and line for each that does not resolve, and one for more
// than MaxAnnotations.
func ResolveAnnotations(specs []AnnotationSpec, loc *time.Location) ([]Annotation, ErrorList) {
	var out []Annotation
	var errs ErrorList
	if len(specs) > MaxAnnotations {
		last := specs[MaxAnnotations]
		errs = append(errs, Errorf(last.File, last.Line, "annotations: %d of them: a site keeps at most %d", len(specs), MaxAnnotations))
		return nil, errs
	}
	for _, s := range specs {
		a, err := s.Resolve(loc)
		if err != nil {
			errs = append(errs, Errorf(s.File, s.Line, "%v", err))
			continue
		}
		out = append(out, a)
	}
	return out, errs
}
