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
	// hour (build.FoldOptions); 0 means build.DefaultCardinality.
	Cardinality int
	// MaxEventNames caps the distinct event names of a file when its
	// batch carries no build.Names (build.FoldOptions); 0 means
	// build.DefaultMaxEventNames.
	MaxEventNames int
	// MaxTextBytes caps the text of one file, after gzip (Decoder).
	MaxTextBytes int64
}

// NewParser returns a build.ParseFunc that reads Segment files with a
// Decoder and folds them into the batch with build.Decode, with the
// options o.
func NewParser(o Options) build.ParseFunc {
	return build.NewParser(Decoder{MaxTextBytes: o.MaxTextBytes},
		build.FoldOptions{Cardinality: o.Cardinality, MaxEventNames: o.MaxEventNames})
}

// Parse reads one Segment file, gzipped or plain, into b, as
// build.Decode does with a Decoder and build.DefaultCardinality: the
// counts, cells and property paths of its events (see build.Fold), and
// what it saw in b.Stats. It returns an error (a *ReadError) only when the
// file cannot be read to its end; b is then incomplete and must not be
// applied.
func Parse(r io.Reader, b *build.Batch) error {
	return build.Decode(r, Decoder{}, b, build.FoldOptions{Cardinality: build.DefaultCardinality})
}

// Format is the name the Segment decoder registers under.
const Format = "segment"

func init() { build.RegisterDecoder(Format, Decoder{}) }

// Decoder reads Segment S3 files: gzipped (or plain) newline-delimited
// JSON, one Segment message per line (see the package comment).
type Decoder struct {
	// MaxTextBytes caps the text of one file, after gzip; a file whose
	// text passes it is not read further (a *ReadError with TooLarge).
	// 0 means MaxTextBytes.
	MaxTextBytes int64
}

// TopLevel reports whether a dotted path addresses the message itself
// (userId, context.os.name) rather than its properties (revenue, plan).
func (Decoder) TopLevel(path string) bool { return topLevel(path) }

// Decode reads one Segment file into s: every non-blank line is an event
// or a rejected line (see the package comment). Gzip is detected by its
// magic bytes, never by name; concatenated gzip members are read as one
// stream. It returns the bytes of text read, and an error (a *ReadError)
// only when the file cannot be read to its end.
func (d Decoder) Decode(r io.Reader, s build.Sink) (int64, error) {
	rd := getReaders(r)
	defer putReaders(rd)
	var body io.Reader = rd.raw
	gzipped := false
	if magic, _ := rd.raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := rd.gzip()
		if err != nil {
			return 0, &ReadError{Gzip: corrupt(err), Err: err}
		}
		body, gzipped = zr, true
	}
	limit := d.MaxTextBytes
	if limit <= 0 {
		limit = MaxTextBytes
	}
	cr := &countingReader{r: body, max: limit}
	rd.lines.Reset(cr)
	lr := newLineReader(rd.lines, MaxLineBytes)
	l := newLine()
	var lines int64
	for {
		line, tooLong, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errTextTooLarge) {
				return cr.n, &ReadError{TooLarge: true, Lines: lines, Err: fmt.Errorf("the file's text passes %d bytes after gzip: %w", limit, err)}
			}
			return cr.n, &ReadError{Gzip: gzipped && corrupt(err), Lines: lines, Err: err}
		}
		if tooLong {
			lines++
			s.Reject(RejectTooLarge)
			continue
		}
		if (len(line) == 0 || line[0] != '{') && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		lines++
		l.read(line, s)
	}
	return cr.n, nil
}

var (
	_ build.ParseFunc = Parse
	_ build.Decoder   = Decoder{}
)

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
