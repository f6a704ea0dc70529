package events

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// lineBuffer is the size of the read buffer: a line that fits in it is
// handed out in place, never copied.
const lineBuffer = 256 << 10

// lineReader splits a stream into lines with bounded memory. A line longer
// than max is reported as too long and skipped to its newline without being
// kept.
type lineReader struct {
	br    *bufio.Reader
	buf   []byte // a line longer than the read buffer, put together
	max   int
	first bool // no line read yet: a UTF-8 BOM may lead the stream
}

func newLineReader(br *bufio.Reader, max int) *lineReader {
	return &lineReader{br: br, max: max, first: true}
}

var bom = []byte("\xef\xbb\xbf")

// next returns the next line without its "\n" or "\r\n". The line is valid
// until the following call. tooLong reports a line over max bytes, whose
// content is not returned. err is io.EOF after the last line, or the error
// that stopped the stream.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	chunk, err := lr.br.ReadSlice('\n')
	if err == nil || err == io.EOF && len(chunk) > 0 {
		return lr.finish(chunk, false) // the common case: the line is in the buffer
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, false, err
	}
	lr.buf = append(lr.buf[:0], chunk...)
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if !tooLong {
			// Keep up to max plus "\r\n"; anything beyond is too long.
			if len(lr.buf)+len(chunk) > lr.max+2+len(bom) {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case err == nil || err == io.EOF:
			return lr.finish(lr.buf, tooLong)
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return nil, false, err
		}
	}
}

// finish trims the line ending (and a BOM on the first line) and applies
// the length limit.
func (lr *lineReader) finish(line []byte, tooLong bool) ([]byte, bool, error) {
	if lr.first {
		lr.first = false
		line = bytes.TrimPrefix(line, bom)
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if tooLong || len(line) > lr.max {
		return nil, true, nil
	}
	return line, false, nil
}
