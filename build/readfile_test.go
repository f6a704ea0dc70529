package build

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// textSource is a Source of one file per key, its text the value.
type textSource map[string]string

func (m textSource) List(context.Context) ([]FileInfo, error) {
	var out []FileInfo
	for k, v := range m {
		out = append(out, FileInfo{Key: k, Size: int64(len(v))})
	}
	return out, nil
}

func (m textSource) Open(_ context.Context, key string) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(m[key])), nil
}

// TestReadFile reads one file in one step: decoded, folded, and its event
// names held to the cap, as the Lambda reads an object; with AdmitLater
// the names are left for the caller to admit.
func TestReadFile(t *testing.T) {
	ctx := context.Background()
	src := textSource{"f": "Old 0 id=a\nNew1 1\nNew1 2\nNew2 3 id=b\nbad\n"}
	parse := NewParser(wordsDecoder{}, FoldOptions{})
	names := NewNames(2, []string{"Old"}, nil) // room for one new name
	b, err := ReadFile(ctx, src, FileInfo{Key: "f", Size: 7}, nil, ReadOptions{Parse: parse, Dedupe: time.Hour, Names: names})
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "f" || b.Size != 7 || b.Dedupe != time.Hour || !b.HasBase() {
		t.Errorf("batch %q of %d bytes, dedupe %v", b.ID, b.Size, b.Dedupe)
	}
	if b.Stats.Accepted != 3 || b.Stats.Rejected[RejectTooManyNames] != 1 || b.Stats.Rejected["bad line"] != 1 {
		t.Errorf("stats = %+v: want Old and New1 kept, New2 over the cap", b.Stats)
	}
	if len(b.Msgs) != 1 {
		t.Errorf("%d messages, want a's alone", len(b.Msgs))
	}

	// With AdmitLater the caller admits in its own order: here a file g,
	// read after f but admitted first, takes the one place.
	src["g"] = "Other 0\n"
	later := NewNames(2, []string{"Old"}, nil)
	bf, err := ReadFile(ctx, src, FileInfo{Key: "f"}, nil, ReadOptions{Parse: parse, Names: later, AdmitLater: true})
	if err != nil {
		t.Fatal(err)
	}
	if bf.Stats.Accepted != 3 {
		t.Errorf("before Admit, %d accepted; want 3", bf.Stats.Accepted)
	}
	if _, err := ReadFile(ctx, src, FileInfo{Key: "g"}, nil, ReadOptions{Parse: parse, Names: later}); err != nil {
		t.Fatal(err)
	}
	later.Admit(bf)
	if bf.Stats.Accepted != 1 || bf.Stats.Rejected[RejectTooManyNames] != 3 {
		t.Errorf("after Admit, stats = %+v; want Old alone kept", bf.Stats)
	}

	src["long"] = strings.Repeat("x", 70000) + "\n"
	if b, err := ReadFile(ctx, src, FileInfo{Key: "long"}, nil, ReadOptions{Parse: parse}); err == nil || b != nil {
		t.Errorf("a file the decoder cannot read to its end: batch %v, error %v", b, err)
	}
}
