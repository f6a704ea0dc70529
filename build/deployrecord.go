package build

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// RecordKey is where, under a deploy target, deploy keeps the record of
// the files it uploaded there: the only files it will ever delete. A site
// never publishes a hidden file but .nojekyll (see readSite), so no site
// file can clash with it.
const RecordKey = ".dashsmith/deployed.json"

// recordVersion is the format of the record this code writes and reads.
const recordVersion = 1

// record is the JSON of RecordKey.
type record struct {
	Version int      `json:"version"`
	Files   []string `json:"files"` // sorted, each once
}

// readRecord reads the record under the target, when the listing has one.
func readRecord(ctx context.Context, pub Publisher, remote map[string]string) (map[string]bool, bool, error) {
	if _, ok := remote[RecordKey]; !ok {
		return map[string]bool{}, false, nil
	}
	data, err := pub.Get(ctx, RecordKey)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("deploy: read %s: %w", RecordKey, err)
	}
	rec, err := parseRecord(data)
	return rec, err == nil, err
}

func putRecord(ctx context.Context, pub Publisher, files map[string]bool) error {
	data := encodeRecord(files)
	sum := md5.Sum(data)
	meta := ObjectMeta{ContentType: "application/json", CacheControl: "no-cache", MD5: hex.EncodeToString(sum[:])}
	if err := pub.Put(ctx, RecordKey, data, meta); err != nil {
		return fmt.Errorf("deploy: write %s: %w", RecordKey, err)
	}
	return nil
}

// parseRecord reads a record, and rejects one that names a file a deploy
// could not have uploaded (a hidden file, "..", an absolute path): a
// record edited by hand or by someone else must not steer deletions.
func parseRecord(data []byte) (map[string]bool, error) {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("deploy: %s under the target is not a deploy record (%v): delete it and deploy once with --delete=false to start a new one", RecordKey, err)
	}
	if r.Version != recordVersion {
		return nil, fmt.Errorf("deploy: %s under the target has version %d, this dashsmith reads version %d: use a dashsmith at least as new as the one that wrote it", RecordKey, r.Version, recordVersion)
	}
	out := make(map[string]bool, len(r.Files))
	for _, p := range r.Files {
		if !publishable(p) {
			return nil, fmt.Errorf("deploy: %s under the target names %q, which deploy never uploads: delete the record and deploy once with --delete=false to start a new one", RecordKey, p)
		}
		out[p] = true
	}
	return out, nil
}

// encodeRecord writes a record: sorted, so that the same files give the
// same bytes.
func encodeRecord(files map[string]bool) []byte {
	r := record{Version: recordVersion, Files: sortedSet(files)}
	data, _ := json.MarshalIndent(r, "", "  ") // a struct of strings cannot fail
	return append(data, '\n')
}

// publishable reports whether deploy could have uploaded p: a clean
// relative slash path with no hidden part, except a file named .nojekyll.
// It is readSite's rule, spelled for a key.
func publishable(p string) bool {
	if p == "" {
		return false
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if s == "" {
			return false
		}
		if s[0] == '.' && (s != ".nojekyll" || i != len(parts)-1) {
			return false // also "." and ".."
		}
	}
	return true
}

func sortedSet(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }

func sameSet(a, b map[string]bool) bool { return maps.Equal(a, b) }
