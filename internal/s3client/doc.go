// Package s3client reads s3:// URLs and builds S3 clients from them, for
// the S3 event source and the S3 publisher alike: it owns the AWS SDK's
// S3 configuration, so that the two plugins agree on every setting
// (region, endpoint, path_style) and on how a client is made.
package s3client
