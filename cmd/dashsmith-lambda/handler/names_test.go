package handler

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestHandler_EventNameCap: the Lambda holds the store's distinct event
// names to MaxEventNames as dashsmith ingest does. Names the store holds
// keep counting; a file's new names take the room that is left, the most
// frequent first, and the lines of the others are rejected and logged.
func TestHandler_EventNameCap(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	e.h.c.MaxEventNames = 3
	first := e.put(t, "segment-logs/src/1764028800000/1.gz", 2) // "Order Completed"
	if err := e.h.Handle(ctx, event(first)); err != nil {
		t.Fatal(err)
	}
	e.logs.take(t, "file")

	var body strings.Builder
	body.WriteString(lines("Order Completed", 2))
	for i, n := range []int{5, 4, 3, 1} { // four new names, two places left
		body.WriteString(lines(fmt.Sprintf("Made Up %d", i), n))
	}
	second := e.putBody(t, "segment-logs/src/1764028800000/2.gz", gz(t, body.String()))
	if err := e.h.Handle(ctx, event(second)); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"Order Completed": 4, "Made Up 0": 5, "Made Up 1": 4, "Made Up 2": 0, "Made Up 3": 0}
	for name, n := range want {
		if got := e.total(t, name); got != n {
			t.Errorf("%s: total %d; want %d", name, got, n)
		}
	}
	files := e.logs.take(t, "file")
	if len(files) != 1 {
		t.Fatalf("%d file log lines; want 1", len(files))
	}
	rej, _ := files[0]["rejected"].(map[string]any)
	if rej["too many event names"] != 4.0 {
		t.Errorf("rejected %v; want 4 lines as too many event names", files[0]["rejected"])
	}
}
