package s3

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/dashsmith/dashsmith/build"
)

// fakeS3 serves gofakes3 over HTTP and records the Cache-Control of every
// PUT, which gofakes3 itself does not keep.
func fakeS3(t *testing.T, bucket string) (*awss3.Client, map[string]string) {
	t.Helper()
	var mu sync.Mutex
	cache := map[string]string{}
	h := gofakes3.New(s3mem.New()).Server()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			mu.Lock()
			cache[strings.TrimPrefix(r.URL.Path, "/"+bucket+"/")] = r.Header.Get("Cache-Control")
			mu.Unlock()
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	client := awss3.New(awss3.Options{
		Region:                     "us-east-1",
		BaseEndpoint:               aws.String(hs.URL),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", ""),
		HTTPClient:                 hs.Client(),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})
	if _, err := client.CreateBucket(context.Background(), &awss3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	return client, cache
}

// TestDeploy runs build.Deploy against a fake S3 over HTTP: the first
// deploy uploads everything, a second uploads nothing, a changed dashboard
// uploads only its files, a removed one is deleted.
func TestDeploy(t *testing.T) {
	client, cacheControl := fakeS3(t, "site")
	pub := NewPublisher(client, "site", "metrics")
	dir := t.TempDir()
	write := func(p, body string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(build.OutputMarker, "built") // as dashsmith build leaves it
	write("index.html", "<h1>home</h1>")
	write("sales/index.html", "<h1>sales</h1>")
	write("sales/chart-1.csv", "time,value\n")
	write("signups/index.html", "<h1>signups</h1>")
	write("assets/echarts-5.4.3.min.js", "/* js */")
	ctx := context.Background()
	deploy := func() *build.DeployReport {
		t.Helper()
		rep, err := build.Deploy(ctx, dir, pub, build.DeployOptions{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}

	rep := deploy()
	if len(rep.Uploaded) != 5 || rep.Uploaded[4] != "signups/index.html" {
		t.Errorf("first deploy uploaded %v", rep.Uploaded)
	}
	head, err := client.HeadObject(ctx, &awss3.HeadObjectInput{Bucket: aws.String("site"), Key: aws.String("metrics/assets/echarts-5.4.3.min.js")})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(aws.ToString(head.ContentType), "text/javascript") {
		t.Errorf("bundle served as %q", aws.ToString(head.ContentType))
	}
	if got := cacheControl["metrics/assets/echarts-5.4.3.min.js"]; got != "public, max-age=31536000, immutable" {
		t.Errorf("bundle Cache-Control %q", got)
	}
	if got := cacheControl["metrics/index.html"]; got != "public, max-age=300" {
		t.Errorf("page Cache-Control %q", got)
	}

	if rep := deploy(); len(rep.Uploaded) != 0 || rep.Unchanged != 5 {
		t.Errorf("second deploy uploaded %v, unchanged %d", rep.Uploaded, rep.Unchanged)
	}

	write("sales/index.html", "<h1>sales, v2</h1>")
	write("sales/chart-1.csv", "time,value\n2026-11-25,4\n")
	if err := os.RemoveAll(filepath.Join(dir, "signups")); err != nil {
		t.Fatal(err)
	}
	rep = deploy()
	sort.Strings(rep.Uploaded)
	if strings.Join(rep.Uploaded, " ") != "sales/chart-1.csv sales/index.html" || strings.Join(rep.Deleted, " ") != "signups/index.html" {
		t.Errorf("after an edit: uploaded %v, deleted %v", rep.Uploaded, rep.Deleted)
	}
	left, err := pub.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := left[build.RecordKey]; len(left) != 5 || !ok {
		t.Errorf("%d objects left, want the 4 files and the record: %v", len(left), left)
	}
}
