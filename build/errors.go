package build

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a problem in a site's input, at a file and line.
type Error struct {
	File string // slash path relative to the site folder: "content/checkout.md"
	Line int    // 1-based; 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errorf returns an *Error at file:line.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList collects every problem of a build so that check can report them
// all at once.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list, else the list.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Add appends err, flattening lists and wrapping plain errors at file.
func (l *ErrorList) Add(file string, err error) {
	if err == nil {
		return
	}
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &one):
		*l = append(*l, one)
	default:
		*l = append(*l, &Error{File: file, Msg: err.Error()})
	}
}
