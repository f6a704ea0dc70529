package s3

import "strings"

// ID is the identity of the object key whose ETag is etag: "key@etag",
// with the ETag's quotes removed (see the package doc).
func ID(key, etag string) string { return key + "@" + ETag(etag) }

// SplitID takes an identity made by ID apart. ok is false when id has no
// "@".
func SplitID(id string) (key, etag string, ok bool) {
	i := strings.LastIndexByte(id, '@')
	if i < 0 {
		return id, "", false
	}
	return id[:i], id[i+1:], true
}

// ETag returns an ETag without its quotes, as S3 event notifications
// write it.
func ETag(etag string) string { return strings.Trim(etag, `"`) }
