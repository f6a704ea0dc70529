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
