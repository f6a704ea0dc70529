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
	for _, p := range pl {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		err := p.Run(ctx, s)
		var list ErrorList
		switch {
		case err == nil:
		case errors.As(err, &list):
			problems = append(problems, list...)
			s.dropBroken(list)
		default:
			return fmt.Errorf("%s: %w", p.Name(), err)
		}
		slog.Debug("plugin done", "plugin", p.Name(), "took", time.Since(start))
	}
	return problems.Err()
}

// dropBroken removes the pages that problems name ("content/" + Source).
func (s *Site) dropBroken(problems ErrorList) {
	broken := map[string]bool{}
	for _, e := range problems {
		broken[e.File] = true
	}
	kept := s.Pages[:0]
	for _, p := range s.Pages {
		if !broken["content/"+p.Source] {
			kept = append(kept, p)
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
