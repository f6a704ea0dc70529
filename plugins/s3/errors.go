package s3

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/dashsmith/dashsmith/build"
)

// ErrChanged is wrapped by Open for an object replaced since it was listed
// (or notified): its new content is a new file under a new identity.
var ErrChanged = errors.New("the object changed since it was listed")

// objectError is an S3 failure said briefly, still wrapping the SDK's
// error and the sentinel for its kind.
type objectError struct {
	msg  string
	kind error // build.ErrNotFound, fs.ErrPermission, ErrChanged or nil
	err  error
}

func (e *objectError) Error() string { return e.msg }

func (e *objectError) Unwrap() []error {
	if e.kind == nil {
		return []error{e.err}
	}
	return []error{e.kind, e.err}
}

// fail wraps an S3 error with the package prefix, the object, and the
// sentinel a caller can test for: build.ErrNotFound for a missing bucket
// or object, fs.ErrPermission for a denied request, ErrChanged for a
// failed If-Match. Anything else (throttling, a network error, a
// canceled context, a KMS key that is disabled or throttled) has no
// sentinel. A denied request is no proof that the object cannot be read:
// a permission being granted or propagated, or a KMS grant, makes the
// same request pass later. The message says the likely fix.
func (s *Source) fail(op, key string, err error) error {
	e := &objectError{err: err}
	hint := ""
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		switch re.HTTPStatusCode() {
		case http.StatusNotFound:
			e.kind = build.ErrNotFound
		case http.StatusForbidden:
			e.kind = fs.ErrPermission
			hint = "; check the credentials (AWS_PROFILE, the role) and their S3 permissions"
		case http.StatusPreconditionFailed:
			e.kind = ErrChanged
		}
	}
	why := err.Error()
	var ae smithy.APIError
	if errors.As(err, &ae) {
		why = ae.ErrorCode()
		if m := ae.ErrorMessage(); m != "" {
			why += ": " + m
		}
		if isKMS(ae) {
			hint = "; the object is encrypted with a KMS key (SSE-KMS): the role that reads it needs kms:Decrypt on that key " +
				"(the Lambda's Terraform variable kms_key_arn), and the key must be enabled"
		}
	}
	e.msg = fmt.Sprintf("s3source: %s s3://%s/%s: %s%s", op, s.bucket, key, why, hint)
	return e
}

// isKMS reports whether S3 failed on the object's KMS key: a KMS error
// code (KMS.DisabledException, KMS.NotFoundException, …) or a denied
// kms: action.
func isKMS(ae smithy.APIError) bool {
	return strings.HasPrefix(ae.ErrorCode(), "KMS.") || strings.Contains(ae.ErrorMessage(), "kms:")
}
