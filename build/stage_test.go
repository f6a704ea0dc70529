package build

import (
	"context"
	"strings"
	"testing"
)

// names lists the plugins of pl by name.
func names(pl Pipeline) string {
	var out []string
	for _, p := range pl {
		out = append(out, p.Name())
	}
	return strings.Join(out, " ")
}

func nop(context.Context, *Site) error { return nil }

func TestPipeline_Place(t *testing.T) {
	pl := Pipeline{
		StageFunc(ReadStage, "read", nop),
		StageFunc(ParseStage, "parse", nop),
		Func("unstaged", nop),
		StageFunc(DataStage, "data", nop),
		StageFunc(RenderStage, "render", nop),
		StageFunc(RenderStage, "render2", nop),
		StageFunc(LayoutStage, "layout", nop),
	}
	got, err := pl.Place(
		Hook{At: ReadStage, After: true, Plugin: Func("h1", nop)},
		Hook{At: ReadStage, After: true, Plugin: Func("h2", nop)}, // after h1, placed at read
		Hook{At: RenderStage, Plugin: Func("h3", nop)},
		Hook{At: ListStage, After: true, Plugin: Func("h4", nop)},   // no list stage: after the last before it (parse)
		Hook{At: ExpandStage, Plugin: Func("h5", nop)},              // no expand stage: before the first after it (h4, now of list)
		Hook{At: FinishStage, After: true, Plugin: Func("h6", nop)}, // last
	)
	if err != nil {
		t.Fatal(err)
	}
	want := "read h1 h2 parse h5 h4 unstaged data h3 render render2 layout h6"
	if names(got) != want {
		t.Errorf("placed:\n%s\nwant\n%s", names(got), want)
	}
	if names(pl) != "read parse unstaged data render render2 layout" {
		t.Errorf("Place changed its pipeline: %s", names(pl))
	}
	if StageOf(got[1]) != ReadStage || StageOf(got[2]) != ReadStage {
		t.Error("a placed hook is not of the stage it was placed at")
	}

	// A hook with nothing to be placed by is an error, not a hook that
	// silently never runs.
	for _, h := range []Hook{
		{At: FinishStage, Plugin: Func("late", nop)},
		{At: Unstaged, After: true, Plugin: Func("early", nop)},
	} {
		if _, err := pl.Place(h); err == nil || !strings.HasPrefix(err.Error(), h.Plugin.Name()+" runs ") {
			t.Errorf("%s: got %v", h.Plugin.Name(), err)
		}
	}
	if _, err := (Pipeline{Func("read", nop)}).Place(Hook{At: ReadStage, After: true, Plugin: Func("h", nop)}); err == nil {
		t.Error("a pipeline of unstaged plugins placed a hook")
	}
}

func TestStage_String(t *testing.T) {
	if RenderStage.String() != "render" || Stage(99).String() != "stage(99)" {
		t.Errorf("%s %s", RenderStage, Stage(99))
	}
}
