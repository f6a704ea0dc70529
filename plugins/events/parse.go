package events

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"

	"github.com/dashsmith/dashsmith/build"
)

// Options tune a parser.
type Options struct {
	// Cardinality caps the distinct breakdown values a rollup keeps per
	// hour: a file keeps the heaviest of its values, the store those that
	// fit over all files (build.Batch.Cardinality); the rest fold into
	// build.OtherGroup. 0 means build.DefaultCardinality; at most
	// build.MaxCardinality.
	Cardinality int
	// MaxEventNames caps the distinct event names of a file when its
	// batch carries no build.Names (which the ingest sets from the
	// store); 0 means build.DefaultMaxEventNames.
	MaxEventNames int
	// MaxTextBytes caps the text of one file, after gzip; a file whose
	// text passes it is not read further (a *ReadError with TooLarge).
	// 0 means MaxTextBytes.
	MaxTextBytes int64
}

// NewParser returns a build.ParseFunc that reads Segment files as Parse
// does, with the options o.
func NewParser(o Options) build.ParseFunc {
	return func(r io.Reader, b *build.Batch) error { return parseWith(r, b, o) }
}

// Parse reads one Segment file, gzipped or plain, into b: for every
// accepted event a count per event and hour in b.Counts (when b holds the
// base rollup, or names no rollup at all) and a cell of every other rollup
// of b.Rollups for its event; see the package comment. What it saw goes
// to b.Stats. Gzip is detected by its magic bytes, never by name;
// concatenated gzip members are read as one stream. Parse returns an error
// (a *ReadError) only when the file cannot be read to its end; b is then
// incomplete and must not be applied.
//
// Parse uses build.DefaultCardinality; NewParser sets another cap.
func Parse(r io.Reader, b *build.Batch) error {
	return parseWith(r, b, Options{Cardinality: build.DefaultCardinality})
}

func parseWith(r io.Reader, b *build.Batch, o Options) error {
	f, err := newFile(b, o)
	if err != nil {
		return err
	}
	rd := getReaders(r)
	defer putReaders(rd)
	var body io.Reader = rd.raw
	gzipped := false
	if magic, _ := rd.raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := rd.gzip()
		if err != nil {
			return &ReadError{Gzip: corrupt(err), Err: err}
		}
		body, gzipped = zr, true
	}
	limit := o.MaxTextBytes
	if limit <= 0 {
		limit = MaxTextBytes
	}
	cr := &countingReader{r: body, max: limit}
	rd.lines.Reset(cr)
	lr := newLineReader(rd.lines, MaxLineBytes)
	for {
		line, tooLong, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Stats.Bytes += cr.n
			if errors.Is(err, errTextTooLarge) {
				return &ReadError{TooLarge: true, Lines: b.Stats.Lines, Err: fmt.Errorf("the file's text passes %d bytes after gzip: %w", limit, err)}
			}
			return &ReadError{Gzip: gzipped && corrupt(err), Lines: b.Stats.Lines, Err: err}
		}
		if tooLong {
			b.Stats.Lines++
			b.Stats.Reject(RejectTooLarge)
			continue
		}
		if (len(line) == 0 || line[0] != '{') && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		f.line(line)
	}
	f.finish()
	b.Stats.Bytes += cr.n
	return nil
}

var _ build.ParseFunc = Parse

// ReadError is a file that could not be read to its end.
type ReadError struct {
	Gzip     bool  // the failure was in the gzip stream
	TooLarge bool  // the file's text passed MaxTextBytes
	Lines    int64 // non-blank lines read before it
	Err      error
}

func (e *ReadError) Error() string {
	if e.TooLarge {
		return fmt.Sprintf("events: %v after %d lines: a gzip bomb, or a file to split into smaller ones", e.Err, e.Lines)
	}
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

// countingReader counts the bytes read through it, and fails with
// errTextTooLarge once they pass max.
type countingReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n > c.max {
		return 0, errTextTooLarge
	}
	if rest := c.max - c.n + 1; int64(len(p)) > rest {
		p = p[:rest] // one byte past max tells a file of exactly max
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n, errTextTooLarge
	}
	return n, err
}

// errTextTooLarge is a file whose text passes the parser's MaxTextBytes.
var errTextTooLarge = errors.New("too large")
