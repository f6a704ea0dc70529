package build

import (
	"fmt"
	"sort"
)

// deployPlan is what a deploy does, decided from the site, the target's
// listing and the record before anything changes.
type deployPlan struct {
	upload    []string        // assets and data first, pages last
	unchanged int             // site files already published as they are
	gone      []string        // recorded and published, no longer in the site (with Delete)
	foreign   int             // published, neither the site's nor recorded: never touched
	first     map[string]bool // the record to write before any upload; nil: it stays
	last      map[string]bool // the record to write after the deletions; nil: it stays
}

// planDeploy decides a deploy. local is the site, remote the target's
// listing (path -> MD5), rec the record (hasRecord false when there is
// none) and atRoot whether the target is a bucket's root.
//
// Only recorded files are ever deleted, so nothing beside the site
// (Segment's files, poison records, backups) can be. The record grows to
// hold every site file before the first upload, so a deploy that stops
// anywhere has already recorded what it uploaded, and shrinks to the site
// only once the deletions are done, so a deploy that stops before them
// deletes the stale files the next time.
func planDeploy(local map[string]localFile, remote map[string]string, rec map[string]bool, hasRecord, atRoot, del bool) (*deployPlan, error) {
	pl := &deployPlan{}
	objects := len(remote)
	if _, ok := remote[RecordKey]; ok {
		objects--
	}
	if del && atRoot && !hasRecord && objects > 0 {
		return nil, fmt.Errorf("deploy: refusing --delete at the root of a bucket that holds %d objects and no record of which of them dashsmith uploaded (%s): they could be Segment's files, poison records or backups. Deploy once with --delete=false to start the record (it deletes nothing; later deploys delete only what they uploaded), or deploy to a folder of the bucket (s3://bucket/site/)", objects, RecordKey)
	}
	for p, f := range local {
		if remote[p] == f.md5 {
			pl.unchanged++
			continue
		}
		pl.upload = append(pl.upload, p)
	}
	sort.Slice(pl.upload, func(i, j int) bool {
		pi, pj := isPage(pl.upload[i]), isPage(pl.upload[j])
		if pi != pj {
			return pj // assets and data first, pages last
		}
		return pl.upload[i] < pl.upload[j]
	})
	for p := range remote {
		if _, ok := local[p]; ok || p == RecordKey {
			continue
		}
		switch {
		case !rec[p]:
			pl.foreign++
		case del:
			pl.gone = append(pl.gone, p)
		}
	}
	sort.Strings(pl.gone)

	first := make(map[string]bool, len(rec)+len(local))
	for p := range rec {
		first[p] = true
	}
	for p := range local {
		first[p] = true
	}
	if !hasRecord || !sameSet(first, rec) {
		pl.first = first
	}
	if del {
		last := make(map[string]bool, len(local))
		for p := range local {
			last[p] = true
		}
		if !sameSet(last, first) {
			pl.last = last
		}
	}
	return pl, nil
}
