package events

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"

	"github.com/dashsmith/dashsmith/build"
)

// Parse reads one Segment file, gzipped or plain, and adds a count per
// accepted event to b.Counts and what it saw to b.Stats. Gzip is detected by
// its magic bytes, never by name; concatenated gzip members are read as one
// stream. Parse returns an error (a *ReadError) only when the file cannot be
// read to its end; b is then incomplete and must not be applied.
func Parse(r io.Reader, b *build.Batch) error {
	if b.Counts == nil {
		b.Counts = map[build.EventHour]int64{}
	}
	raw := bufio.NewReaderSize(r, 32<<10)
	var body io.Reader = raw
	gzipped := false
	if magic, _ := raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return &ReadError{Gzip: corrupt(err), Err: err}
		}
		defer zr.Close()
		body, gzipped = zr, true
	}
	cr := &countingReader{r: body}
	lr := newLineReader(cr, MaxLineBytes)
	var m message
	for {
		line, tooLong, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Stats.Bytes += cr.n
			return &ReadError{Gzip: gzipped && corrupt(err), Lines: b.Stats.Lines, Err: err}
		}
		if tooLong {
			b.Stats.Lines++
			b.Stats.Reject(RejectTooLarge)
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		b.Stats.Lines++
		ev, reason := decodeLine(line, &m)
		if reason != "" {
			b.Stats.Reject(reason)
			continue
		}
		b.Stats.Accepted++
		b.Counts[build.EventHour{Event: ev.Name, Hour: build.HourOf(ev.Time)}]++
	}
	b.Stats.Bytes += cr.n
	return nil
}

var _ build.ParseFunc = Parse

// ReadError is a file that could not be read to its end.
type ReadError struct {
	Gzip  bool  // the failure was in the gzip stream
	Lines int64 // non-blank lines read before it
	Err   error
}

func (e *ReadError) Error() string {
	if e.Gzip {
		msg := strings.TrimPrefix(e.Err.Error(), "gzip: ")
		return fmt.Sprintf("events: gzip: %s after %d lines: the file is truncated or corrupt; replace it and ingest again", msg, e.Lines)
	}
	return fmt.Sprintf("events: read: %v after %d lines: ingest again once the file can be read", e.Err, e.Lines)
}

func (e *ReadError) Unwrap() error { return e.Err }

// corrupt reports whether err says the gzip stream itself is broken, as
// opposed to the reader under it failing.
func corrupt(err error) bool {
	var flateErr flate.CorruptInputError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, gzip.ErrHeader) || errors.As(err, &flateErr)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
