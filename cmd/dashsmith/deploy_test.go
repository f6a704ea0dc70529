package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

// TestDeploy_CLI deploys with the command at the root of a bucket that
// holds Segment's files: refused (exit 1, with the fix) until a deploy
// with --delete=false starts the record, then the files are still there.
func TestDeploy_CLI(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_S3": "", "AWS_CA_BUNDLE": "",
		"AWS_REQUEST_CHECKSUM_CALCULATION": "when_required", "AWS_RESPONSE_CHECKSUM_VALIDATION": "when_required",
	} {
		t.Setenv(k, v)
	}
	srv := s3test.New(t, "shared")
	segment := "segment-logs/src/1764028800000/1764032400000.a1b2c3.gz"
	srv.Put(t, "shared", segment, []byte("raw events"), "")
	site := filepath.Join(dir, "public")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"index.html": "home", build.OutputMarker: "built"} {
		if err := os.WriteFile(filepath.Join(site, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	target := "s3://shared/?region=us-east-1&path_style=1&endpoint=" + srv.URL
	deploy := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), append([]string{"deploy", target, "--dir", site}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}

	code, _, stderr := deploy()
	if code != exitUser || !strings.Contains(stderr, "refusing --delete at the root of a bucket") || !strings.Contains(stderr, "--delete=false") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := deploy("--delete=false")
	if code != exitOK || !strings.Contains(stdout, "1 uploaded") || !strings.Contains(stdout, "1 other files under the target left alone") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	code, stdout, stderr = deploy("--dry-run")
	if code != exitOK || !strings.Contains(stdout, "keep 1 other files under the target") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if code, stdout, stderr = deploy(); code != exitOK {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if _, err := srv.Client.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("shared"), Key: aws.String(segment)}); err != nil {
		t.Errorf("Segment's file: %v", err)
	}
}

// TestDeploy_NotBuilt: deploy uploads only a folder that dashsmith build
// wrote. `--dir .` in a site folder would have published content/, the
// config and events/, the raw events with their user IDs; it is refused
// and nothing is uploaded.
func TestDeploy_NotBuilt(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv := s3test.New(t, "site")
	for name, body := range map[string]string{
		"dashsmith.yaml":   "title: x\n",
		"content/index.md": "# Home\n",
		"events/f.json":    `{"type":"track","event":"Buy","userId":"u_secret"}` + "\n",
	} {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	target := "s3://site/metrics/?region=us-east-1&path_style=1&endpoint=" + srv.URL
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"deploy", target, "--dir", dir}, &out, &errb)
	if code != exitUser || !strings.Contains(errb.String(), "was not written by dashsmith build") {
		t.Fatalf("exit %d: %s%s", code, out.String(), errb.String())
	}
	list, err := srv.Client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("site")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 0 {
		t.Errorf("%d objects uploaded from a folder build did not write", len(list.Contents))
	}
}
