package s3

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

const lines = `{"type":"track","event":"Order Completed","timestamp":"2026-11-25T10:15:00Z"}
{"type":"page","name":"Home","timestamp":"2026-11-25T11:00:00Z"}
`

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// read opens id and returns its bytes.
func read(t *testing.T, s *Source, id string) []byte {
	t.Helper()
	rc, err := s.Open(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSource_Open(t *testing.T) {
	ctx := context.Background()
	srv := s3test.New(t, "events")
	s := NewSource(srv.Client, Options{Bucket: "events", Prefix: "logs"})
	t.Run("OK", func(t *testing.T) {
		etag := srv.Put(t, "events", "logs/plain.json", []byte(lines), "")
		if got := read(t, s, ID("logs/plain.json", etag)); string(got) != lines {
			t.Errorf("read %q", got)
		}
	})
	t.Run("ContentEncodingGzip", func(t *testing.T) {
		// Stored as Segment stores them: the body is gzip, and S3 says so.
		// The bytes must come back as stored, whichever client reads them.
		body := gz(t, lines)
		for _, enc := range []string{"", "gzip"} {
			etag := srv.Put(t, "events", "logs/f.gz", body, enc)
			if got := read(t, s, ID("logs/f.gz", etag)); !bytes.Equal(got, body) {
				t.Errorf("Content-Encoding %q: read %d bytes starting %q; want the %d gzip bytes as stored", enc, len(got), got[:min(len(got), 8)], len(body))
			}
		}
	})
	t.Run("Changed", func(t *testing.T) {
		old := srv.Put(t, "events", "logs/again.gz", []byte("v1"), "")
		_, err := s.Open(ctx, ID("logs/again.gz", old))
		if err != nil {
			t.Fatal(err)
		}
		now := srv.Put(t, "events", "logs/again.gz", []byte("v2"), "")
		if now == old {
			t.Fatal("the fake kept the ETag of changed content")
		}
		_, err = s.Open(ctx, ID("logs/again.gz", old))
		if !errors.Is(err, ErrChanged) || !strings.HasPrefix(err.Error(), "s3source: get s3://events/logs/again.gz: ") {
			t.Errorf("open the old version: err = %v; want ErrChanged", err)
		}
		if got := read(t, s, ID("logs/again.gz", now)); string(got) != "v2" {
			t.Errorf("read %q", got)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		_, err := s.Open(ctx, ID("logs/nope.gz", "abc"))
		if !errors.Is(err, build.ErrNotFound) || errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "NoSuchKey") {
			t.Errorf("err = %v; want build.ErrNotFound", err)
		}
	})
	t.Run("Refused", func(t *testing.T) {
		for _, id := range []string{"", "logs/plain.json", "@abc", "other/x.gz@abc"} {
			if _, err := s.Open(ctx, id); err == nil || !strings.HasPrefix(err.Error(), "s3source: refusing") {
				t.Errorf("Open(%q): err = %v", id, err)
			}
		}
	})
	t.Run("Stat", func(t *testing.T) {
		etag := srv.Put(t, "events", "logs/stat.gz", []byte("12345"), "")
		fi, err := s.Stat(ctx, "logs/stat.gz")
		if err != nil || fi.Key != ID("logs/stat.gz", etag) || fi.Size != 5 || !fi.ModTime.Equal(s3test.Start) {
			t.Errorf("Stat = %+v, %v", fi, err)
		}
		if _, err := s.Stat(ctx, "logs/gone.gz"); !errors.Is(err, build.ErrNotFound) {
			t.Errorf("Stat(missing): err = %v", err)
		}
	})
}

// TestSource_Open_Streams reads a 50 MB object and checks that the heap
// never holds more than a small part of it.
func TestSource_Open_Streams(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB object")
	}
	const size = 50 << 20
	srv := s3test.New(t, "big")
	body := bytes.Repeat([]byte(lines), size/len(lines)+1)[:size]
	etag := srv.Put(t, "big", "big.json", body, "")
	body = nil
	s := NewSource(srv.Client, Options{Bucket: "big"})

	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	runtime.GC()
	base := heap()
	rc, err := s.Open(context.Background(), ID("big.json", etag))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var n int64
	peak := heap()
	buf := make([]byte, 64<<10)
	for {
		k, err := rc.Read(buf)
		n += int64(k)
		if n%(4<<20) < int64(k) {
			peak = max(peak, heap())
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if n != size {
		t.Fatalf("read %d bytes; want %d", n, size)
	}
	if grew := int64(peak) - int64(base); grew > 16<<20 {
		t.Errorf("the heap grew by %d MB while reading a 50 MB object; want it streamed", grew>>20)
	}
}
