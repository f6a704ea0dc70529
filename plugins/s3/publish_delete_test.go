package s3

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/dashsmith/dashsmith/build"
)

// foreign are objects that share a bucket with a site and that dashsmith
// never uploaded: Segment's raw files, the Lambda's poison records, a
// backup. A deploy must never delete them.
var foreign = []string{
	"segment-logs/src1/1764028800000/1764032400000.a1b2c3.gz",
	".dashsmith-poison/segment-logs/src1/1764028800000/bad.gz.json",
	"backups/2026-11-24.tar.gz",
}

func putObject(t *testing.T, client *awss3.Client, bucket, key, body string) {
	t.Helper()
	if _, err := client.PutObject(context.Background(), &awss3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
}

// bucketKeys lists every object of the bucket.
func bucketKeys(t *testing.T, client *awss3.Client, bucket string) []string {
	t.Helper()
	var out []string
	pages := awss3.NewListObjectsV2Paginator(client, &awss3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out = append(out, aws.ToString(o.Key))
		}
	}
	sort.Strings(out)
	return out
}

// siteDir writes a built site: path -> content.
func siteDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, build.OutputMarker), []byte("built"), 0o644); err != nil {
		t.Fatal(err) // as dashsmith build leaves it
	}
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDeploy_BucketRoot deploys at a bucket root next to Segment's files,
// poison records and backups. With no record yet, --delete is refused and
// nothing changes; a deploy without it starts the record; a deploy with a
// dashboard removed then deletes that dashboard's page and nothing else.
func TestDeploy_BucketRoot(t *testing.T) {
	ctx := context.Background()
	client, _ := fakeS3(t, "shared")
	for _, k := range foreign {
		putObject(t, client, "shared", k, "not the site's")
	}
	pub := NewPublisher(client, "shared", "")
	dir := siteDir(t, map[string]string{"index.html": "home", "sales/index.html": "sales", "signups/index.html": "signups"})

	before := strings.Join(bucketKeys(t, client, "shared"), " ")
	_, err := build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true})
	if err == nil || !strings.Contains(err.Error(), "refusing --delete at the root of a bucket that holds 3 objects") {
		t.Fatalf("err %v", err)
	}
	if after := strings.Join(bucketKeys(t, client, "shared"), " "); after != before {
		t.Fatalf("a refused deploy changed the bucket: %s", after)
	}

	rep, err := build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: false})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Foreign != 3 {
		t.Errorf("foreign %d, want 3", rep.Foreign)
	}
	if err := os.RemoveAll(filepath.Join(dir, "signups")); err != nil {
		t.Fatal(err)
	}
	rep, err = build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Deleted, " ") != "signups/index.html" {
		t.Errorf("deleted %v, want only signups/index.html", rep.Deleted)
	}
	left := strings.Join(bucketKeys(t, client, "shared"), " ")
	for _, k := range foreign {
		if !strings.Contains(left, k) {
			t.Errorf("%s was deleted; the bucket holds %s", k, left)
		}
	}
	if strings.Contains(left, "signups/index.html") {
		t.Errorf("the removed page is still published: %s", left)
	}
}

// TestDeploy_Prefix replaces a page under a prefix: the old page is
// deleted, and nothing else is, neither an object under the prefix that
// dashsmith did not upload nor anything beside the prefix.
func TestDeploy_Prefix(t *testing.T) {
	ctx := context.Background()
	client, _ := fakeS3(t, "shared")
	for _, k := range append(foreign, "metrics/README.txt", "metrics-old/index.html") {
		putObject(t, client, "shared", k, "not the site's")
	}
	pub := NewPublisher(client, "shared", "metrics")
	dir := siteDir(t, map[string]string{"index.html": "home", "sales/index.html": "sales"})
	rep, err := build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Deleted) != 0 || rep.Foreign != 1 {
		t.Errorf("first deploy: deleted %v, foreign %d", rep.Deleted, rep.Foreign)
	}
	if err := os.RemoveAll(filepath.Join(dir, "sales")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "revenue"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "revenue", "index.html"), []byte("revenue"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Uploaded, " ") != "revenue/index.html" || strings.Join(rep.Deleted, " ") != "sales/index.html" {
		t.Errorf("uploaded %v, deleted %v", rep.Uploaded, rep.Deleted)
	}
	want := append([]string{"metrics-old/index.html", "metrics/.dashsmith/deployed.json", "metrics/README.txt",
		"metrics/index.html", "metrics/revenue/index.html"}, foreign...)
	sort.Strings(want)
	if got := strings.Join(bucketKeys(t, client, "shared"), " "); got != strings.Join(want, " ") {
		t.Errorf("bucket holds\n  %s\nwant\n  %s", got, strings.Join(want, " "))
	}
}

// failingDelete is a publisher whose deletions fail, like a role without
// s3:DeleteObject or a deploy killed between its uploads and deletions.
type failingDelete struct{ *Publisher }

func (failingDelete) Delete(context.Context, []string) error {
	return errors.New("AccessDenied: s3:DeleteObject")
}

// TestDeploy_CrashBeforeDelete stops a deploy after its uploads: the next
// deploy still deletes the stale page, because the record kept it.
func TestDeploy_CrashBeforeDelete(t *testing.T) {
	ctx := context.Background()
	client, _ := fakeS3(t, "shared")
	pub := NewPublisher(client, "shared", "metrics")
	dir := siteDir(t, map[string]string{"index.html": "home", "sales/index.html": "sales"})
	if _, err := build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "sales")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("home v2"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Deploy(ctx, dir, failingDelete{pub}, build.DeployOptions{Delete: true}); err == nil {
		t.Fatal("the failing delete was not reported")
	}
	if got := strings.Join(bucketKeys(t, client, "shared"), " "); !strings.Contains(got, "metrics/sales/index.html") {
		t.Fatalf("the page is gone already: %s", got)
	}
	rep, err := build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Uploaded) != 0 || strings.Join(rep.Deleted, " ") != "sales/index.html" {
		t.Errorf("re-deploy: uploaded %v, deleted %v", rep.Uploaded, rep.Deleted)
	}
	if got := strings.Join(bucketKeys(t, client, "shared"), " "); got != "metrics/.dashsmith/deployed.json metrics/index.html" {
		t.Errorf("bucket holds %s", got)
	}
}

// TestDeploy_DryRunChangesNothing plans uploads, a deletion and a new
// record, and finds every object, the record included, as it was.
func TestDeploy_DryRunChangesNothing(t *testing.T) {
	ctx := context.Background()
	client, _ := fakeS3(t, "shared")
	for _, k := range foreign {
		putObject(t, client, "shared", k, "not the site's")
	}
	pub := NewPublisher(client, "shared", "")
	dir := siteDir(t, map[string]string{"index.html": "home", "sales/index.html": "sales"})
	snapshot := func() string {
		t.Helper()
		var b strings.Builder
		for _, k := range bucketKeys(t, client, "shared") {
			data, err := pub.Get(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(k + "=" + string(data) + "\n")
		}
		return b.String()
	}
	before := snapshot()
	rep, err := build.Deploy(ctx, dir, pub, build.DeployOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Uploaded) != 2 || rep.Foreign != 3 || snapshot() != before {
		t.Fatalf("first dry run: plan %v, foreign %d; bucket now\n%s", rep.Uploaded, rep.Foreign, snapshot())
	}
	if _, err := build.Deploy(ctx, dir, pub, build.DeployOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "sales")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "signups.html"), []byte("signups"), 0o644); err != nil {
		t.Fatal(err)
	}
	before = snapshot()
	rep, err = build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Uploaded, " ") != "signups.html" || strings.Join(rep.Deleted, " ") != "sales/index.html" {
		t.Errorf("plan: upload %v, delete %v", rep.Uploaded, rep.Deleted)
	}
	if after := snapshot(); after != before {
		t.Errorf("a dry run changed the bucket:\n%s\nwas\n%s", after, before)
	}
}

func TestGet_NotFound(t *testing.T) {
	client, _ := fakeS3(t, "shared")
	_, err := NewPublisher(client, "shared", "metrics").Get(context.Background(), build.RecordKey)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err %v, want one wrapping fs.ErrNotExist", err)
	}
}
