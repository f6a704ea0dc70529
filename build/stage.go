package build

import (
	"context"
	"fmt"
)

// Stage is a kind of work a build does, in the order a build does it. A
// plugin says which stage it does by implementing Staged; a plugin that
// works around the others (page reuse, caches) is placed in a pipeline
// by Hooks at stages, never by the names of the plugins that do the work,
// so renaming or replacing a plugin cannot move or drop it.
type Stage int

// The stages of a build, in order.
const (
	Unstaged    Stage = iota // a plugin that declares no stage
	ReadStage                // pages read from files: Source, URL and the raw file as Body
	ParseStage               // frontmatter split off: Meta, Line and the Markdown Body
	ExpandStage              // pages made: template pages replaced by their copies, the ingestion page added
	ListStage                // pages put in order, the home page added
	DataStage                // queries answered (Data, Through)
	RenderStage              // bodies rendered to HTML: Markdown, blocks, charts
	LayoutStage              // bodies laid out into whole documents, theme files added
	FinishStage              // files for the host the site is published on
)

// Every page is made and in its place before any data is asked for, so
// the stages from data to layout can take one page at a time through
// all of them (see PageRunner): a page's layout lists the others, and
// needs nothing of their data or HTML.

var stageNames = [...]string{"unstaged", "read", "parse", "expand", "list", "data", "render", "layout", "finish"}

// String returns the stage's name ("render").
func (st Stage) String() string {
	if st >= 0 && int(st) < len(stageNames) {
		return stageNames[st]
	}
	return fmt.Sprintf("stage(%d)", int(st))
}

// Staged is implemented by plugins that do one stage's work.
type Staged interface {
	Stage() Stage
}

// StageOf returns the stage p declares, Unstaged when it declares none.
func StageOf(p Plugin) Stage {
	if s, ok := p.(Staged); ok {
		return s.Stage()
	}
	return Unstaged
}

// Hook is a plugin placed beside a stage: right after the last plugin of
// a stage at or before At when After is set, else right before the first
// plugin of a stage at or after At. Placed, it counts as a plugin of
// stage At, so a hook placed later at the same point runs after it.
type Hook struct {
	At     Stage
	After  bool
	Plugin Plugin
}

// Place returns a copy of pl with each hook inserted where it says, in
// order. It is an error when no plugin of pl is of a stage the hook can
// be placed by: the hook would otherwise silently not run.
func (pl Pipeline) Place(hooks ...Hook) (Pipeline, error) {
	out := append(Pipeline(nil), pl...)
	for _, h := range hooks {
		at := -1
		for i, p := range out {
			st := StageOf(p)
			if st == Unstaged {
				continue
			}
			if h.After && st <= h.At {
				at = i + 1
			}
			if !h.After && st >= h.At {
				at = i
				break
			}
		}
		if at < 0 {
			where := "before"
			if h.After {
				where = "after"
			}
			return nil, fmt.Errorf("%s runs %s the %s stage, and no plugin of the pipeline does that stage or one %s it", h.Plugin.Name(), where, h.At, map[bool]string{true: "before", false: "after"}[h.After])
		}
		var placed Plugin = hooked{h.Plugin, h.At}
		if r, ok := h.Plugin.(PageRunner); ok {
			placed = hookedRunner{r, h.At}
		}
		out = append(out[:at], append(Pipeline{placed}, out[at:]...)...)
	}
	return out, nil
}

// hooked is a placed hook: its plugin, of the stage it was placed at.
type hooked struct {
	Plugin
	at Stage
}

func (h hooked) Stage() Stage { return h.at }

// hookedRunner is a placed hook that works page by page: it stays a
// PageRunner, so that it runs in the row of its neighbours.
type hookedRunner struct {
	PageRunner
	at Stage
}

func (h hookedRunner) Stage() Stage { return h.at }

// StageFunc adapts a function to a Plugin that does stage st.
func StageFunc(st Stage, name string, fn func(ctx context.Context, s *Site) error) Plugin {
	return hooked{funcPlugin{name, fn}, st}
}
