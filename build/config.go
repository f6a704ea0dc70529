package build

import (
	"fmt"
	"time"
)

// DefaultStore is the store used when neither --store nor the config names one.
const DefaultStore = "bolt:.dashsmith/rollup.db"

// Config is a site's dashsmith.yaml.
type Config struct {
	Title    string `yaml:"title"`
	BaseURL  string `yaml:"baseURL"`
	Timezone string `yaml:"timezone"` // IANA name; days and longer are cut in it
	Store    string `yaml:"store"`    // store URL
	Events   string `yaml:"events"`   // event source: a folder or s3://bucket/prefix
	CNAME    string `yaml:"cname"`    // GitHub Pages custom domain: writes CNAME
	Strict   bool   `yaml:"strict"`   // check and build fail on warnings (unseen events, empty results)

	Rollups       []RollupSpec `yaml:"rollups"`         // kept beyond those the dashboards ask for
	Cardinality   int          `yaml:"cardinality"`     // breakdown values kept per rollup and hour; default DefaultCardinality
	MaxEventNames int          `yaml:"max_event_names"` // distinct event names the store keeps; default DefaultMaxEventNames
	Dedupe        string       `yaml:"dedupe"`          // "messageId" counts a repeated message once
	DedupeWindow  string       `yaml:"dedupe_window"`   // how far apart duplicates may be; default 24h

	// Annotations mark releases and incidents on every time chart whose
	// range covers them; annotations.yaml adds to them (see LoadConfig).
	Annotations []AnnotationSpec `yaml:"annotations"`
}

// DefaultCardinality caps the breakdown values kept per rollup (an event,
// a measure and a property) and hour, over all files: the rest fold into
// OtherGroup.
const DefaultCardinality = 1000

// DefaultDedupeWindow is how far apart (in event time) two messages with
// one messageId may be and still count once, as in Segment's own dedupe.
const DefaultDedupeWindow = 24 * time.Hour

// DedupeSpan returns the dedupe window, or 0 when dedupe is off.
func (c Config) DedupeSpan() (time.Duration, error) {
	switch c.Dedupe {
	case "":
		return 0, nil
	case "messageId":
	default:
		return 0, fmt.Errorf("dedupe %q: the only key is messageId", c.Dedupe)
	}
	if c.DedupeWindow == "" {
		return DefaultDedupeWindow, nil
	}
	d, err := time.ParseDuration(c.DedupeWindow)
	if err != nil || d < time.Hour || d > 31*24*time.Hour {
		return 0, fmt.Errorf("dedupe_window %q: a duration from 1h to 744h, e.g. 24h", c.DedupeWindow)
	}
	return d, nil
}

// CardinalityCap returns the configured cap or the default.
func (c Config) CardinalityCap() int {
	if c.Cardinality > 0 {
		return c.Cardinality
	}
	return DefaultCardinality
}

// MaxEventNamesLimit is the largest max_event_names a site may set.
const MaxEventNamesLimit = 1000000

// EventNamesCap returns the configured cap on event names or the default.
func (c Config) EventNamesCap() int {
	if c.MaxEventNames > 0 {
		return c.MaxEventNames
	}
	return DefaultMaxEventNames
}

// Location returns the site's timezone, UTC when none is set.
func (c Config) Location() (*time.Location, error) {
	if c.Timezone == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return nil, fmt.Errorf("timezone %q: not an IANA zone name such as America/New_York or UTC", c.Timezone)
	}
	return loc, nil
}
