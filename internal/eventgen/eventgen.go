// Package eventgen writes deterministic demo event files: a believable
// product's Segment messages, laid out the way Segment's S3 destination
// stores them, so that dashsmith can be tried without a Segment account.
//
// The same Options always give byte-identical files: every hour has its own
// PCG stream seeded from Seed and the hour, and gzip headers carry no name
// and no time.
package eventgen

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"time"
)

// DefaultSourceID names the demo's Segment source.
const DefaultSourceID = "acmeDemo01"

// Options say what to generate.
type Options struct {
	Out      string    // the events folder; files go under Out/segment-logs/SourceID/ ("" is "events")
	Seed     uint64    // the random seed
	Days     int       // how many days of data, ending at End
	End      time.Time // the end of the data (exclusive), floored to the UTC hour; zero is today 00:00 UTC
	Scale    float64   // a multiplier on the number of events; 1 gives a demo of a few MB over 90 days
	SourceID string    // the Segment source id in the keys ("" is DefaultSourceID)

	// Pods, when above 0, makes a pods corpus instead of the demo product:
	// Events install events (about; 1,000,000 when 0) over the range, of
	// Pods pods with Zipf popularity, one file an hour (see pods.go).
	Pods   int
	Events int64
}

// Summary is what Generate wrote. Every line is either an event that the
// design's rules accept or one of the deliberately malformed lines.
type Summary struct {
	Dir       string    // the folder written: Out/segment-logs/SourceID
	From, To  time.Time // the hours whose received events were written: [From, To)
	Files     int       // gzipped files
	Bytes     int64     // gzipped bytes
	Lines     int64     // lines, all non-blank: Events + Malformed()
	Events    int64     // well-formed Segment messages
	Truncated int64     // lines cut short: not JSON ("bad json")
	Untimed   int64     // messages without any time field ("no usable time")
}

// Malformed is the number of lines written broken on purpose.
func (s *Summary) Malformed() int64 { return s.Truncated + s.Untimed }

func (s *Summary) add(o *Summary) {
	s.Files += o.Files
	s.Bytes += o.Bytes
	s.Lines += o.Lines
	s.Events += o.Events
	s.Truncated += o.Truncated
	s.Untimed += o.Untimed
}

// String is the summary as one line.
func (s *Summary) String() string {
	return fmt.Sprintf("eventgen: wrote %d files (%.1f MB) to %s: %d events and %d malformed lines, received %s to %s",
		s.Files, float64(s.Bytes)/1e6, s.Dir, s.Events, s.Malformed(),
		s.From.Format("2006-01-02 15:04"), s.To.Format("2006-01-02 15:04 MST"))
}

var sourceIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// check validates o and fills in its defaults.
func (o Options) check() (Options, error) {
	if o.Out == "" {
		o.Out = "events"
	}
	if o.SourceID == "" {
		o.SourceID = DefaultSourceID
	}
	if !sourceIDPattern.MatchString(o.SourceID) {
		return o, fmt.Errorf("eventgen: source id %q: use 1 to 64 letters, digits, '-' or '_'", o.SourceID)
	}
	if o.Days < 1 || o.Days > 3660 {
		return o, fmt.Errorf("eventgen: %d days: use 1 to 3660", o.Days)
	}
	if math.IsNaN(o.Scale) || o.Scale <= 0 || o.Scale > 1000 {
		return o, fmt.Errorf("eventgen: scale %v: use a number above 0 and up to 1000", o.Scale)
	}
	if o.Pods < 0 || o.Pods > 10_000_000 || o.Pods == 1 {
		return o, fmt.Errorf("eventgen: %d pods: use 2 to 10,000,000 (0 makes the demo product)", o.Pods)
	}
	if o.Pods > 0 && o.Events == 0 {
		o.Events = 1_000_000
	}
	if o.Events < 0 || o.Events > 1_000_000_000 {
		return o, fmt.Errorf("eventgen: %d events: use 1 to 1,000,000,000", o.Events)
	}
	if o.End.IsZero() {
		o.End = time.Now().UTC().Truncate(24 * time.Hour)
	}
	o.End = o.End.UTC().Truncate(time.Hour)
	return o, nil
}

// Generate writes the files that o describes and says what it wrote. The
// files appear all at once: they are written to a hidden folder beside the
// destination and renamed into place. Generate refuses to write into a
// source folder that already holds files, so that two runs never mix.
func Generate(ctx context.Context, o Options) (*Summary, error) {
	o, err := o.check()
	if err != nil {
		return nil, err
	}
	return write(ctx, o)
}
