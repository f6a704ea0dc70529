package events

import (
	"bufio"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// readers are the buffers and the gzip state of one Parse, pooled: a
// worker that parses file after file reuses them.
type readers struct {
	raw   *bufio.Reader // the file as stored
	lines *bufio.Reader // the text, split into lines in place
	zr    *gzip.Reader
}

var readerPool = sync.Pool{New: func() any {
	return &readers{raw: bufio.NewReaderSize(nil, 32<<10), lines: bufio.NewReaderSize(nil, lineBuffer)}
}}

func getReaders(r io.Reader) *readers {
	rd := readerPool.Get().(*readers)
	rd.raw.Reset(r)
	return rd
}

func putReaders(rd *readers) {
	rd.raw.Reset(nil)
	rd.lines.Reset(nil)
	readerPool.Put(rd)
}

// gzip starts decompressing the raw stream.
func (rd *readers) gzip() (*gzip.Reader, error) {
	if rd.zr == nil {
		zr, err := gzip.NewReader(rd.raw)
		if err != nil {
			return nil, err
		}
		rd.zr = zr
		return zr, nil
	}
	if err := rd.zr.Reset(rd.raw); err != nil {
		return nil, err
	}
	return rd.zr, nil
}
