package build

import (
	"errors"
	"io"
	"maps"
	"strings"
	"testing"
)

// TestFold_SecondFile checks that a batch that already holds cells (a
// second file folded into it) adds to them, and that a cell the batch
// held before which the cap folds leaves b.Cells for OtherGroup, and
// lets go of its aggregate, merged there.
func TestFold_SecondFile(t *testing.T) {
	plans := foldRollup(t, "Buy", "count", "plan")
	b := NewBatch("two", plans)
	o := FoldOptions{Cardinality: 1}
	if err := Decode(strings.NewReader("Buy 0 plan=b\n"), wordsDecoder{}, b, o); err != nil {
		t.Fatal(err)
	}
	h := HourOf(foldStart)
	first := b.Cells[CellKey{Rollup: plans, Group: "b", Hour: h}]
	if err := Decode(strings.NewReader("Buy 1 plan=a\nBuy 2 plan=a\nBuy 3 plan=b\n"), wordsDecoder{}, b, o); err != nil {
		t.Fatal(err)
	}
	// a and b weigh 2 each: a wins by value, b (one event of each file)
	// folds.
	want := map[string]int64{"a": 2, OtherGroup: 2}
	if got := groupsAt(b, plans, h); !maps.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	if first == nil || !first.Empty() {
		t.Errorf("the first file's cell of b = %+v; want it merged into %s and empty", first, OtherGroup)
	}

	b = NewBatch("two", plans)
	for _, in := range []string{"Buy 0 plan=a\n", "Buy 1 plan=a\nBuy 2 plan=c\n"} {
		if err := Decode(strings.NewReader(in), wordsDecoder{}, b, FoldOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	want = map[string]int64{"a": 2, "c": 1}
	if got := groupsAt(b, plans, h); !maps.Equal(got, want) || len(b.Cells) != 2 {
		t.Errorf("groups = %v (%d cells), want %v", got, len(b.Cells), want)
	}
}

// TestDecode_ReadError checks that a file that cannot be read to its end
// leaves in the batch the cells of what was read, untrimmed.
func TestDecode_ReadError(t *testing.T) {
	plans := foldRollup(t, "Buy", "count", "plan")
	b := NewBatch("broken", plans)
	failed := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader("Buy 0 plan=a\nBuy 1 plan=b\nBuy 2 plan=a\n"), errReader{failed})
	if err := Decode(r, wordsDecoder{}, b, FoldOptions{Cardinality: 1}); !errors.Is(err, failed) {
		t.Fatalf("err = %v, want %v", err, failed)
	}
	want := map[string]int64{"a": 2, "b": 1}
	if got := groupsAt(b, plans, HourOf(foldStart)); !maps.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
