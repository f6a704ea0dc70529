package build

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Plugin is one stage of a build: it reads and changes the site in place.
type Plugin interface {
	Name() string
	Run(ctx context.Context, s *Site) error
}

// BlockFunc renders the body of a fenced code block (```chart) that starts on
// line of page p. It returns HTML.
type BlockFunc func(s *Site, p *Page, body []byte, line int) ([]byte, error)

// BlockProvider is implemented by plugins that render fenced blocks of
// their own language inside Markdown.
type BlockProvider interface {
	Blocks() map[string]BlockFunc
}

// InlineFunc renders an inline call in a page's prose, such as
// {{ value "orders" }}: args are the call's quoted arguments. It returns
// HTML.
type InlineFunc func(s *Site, p *Page, args []string) ([]byte, error)

// InlineProvider is implemented by plugins that answer inline calls.
type InlineProvider interface {
	Inlines() map[string]InlineFunc
}

// Pipeline is an ordered chain of plugins.
type Pipeline []Plugin

// Run collects the block renderers of every plugin, then runs the plugins in
// order.
//
// A stage that returns an ErrorList (problems in pages) does not stop the
// build: the pages those problems name are dropped, so that later stages
// neither trip over them again nor build them, and the remaining stages
// run over the other pages. Run then returns the problems of every stage
// together, so check reports them all at once. Any other error stops the
// build at the stage that returned it.
//
// A row of plugins that work page by page (PageRunner) runs as one: each
// page goes through all of them before the next page a worker takes, and
// when the row is the pipeline's last and lays pages out, on to s.Output,
// which may write it and let it go. Memory then follows the pages in
// flight, not the site.
func (pl Pipeline) Run(ctx context.Context, s *Site) error {
	if s.Blocks == nil {
		s.Blocks = map[string]BlockFunc{}
	}
	if s.Files == nil {
		s.Files = map[string][]byte{}
	}
	if s.Inlines == nil {
		s.Inlines = map[string]InlineFunc{}
	}
	for _, p := range pl {
		if bp, ok := p.(BlockProvider); ok {
			for lang, fn := range bp.Blocks() {
				s.Blocks[lang] = fn
			}
		}
		if ip, ok := p.(InlineProvider); ok {
			for name, fn := range ip.Inlines() {
				s.Inlines[name] = fn
			}
		}
	}
	var problems ErrorList
	for i := 0; i < len(pl); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		var err error
		if row := pl.row(i); len(row) > 0 {
			var sink PageSink
			if i+len(row) == pl.lastRowEnd() && StageOf(row[len(row)-1]) >= LayoutStage {
				sink = s.Output // the pages are finished
			}
			err = runRow(ctx, s, row, sink, wrapPlugin)
			i += len(row) - 1
		} else if err = pl[i].Run(ctx, s); err != nil {
			err = wrapPlugin(pl[i], err)
		}
		var list ErrorList
		switch {
		case err == nil:
		case errors.As(err, &list):
			problems = append(problems, list...)
			s.dropBroken(list)
		default:
			return err
		}
		slog.Debug("plugin done", "plugin", pl[i].Name(), "took", time.Since(start))
	}
	return problems.Err()
}

// row returns the plugins from i on that run page by page (PageRunner),
// up to the first that does not; none when pl[i] does not.
func (pl Pipeline) row(i int) []PageRunner {
	var row []PageRunner
	for _, p := range pl[i:] {
		r, ok := p.(PageRunner)
		if !ok {
			break
		}
		row = append(row, r)
	}
	return row
}

// lastRowEnd is the index after the last PageRunner of pl.
func (pl Pipeline) lastRowEnd() int {
	for i := len(pl) - 1; i >= 0; i-- {
		if _, ok := pl[i].(PageRunner); ok {
			return i + 1
		}
	}
	return 0
}

// wrapPlugin names the plugin an error that stops the build came from;
// problems in pages (an ErrorList or an *Error) name their file already.
func wrapPlugin(p Plugin, err error) error {
	var list ErrorList
	if errors.As(err, &list) {
		return err
	}
	return fmt.Errorf("%s: %w", p.Name(), err)
}

// dropBroken removes the pages that problems name ("content/" + Source).
// Those a stage marked Broken are kept aside for the later Checkers.
func (s *Site) dropBroken(problems ErrorList) {
	broken := map[string]bool{}
	for _, e := range problems {
		broken[e.File] = true
	}
	kept := s.Pages[:0]
	for _, p := range s.Pages {
		switch {
		case !broken["content/"+p.Source]:
			kept = append(kept, p)
		case p.Broken:
			s.checking = append(s.checking, p)
		}
	}
	clear(s.Pages[len(kept):])
	s.Pages = kept
}

// Func adapts a function to the Plugin interface.
func Func(name string, fn func(ctx context.Context, s *Site) error) Plugin {
	return funcPlugin{name, fn}
}

type funcPlugin struct {
	name string
	fn   func(ctx context.Context, s *Site) error
}

func (f funcPlugin) Name() string                           { return f.name }
func (f funcPlugin) Run(ctx context.Context, s *Site) error { return f.fn(ctx, s) }

var _ Plugin = funcPlugin{}
