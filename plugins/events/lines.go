package events

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// lineReader splits a stream into lines with bounded memory. A line longer
// than max is reported as too long and skipped to its newline without being
// kept.
type lineReader struct {
	br    *bufio.Reader
	buf   []byte
	max   int
	first bool // no line read yet: a UTF-8 BOM may lead the stream
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), max: max, first: true}
}

var bom = []byte("\xef\xbb\xbf")

// next returns the next line without its "\n" or "\r\n". The line is valid
// until the following call. tooLong reports a line over max bytes, whose
// content is not returned. err is io.EOF after the last line, or the error
// that stopped the stream.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	lr.buf = lr.buf[:0]
	read := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if len(chunk) > 0 {
			read = true
		}
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
		case err == nil:
			return lr.finish(tooLong)
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && read:
			return lr.finish(tooLong)
		default:
			return nil, false, err
		}
	}
}

// finish trims the line ending (and a BOM on the first line) and applies
// the length limit.
func (lr *lineReader) finish(tooLong bool) ([]byte, bool, error) {
	line := lr.buf
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
