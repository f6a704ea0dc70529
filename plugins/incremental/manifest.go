package incremental

import "github.com/dashsmith/dashsmith/build"

// Manifest is where a build finds what the last good build made of each
// page, and leaves its own record for the next. There are two: Disk, the
// manifest beside the files of the output folder (dashsmith build), and
// Memory, kept between the builds of one process (dashsmith serve).
type Manifest interface {
	// Entries returns the last build's record of each page, by URL; it
	// is empty when there is none.
	Entries() map[string]Entry
	// Files returns what the last build made of the page recorded as e:
	// its HTML under p.OutputPath() and each file of e.Files. It returns
	// nil when any of them is gone, and the page is then built again.
	Files(p *build.Page, e Entry) map[string][]byte
	// Record keeps this build's record of its pages, by URL, with their
	// files as the site holds them once every stage has run.
	Record(s *build.Site, pages map[string]Entry) error
}

// Entry is a manifest's record of one page.
type Entry struct {
	Digest string   `json:"digest"`           // of its inputs and data (pageDigest)
	Inputs string   `json:"inputs,omitempty"` // of its inputs alone (inputsDigest), kept with a data stamp
	Files  []string `json:"files"`            // the files it owns beside its HTML (Page.Files), sorted
}

// Keeper is a manifest whose pages' files the build's writer can take
// from where they are, unread (build.Page.Kept): a page reused from it
// costs a link, not a read and a write.
type Keeper interface {
	Keeps(p *build.Page, e Entry) bool
}
