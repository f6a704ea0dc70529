package events

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/dashsmith/dashsmith/build"
)

func TestParse(t *testing.T) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	const line = `{"type":"track","event":"Signed Up","timestamp":"2026-11-25T14:10:00Z"}`
	signedUp := build.EventHour{Event: "Signed Up", Hour: hour(14)}

	t.Run("Samples", func(t *testing.T) {
		checkSamples(t, mustParse(t, sample), len(sample))
	})
	t.Run("SamplesGzipped", func(t *testing.T) {
		checkSamples(t, mustParse(t, gzipBytes(t, sample)), len(sample))
	})
	t.Run("MultiMemberGzip", func(t *testing.T) {
		i := bytes.Index(sample, []byte("\n{\"type\":\"identify\"")) + 1
		checkSamples(t, mustParse(t, gzipBytes(t, sample[:i], sample[i:i+10], sample[i+10:])), len(sample))
	})
	t.Run("GzipByMagicNotName", func(t *testing.T) {
		// Plain bytes that merely start like a gzip file name are plain.
		b := mustParse(t, []byte("\x1f"+"\n"+line+"\n"))
		if b.Counts[signedUp] != 1 || b.Stats.Rejected[RejectBadJSON] != 1 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("TruncatedGzip", func(t *testing.T) {
		z := gzipBytes(t, sample)
		_, err := parse(t, z[:len(z)*2/3])
		var re *ReadError
		if !errors.As(err, &re) || !re.Gzip || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want a gzip *ReadError wrapping io.ErrUnexpectedEOF", err)
		}
		if !strings.HasPrefix(err.Error(), "events: gzip: unexpected EOF after ") {
			t.Errorf("err = %q", err)
		}
	})
	t.Run("TruncatedGzipHeader", func(t *testing.T) {
		if _, err := parse(t, []byte{0x1f, 0x8b}); err == nil || !strings.HasPrefix(err.Error(), "events: gzip: ") {
			t.Errorf("err = %v, want events: gzip: ...", err)
		}
	})
	t.Run("CorruptGzip", func(t *testing.T) {
		z := gzipBytes(t, sample)
		z[len(z)-6] ^= 0xff // the CRC-32
		if _, err := parse(t, z); err == nil || !strings.Contains(err.Error(), "checksum") {
			t.Errorf("err = %v, want a checksum error", err)
		}
	})
	t.Run("GarbageAfterGzip", func(t *testing.T) {
		if _, err := parse(t, append(gzipBytes(t, sample), "junk"...)); err == nil {
			t.Error("err = nil, want an error for bytes after the last gzip member")
		}
	})
	t.Run("ReadError", func(t *testing.T) {
		b := build.NewBatch("test")
		r := io.MultiReader(bytes.NewReader(sample[:100]), iotest.ErrReader(errors.New("connection reset")))
		err := Parse(r, b)
		var re *ReadError
		if !errors.As(err, &re) || re.Gzip || !strings.HasPrefix(err.Error(), "events: read: connection reset after 0 lines") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		b := mustParse(t, nil)
		if len(b.Counts) != 0 || b.Stats.Lines != 0 || b.Stats.Bytes != 0 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("BOMCRLFBlankLines", func(t *testing.T) {
		in := "\ufeff" + line + "\r\n\r\n   \n\t\r\n" + line + "\r\n\n" + line
		b := mustParse(t, []byte(in))
		if b.Counts[signedUp] != 3 || b.Stats.Lines != 3 || b.Stats.Accepted != 3 || len(b.Stats.Rejected) != 0 {
			t.Errorf("batch = %+v", b)
		}
		if b.Stats.Bytes != int64(len(in)) {
			t.Errorf("bytes = %d, want %d", b.Stats.Bytes, len(in))
		}
	})
	t.Run("BOMOnlyAtStart", func(t *testing.T) {
		b := mustParse(t, []byte(line+"\n\ufeff"+line+"\n"))
		if b.Counts[signedUp] != 1 || b.Stats.Rejected[RejectBadJSON] != 1 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("TooLarge", func(t *testing.T) {
		big := `{"type":"track","event":"x","p":"` + strings.Repeat("a", 1<<20) + `"}`
		b := mustParse(t, []byte(line+"\n"+big+"\n"+line+"\n"))
		if b.Counts[signedUp] != 2 || b.Stats.Rejected[RejectTooLarge] != 1 || b.Stats.Lines != 3 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("TooLargeGzippedLastLine", func(t *testing.T) {
		big := strings.Repeat("a", 3<<20)
		b := mustParse(t, gzipBytes(t, []byte(line+"\n"+big)))
		if b.Counts[signedUp] != 1 || b.Stats.Rejected[RejectTooLarge] != 1 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("LongestLine", func(t *testing.T) {
		pad := MaxLineBytes - len(line) - len(`,"p":""`)
		long := strings.TrimSuffix(line, "}") + `,"p":"` + strings.Repeat("a", pad) + `"}`
		if len(long) != MaxLineBytes {
			t.Fatalf("len = %d", len(long))
		}
		b := mustParse(t, []byte("\ufeff"+long+"\r\n"+long+"x\n"))
		if b.Counts[signedUp] != 1 || b.Stats.Rejected[RejectTooLarge] != 1 {
			t.Errorf("batch = %+v", b.Stats)
		}
	})
	t.Run("TooDeep", func(t *testing.T) {
		deep := strings.Repeat("[", 10000)
		b := mustParse(t, []byte(deep+"\n"+line+"\n"+`{"a":`+deep+"\n"))
		if b.Counts[signedUp] != 1 || b.Stats.Rejected[RejectTooDeep] != 2 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("BadLinesNeverStopTheFile", func(t *testing.T) {
		in := "garbage\n{\n\xff\xfe\n" + `{"type":"nope"}` + "\n" + line + "\n"
		b := mustParse(t, []byte(in))
		if b.Counts[signedUp] != 1 || b.Stats.Lines != 5 || b.Stats.Accepted != 1 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("AddsToBatch", func(t *testing.T) {
		b := build.NewBatch("twice")
		for range 2 {
			if err := Parse(strings.NewReader(line+"\n"), b); err != nil {
				t.Fatal(err)
			}
		}
		if b.Counts[signedUp] != 2 || b.Stats.Lines != 2 {
			t.Errorf("batch = %+v", b)
		}
	})
	t.Run("ZeroBatch", func(t *testing.T) {
		var b build.Batch
		if err := Parse(strings.NewReader(line+"\nx\n"), &b); err != nil || b.Counts[signedUp] != 1 || b.Stats.Rejected[RejectBadJSON] != 1 {
			t.Errorf("err = %v, batch = %+v", err, b)
		}
	})
}
