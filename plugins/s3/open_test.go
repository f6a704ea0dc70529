package s3

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

// awsEnv makes the SDK's default chain see only dummy credentials: no
// profile, no config files, no instance role, no custom CA bundle.
func awsEnv(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID":                "AKIDTEST",
		"AWS_SECRET_ACCESS_KEY":            "secret",
		"AWS_SESSION_TOKEN":                "",
		"AWS_PROFILE":                      "",
		"AWS_DEFAULT_PROFILE":              "",
		"AWS_REGION":                       "",
		"AWS_DEFAULT_REGION":               "",
		"AWS_CONFIG_FILE":                  filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE":      filepath.Join(dir, "credentials"),
		"AWS_CA_BUNDLE":                    "",
		"AWS_EC2_METADATA_DISABLED":        "true",
		"AWS_ENDPOINT_URL":                 "",
		"AWS_ENDPOINT_URL_S3":              "",
		"AWS_REQUEST_CHECKSUM_CALCULATION": "when_required",
		"AWS_RESPONSE_CHECKSUM_VALIDATION": "when_required",
	} {
		t.Setenv(k, v)
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	srv := s3test.New(t, "events")
	body := gz(t, lines)
	etag := srv.Put(t, "events", "segment-logs/src/1.gz", body, "gzip")
	want := []string{ID("segment-logs/src/1.gz", etag)}

	list := func(t *testing.T, url string) *Source {
		t.Helper()
		src, err := build.OpenSource(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		files, err := src.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Key)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q; want %q", url, got, want)
		}
		return src.(*Source)
	}
	t.Run("EndpointInURL", func(t *testing.T) {
		awsEnv(t)
		s := list(t, "s3://events/segment-logs/src?region=us-east-1&path_style=1&endpoint="+srv.URL)
		// The client OpenSource makes must not unpack Content-Encoding: gzip.
		if got := read(t, s, want[0]); string(got) != string(body) {
			t.Errorf("read %d bytes; want the %d gzip bytes as stored", len(got), len(body))
		}
	})
	t.Run("EndpointFromEnv", func(t *testing.T) {
		awsEnv(t)
		t.Setenv("AWS_ENDPOINT_URL_S3", srv.URL)
		t.Setenv("AWS_REGION", "eu-west-1")
		list(t, "s3://events/segment-logs/src/?path_style=true")
	})
	t.Run("NoRegion", func(t *testing.T) {
		awsEnv(t)
		_, err := build.OpenSource(ctx, "s3://events/x")
		if err == nil || err.Error() != "s3: no AWS region: set AWS_REGION or add ?region=us-east-1 to the s3:// URL" {
			t.Errorf("err = %v", err)
		}
	})
}
