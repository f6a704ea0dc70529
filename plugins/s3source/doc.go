// Package s3source reads raw event files from an S3 prefix, registered
// under the "s3" scheme: s3://bucket/prefix?region=…&endpoint=…&path_style=1.
//
// Credentials and settings come from the SDK's standard chain
// (aws-sdk-go-v2/config LoadDefaultConfig): AWS_REGION, AWS_PROFILE, the
// shared config files, the Lambda or EC2 role, and AWS_ENDPOINT_URL or
// AWS_ENDPOINT_URL_S3 for an S3-compatible server. The URL's region= and
// endpoint= win over those; path_style=1 asks for path-style addressing
// (http://host/bucket/key), which most S3-compatible servers need.
//
// The prefix is a folder: "s3://bucket/segment-logs/src" lists the keys
// under "segment-logs/src/", and "s3://bucket" the whole bucket. List pages
// through ListObjectsV2 and skips "folder" keys (ending in "/") and keys with
// a hidden part below the prefix (a name starting with "."), as the file
// source skips hidden files; the Lambda's poison records (PoisonPrefix) are
// hidden that way.
//
// # Identity
//
// A file's identity (build.FileInfo.Key, build.Batch.ID) is the full object
// key, not the key relative to the prefix, then "@" and the object's ETag
// without its quotes:
//
//	segment-logs/src/1764028800000/1764032400000.ab12.gz@9b2cf535f27731c974343645a3985328
//
// The full key makes a scheduled ingest (whatever prefix it lists) and the
// Lambda (which is told full keys) name a file the same way, so a file is
// applied once whichever of them sees it first. The ETag makes an object
// that is uploaded again with other content a new file: its events are
// counted again (set dedupe: messageId when files may be replaced), while
// an unchanged object is never read twice. ID builds an identity and
// SplitID takes it apart at its last "@" (an ETag holds none).
//
// Open streams the object and asks S3 for that ETag (If-Match): an object
// replaced since it was listed fails with ErrChanged instead of being
// counted under the old identity; the new content is a new file for the
// next run.
//
// # Since
//
// SetSince makes List return only objects whose LastModified is at or after
// a time; dashsmith ingest --since sets it. ListObjectsV2 cannot filter by
// time, so the whole prefix is still listed, but nothing older is read.
//
// # Bodies
//
// Objects are streamed, never held whole in memory. Segment's objects are
// stored with Content-Encoding: gzip; the HTTP transport here never unpacks
// a body on the fly, and the event parser detects gzip by its magic bytes,
// so an object reads the same with or without that header.
package s3source
