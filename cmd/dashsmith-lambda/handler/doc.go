// Package handler is the dashsmith Lambda: it rolls every event file that
// an S3 ObjectCreated notification names into the rollup store, each file
// exactly once per rollup, whatever the retries and duplicate deliveries.
//
// A file is named as plugins/s3 names it, "key@etag" with the full
// object key (see that package), so the Lambda and a scheduled
// dashsmith ingest over the same bucket never count a file twice. Each
// file is parsed with the base rollup and every rollup the store has
// declared (build.Declared), less those already applied from it, and
// applied in one store call. The store skips what it has already applied,
// so a retried or doubly delivered event changes nothing.
//
// The handler reaches S3 only through plugins/s3's Client (read an
// object, ask for its ETag, write a poison record), so it imports nothing
// of the AWS SDK: the SDK belongs to that plugin.
//
// # Failures
//
// Every failure of a file falls in exactly one class. The rule: a file is
// poison only when no retry can ever change the outcome; everything else
// is retried, because a file skipped by mistake is counted nowhere and
// nothing says so, while a file retried by mistake ends, loudly, in the
// failure destination.
//
//   - retryable: any S3 error that S3 itself may answer otherwise later
//     (AccessDenied, whether a missing s3:GetObject, a missing kms:Decrypt
//     on an SSE-KMS bucket or a role not yet propagated; KMS.* errors,
//     such as a disabled or throttled key; SlowDown, 5xx and other
//     throttling), a connection dropped mid-body (even though it ends the
//     gzip stream early, as a truncated file does), the store (throttled,
//     a transaction conflict, unreachable), a notification without an
//     ETag whose HEAD fails, and the handler's own deadline. The file is
//     logged (status "retry"), the others go on, and Handle returns an
//     error, so that Lambda delivers the event again (twice, for an
//     asynchronous S3 notification); the files that were applied are
//     skipped then. After the last retry Lambda sends the event to the
//     function's on-failure destination (the Terraform's SQS queue).
//   - poison, only these (the Reason* constants): ReasonCorruptGzip, a
//     gzip stream that is broken although S3 sent the whole object (bad
//     header, bad deflate data, bad checksum, truncated); ReasonTooLarge,
//     an object larger than Config.MaxFileBytes (DASHSMITH_MAX_FILE_BYTES,
//     DefaultMaxFileBytes), which could not be read before the timeout,
//     or whose text after gzip passes the parser's limit (events.
//     MaxTextBytes: a gzip bomb); ReasonBadKey, a notification whose key is not URL-encoded. The file
//     is logged (status "poison", level ERROR) and recorded as a JSON
//     object in its bucket under s3.PoisonPrefix
//     (".dashsmith-poison/<key>@<etag>.json": bucket, key, etag, reason,
//     error, time, request id), and the invocation does not fail. When even
//     that record cannot be written, the file counts as retryable, so that
//     the event ends in the failure destination rather than nowhere;
//   - superseded (the object was replaced after the notification was
//     sent): logged and skipped; the new content has a notification of its
//     own;
//   - gone (NoSuchKey: the object was deleted after the notification was
//     sent): logged at WARN (status "gone") and skipped. S3 is strongly
//     consistent, so no retry will find it, and a scheduled ingest would
//     not list it either; it is no poison, since nobody can replace a file
//     that its owner deleted. S3 answers NoSuchKey only to a reader that
//     may list the bucket (s3:ListBucket); to others it answers
//     AccessDenied, which is retried.
//
// Lines that cannot be parsed (bad JSON, too long, no time) are no
// failure: they are rejected and counted by reason, and the file applies.
//
// # Deadline
//
// The handler stops DefaultMargin (Config.Margin; a quarter of the time
// left when that is less) before the function's deadline: the file being
// read and those not yet started are logged with status "retry" and reason
// "deadline", and Handle returns an error that wraps
// context.DeadlineExceeded. A file that always takes longer than the
// timeout therefore ends in the failure destination after the retries,
// with a log line that says why, instead of a bare "Task timed out".
//
// # Log lines
//
// Every file gives one JSON log line (log/slog): bucket, key, id, status
// (applied, backfilled, already applied, superseded, gone, poison,
// retry), reason (for poison, and "deadline" for a retry out of time),
// events, lines, rejected by reason, bytes, ms.
package handler
