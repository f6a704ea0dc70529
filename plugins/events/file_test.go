package events

import "github.com/dashsmith/dashsmith/build"

// testFile feeds lines one by one to the fold of a batch through the
// decoder's line reader, as Decode does with the lines of a file.
type testFile struct {
	*build.Fold
	l *eventLine
	b *build.Batch
}

func newFile(b *build.Batch, o Options) (*testFile, error) {
	f, err := build.NewFold(b, build.FoldOptions{Cardinality: o.Cardinality, MaxEventNames: o.MaxEventNames})
	return &testFile{Fold: f, l: newLine(), b: b}, err
}

// line reads one non-blank line, as Decode does.
func (f *testFile) line(line []byte) { f.l.read(line, f.Fold) }

// propSink records the property paths of every event, per event name,
// as the fold does, keeping each event's build.Props to look at.
type propSink struct {
	out   map[build.EventProp]bool
	props map[string]*build.Props
}

func (s *propSink) Reject(string) {}

func (s *propSink) Event(e *build.Event) {
	p := s.props[string(e.Name)]
	if p == nil {
		p = build.NewProps(string(e.Name), s.out)
		s.props[string(e.Name)] = p
	}
	e.Line.Props(p)
}
