// Package s3 owns everything dashsmith does with Amazon S3, and is, with
// the DynamoDB store, the only package that imports the AWS SDK. It
// registers the "s3" scheme twice: as an event source (raw event files
// under an S3 prefix, dashsmith ingest --from) and as a publisher
// (dashsmith deploy). Both read the same URL,
// s3://bucket/prefix?region=…&endpoint=…&path_style=1 (see ParseURL), and
// make their client the same way (see NewClient), so they agree on every
// setting. The Lambda function reaches S3 only through Client, in plain Go
// types, so that it imports nothing of the AWS SDK.
//
// # Clients and URLs
//
// Credentials and settings come from the SDK's standard chain
// (aws-sdk-go-v2/config LoadDefaultConfig): AWS_REGION, AWS_PROFILE, the
// shared config files, the Lambda or EC2 role, and AWS_ENDPOINT_URL or
// AWS_ENDPOINT_URL_S3 for an S3-compatible server. The URL's region= and
// endpoint= win over those; path_style=1 asks for path-style addressing
// (http://host/bucket/key), which most S3-compatible servers need.
//
// # The event source
//
// The prefix is a folder: "s3://bucket/segment-logs/src" lists the keys
// under "segment-logs/src/", and "s3://bucket" the whole bucket. List pages
// through ListObjectsV2 and skips "folder" keys (ending in "/") and keys with
// a hidden part below the prefix (a name starting with "."), as the file
// source skips hidden files; the Lambda's poison records (PoisonPrefix) are
// hidden that way.
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
// SetSince makes List return only objects whose LastModified is at or after
// a time; dashsmith ingest --since sets it. ListObjectsV2 cannot filter by
// time, so the whole prefix is still listed, but nothing older is read.
//
// Objects are streamed, never held whole in memory. Segment's objects are
// stored with Content-Encoding: gzip; the HTTP transport here never unpacks
// a body on the fly, and the event parser detects gzip by its magic bytes,
// so an object reads the same with or without that header.
//
// The source's errors start with "s3source:", as they did when the source
// was a package of its own, so that messages users match on stay the same.
//
// # The publisher
//
// Publisher deploys a built site to an S3 prefix: dashsmith deploy
// s3://bucket/prefix. It compares each file's MD5 with the ETag S3 keeps
// for a plain upload, so one listing tells what changed; only those files
// are uploaded, with their Content-Type and Cache-Control (see
// build.MetaFor). It only stores: which objects a deploy may delete is
// the core's decision (build.RecordKey), never a listing of the prefix.
// Its errors start with "s3publish:", for the same reason.
package s3
