package storetest

import (
	"bufio"
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dashsmith/dashsmith/build"
)

// tsvDecoder is the oracle's event format, read by the core's real fold
// (build.NewParser): one event a line, tab-separated: event name, time
// (RFC 3339), message ID, the plan ("" when missing), and the value of x
// as a kind and its text. The kinds are "n" (a JSON number), "s" (a
// string), "b" (true, false or an object), "null", and "" (missing).
type tsvDecoder struct{}

func (tsvDecoder) TopLevel(string) bool { return false }

func (tsvDecoder) Decode(r io.Reader, s build.Sink) (int64, error) {
	sc := bufio.NewScanner(r)
	var n int64
	l := &tsvLine{}
	l.ev.Line = l
	for sc.Scan() {
		text := sc.Text()
		n += int64(len(text)) + 1
		f := strings.Split(text, "\t")
		if len(f) != 6 {
			s.Reject("bad line")
			continue
		}
		t, err := time.Parse(time.RFC3339, f[1])
		if err != nil {
			s.Reject("bad time")
			continue
		}
		l.ev.Name, l.ev.Time = []byte(f[0]), t.UTC()
		l.id, l.plan, l.kind, l.x = f[2], f[3], f[4], f[5]
		s.Event(&l.ev)
	}
	return n, sc.Err()
}

// tsvLine is the line being read.
type tsvLine struct {
	ev                build.Event
	id, plan, kind, x string
	paths             []string
}

func (l *tsvLine) ID(*[]byte) []byte { return []byte(l.id) }

func (l *tsvLine) Received() (time.Time, bool, bool) { return time.Time{}, false, false }

func (l *tsvLine) Lookup(p *build.Paths) { l.paths = p.List }

func (l *tsvLine) Value(i int, _ *[]byte) (build.ValueKind, []byte) {
	switch l.paths[i] {
	case "plan":
		if l.plan == "" {
			return build.NoValue, nil
		}
		return build.StringValue, []byte(l.plan)
	case "kind": // the kind of x, as text: a second property to combine with plan
		if l.kind == "" {
			return build.NoValue, nil
		}
		return build.StringValue, []byte(l.kind)
	case "x":
		switch l.kind {
		case "n":
			return build.NumberValue, []byte(l.x)
		case "s":
			return build.StringValue, []byte(l.x)
		case "b":
			return build.OtherValue, []byte(l.x)
		case "null":
			return build.NullValue, nil
		}
	}
	return build.NoValue, nil
}

func (l *tsvLine) Props(p *build.Props) {
	if l.plan != "" {
		p.Add([]byte("plan"))
	}
	if l.kind != "" {
		p.Add([]byte("x"))
	}
}

// tsvSource is a build.Source of the oracle's files, by key.
type tsvSource map[string]string

func (w tsvSource) List(context.Context) ([]build.FileInfo, error) {
	var out []build.FileInfo
	for k, v := range w {
		out = append(out, build.FileInfo{Key: k, Size: int64(len(v))})
	}
	slices.SortFunc(out, func(a, b build.FileInfo) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

func (w tsvSource) Open(_ context.Context, key string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(w[key])), nil
}
