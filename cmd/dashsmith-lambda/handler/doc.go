// Package handler is the dashsmith Lambda: it rolls every event file that
// an S3 ObjectCreated notification names into the rollup store, each file
// exactly once per rollup, whatever the retries and duplicate deliveries.
//
// A file is named as plugins/s3source names it, "key@etag" with the full
// object key (see that package), so the Lambda and a scheduled
// dashsmith ingest over the same bucket never count a file twice. Each
// file is parsed with the base rollup and every rollup the store has
// declared (Store.Declared), less those already applied from it, and
// applied in one store call. The store skips what it has already applied,
// so a retried or doubly delivered event changes nothing.
//
// Errors, per file, decide what Lambda does:
//
//   - retryable (S3 throttling or network, the store unavailable, a
//     canceled context): the file is logged, the others go on, and Handle
//     returns an error, so that Lambda delivers the event again; the files
//     that were applied are then skipped;
//   - poison (a corrupt or truncated gzip stream, an object that is gone,
//     access denied): retrying cannot help. The file is logged and recorded
//     as a JSON object in its bucket under s3source.PoisonPrefix
//     (".dashsmith-poison/<key>@<etag>.json": bucket, key, etag, reason,
//     error, time, request id), and the invocation does not fail. When even
//     that record cannot be written, the file counts as retryable, so that
//     the event ends in the function's on-failure destination;
//   - superseded (the object was replaced after the notification was sent):
//     logged and skipped; the new content has a notification of its own.
//
// Every file gives one JSON log line (log/slog): bucket, key, id, status
// (applied, backfilled, already applied, superseded, poison, retry),
// events, lines, rejected by reason, bytes, ms.
package handler
