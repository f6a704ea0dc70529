package dynamostore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/events"
	"github.com/dashsmith/dashsmith/plugins/filesource"
)

// TestApply_ManyRollupsOneFile applies a file that 150 rollups of one
// cell or none each read: more units than one marker condition may check
// (DynamoDB refuses a condition of more than 300 operators), which a
// site with a wide rollups: section asks for. Every rollup is applied,
// once.
func TestApply_ManyRollupsOneFile(t *testing.T) {
	st := openTest(t)
	dir := t.TempDir()
	var props []string
	var rollups []build.Rollup
	for i := range 150 {
		v := fmt.Sprint(i)
		if i%10 != 0 {
			v = `"not a number"` // a rollup with no cell still marks its file done
		}
		props = append(props, fmt.Sprintf(`"p%d":%s`, i, v))
		rollups = append(rollups, build.Rollup{Event: "Wide", Measure: build.Measure{Kind: build.Sum, Prop: fmt.Sprint("p", i)}})
	}
	line := `{"type":"track","event":"Wide","messageId":"m1","timestamp":"2026-05-01T10:00:00Z","properties":{` + strings.Join(props, ",") + "}}\n"
	if err := os.WriteFile(filepath.Join(dir, "wide.json"), []byte(line+line), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := filesource.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	for try := range 2 { // the second ingest finds every rollup applied
		rep, err := build.Ingest(ctx, src, st, events.Parse, build.IngestOptions{Rollups: rollups})
		if err != nil {
			t.Fatalf("ingest %d: %v", try, err)
		}
		if try == 1 && rep.Skipped != 1 {
			t.Fatalf("second ingest: %d files skipped, want 1 (all applied)", rep.Skipped)
		}
	}
	for _, i := range []int{0, 90, 140} {
		r := rollups[i]
		res, err := st.Query(ctx, build.Query{Event: r.Event, Measure: r.Measure, Every: build.Daily,
			From: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC), Loc: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		if want := float64(2 * i); res.Total != want {
			t.Errorf("sum(p%d) = %v, want %v", i, res.Total, want)
		}
	}
}
