package main

// The built bootstrap, run by AWS's Lambda Runtime Interface Emulator (the
// Runtime API that Lambda itself serves to a provided.al2023 function),
// invoked over the emulator's HTTP API with S3 notifications as S3 writes
// them, against an S3 protocol server (gofakes3 on a 127.0.0.1 port) and
// DynamoDB Local. The counts are read back through the store.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/cmd/dashsmith-lambda/handler"
	"github.com/dashsmith/dashsmith/plugins/dynamostore"
	"github.com/dashsmith/dashsmith/plugins/s3"
)

const (
	// RIEEnv names the emulator binary; unset, the test looks for it where
	// make rie builds it.
	RIEEnv = "DASHSMITH_RIE"
	// rieBuilt is that place, from the repository root.
	rieBuilt = ".cache/rie/aws-lambda-rie"
	// dynamoEnv names the DynamoDB Local endpoint (see plugins/dynamostore).
	dynamoEnv = "DASHSMITH_DYNAMODB_ENDPOINT"

	rieBucket = "segment-bucket"
	// The function's timeout in the emulator: short, so that the deadline
	// case ends soon; the handler stops a quarter of it (2 s) before.
	rieTimeout = 8
)

func TestBootstrapInRuntimeEmulator(t *testing.T) {
	rie := needRIE(t)
	endpoint := needDynamoDB(t)
	ctx := context.Background()

	s3srv := newS3(t)
	table := fmt.Sprintf("rie-%d", time.Now().UnixNano())
	db := dynamodb.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(endpoint) })
	store, err := dynamostore.New(ctx, dynamostore.Options{Table: table, Client: db, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		store.Close()
		db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	})

	fn := startRIE(t, rie, buildBootstrap(t), map[string]string{
		"DASHSMITH_STORE":     "dynamodb://" + table + "?region=us-east-1&endpoint=" + endpoint,
		"AWS_ENDPOINT_URL_S3": s3srv.url,
	})

	total := func() int64 {
		t.Helper()
		infos, err := store.Events(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		for _, i := range infos {
			if i.Event == "Order Completed" {
				n += i.Total
			}
		}
		return n
	}

	t.Run("OneRecord", func(t *testing.T) {
		a := s3srv.put(t, "segment-logs/src/1764028800000/1764032400000.a.gz", 3)
		fn.invokeOK(t, notification(a))
		if n := total(); n != 3 {
			t.Errorf("total = %d; want 3", n)
		}
		fn.wantStatuses(t, "applied")
	})

	// Several records, two of them with keys S3 had to encode: a space as
	// '+', a plus, '=', ',' and parentheses as %XX, and one whose slashes
	// are %2F.
	several := notification(
		s3srv.put(t, "segment-logs/src/1764028800000/1764036000000.b.gz", 4),
		s3srv.put(t, "segment-logs/src/1764028800000/a b+c=d,(e).gz", 5),
		s3srv.put(t, "segment-logs/src/1764028800000/slashes.gz", 6, encodeSlashes),
	)
	t.Run("SeveralRecords", func(t *testing.T) {
		if !strings.Contains(string(several), `"key":"segment-logs/src/1764028800000/a+b%2Bc%3Dd%2C%28e%29.gz"`) ||
			!strings.Contains(string(several), `"key":"segment-logs%2Fsrc%2F1764028800000%2Fslashes.gz"`) {
			t.Fatalf("the notification does not encode keys as S3 does: %s", several)
		}
		fn.invokeOK(t, several)
		if n := total(); n != 3+4+5+6 {
			t.Errorf("total = %d; want 18", n)
		}
		fn.wantStatuses(t, "applied", "applied", "applied")
		// The decoded keys are the files' identities.
		for _, key := range []string{"segment-logs/src/1764028800000/a b+c=d,(e).gz", "segment-logs/src/1764028800000/slashes.gz"} {
			id := s3.ID(key, s3srv.etag(t, key))
			if done, err := store.Applied(ctx, id); err != nil || len(done) == 0 {
				t.Errorf("%s not applied under its decoded key: %v, %v", id, done, err)
			}
		}
	})

	t.Run("Redelivery", func(t *testing.T) {
		fn.invokeOK(t, several)
		if n := total(); n != 18 {
			t.Errorf("total = %d after a redelivery; want 18", n)
		}
		fn.wantStatuses(t, "already applied", "already applied", "already applied")
	})

	t.Run("Poison", func(t *testing.T) {
		// A corrupt file is recorded and does not fail the invocation.
		body := gzipped(t, events(50))
		bad := s3srv.putBody(t, "segment-logs/src/1764028800000/corrupt.gz", body[:len(body)/2])
		good := s3srv.put(t, "segment-logs/src/1764028800000/good.gz", 2)
		fn.invokeOK(t, notification(bad, good))
		if n := total(); n != 20 {
			t.Errorf("total = %d; want 20", n)
		}
		fn.wantStatuses(t, "poison", "applied")
		key := handler.PoisonKey(s3.ID(bad.key, bad.etag))
		if _, err := s3srv.client.HeadObject(ctx, &awss3.HeadObjectInput{Bucket: aws.String(rieBucket), Key: aws.String(key)}); err != nil {
			t.Errorf("no poison record %s: %v", key, err)
		}
	})

	t.Run("AccessDenied", func(t *testing.T) {
		// Retryable: the invocation fails, so that Lambda tries again.
		denied := s3srv.put(t, "segment-logs/denied/x.gz", 7)
		good := s3srv.put(t, "segment-logs/src/1764028800000/good2.gz", 1)
		msg := fn.invokeError(t, notification(denied, good))
		if !strings.Contains(msg, "segment-logs/denied/x.gz") || !strings.Contains(msg, "AccessDenied") {
			t.Errorf("error %q; want the file and AccessDenied", msg)
		}
		if n := total(); n != 21 {
			t.Errorf("total = %d; want 21, the good file applied", n)
		}
		fn.wantStatuses(t, "retry", "applied")
	})

	t.Run("Deadline", func(t *testing.T) {
		// S3 hangs: the function returns its own error before the
		// emulator's timeout, and Lambda would retry it.
		slow := s3srv.put(t, "segment-logs/slow/x.gz", 7)
		msg := fn.invokeError(t, notification(slow))
		if !strings.Contains(msg, "before the function's timeout") {
			t.Errorf("error %q; want the handler's deadline", msg)
		}
		if n := total(); n != 21 {
			t.Errorf("total = %d; want 21", n)
		}
		fn.wantStatuses(t, "retry")
	})
}

// needRIE returns the emulator's path: $DASHSMITH_RIE, or where make rie
// builds it.
func needRIE(t *testing.T) string {
	t.Helper()
	path := os.Getenv(RIEEnv)
	if path == "" {
		path = filepath.Join("..", "..", rieBuilt)
	}
	if _, err := os.Stat(path); err != nil {
		missing(t, fmt.Sprintf("the Lambda Runtime Interface Emulator is not at %s (%v): run make rie, or set %s to its path", path, err, RIEEnv))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func needDynamoDB(t *testing.T) string {
	t.Helper()
	endpoint := os.Getenv(dynamoEnv)
	if endpoint == "" {
		missing(t, dynamoEnv+" is not set: start DynamoDB Local and set it to its URL, e.g. http://127.0.0.1:8000")
	}
	return endpoint
}

// missing fails under CI=true and skips otherwise.
func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// buildBootstrap builds the function as make lambda does, for this
// machine's architecture.
func buildBootstrap(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command(goTool(t), "build", "-tags", "lambda.norpc", "-trimpath", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+runtime.GOARCH, "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build the bootstrap: %v\n%s", err, b)
	}
	return out
}

// goTool is the go command that runs the test (go test puts its GOROOT's
// bin first in PATH).
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("no go command to build the bootstrap with")
	}
	return p
}

// function is a bootstrap running in the emulator.
type function struct {
	url  string
	logs *lines
}

// startRIE runs the emulator on two free loopback ports, with the
// bootstrap as its command and only env (plus dummy credentials) as the
// function's environment, and stops it when the test ends.
func startRIE(t *testing.T, rie, bootstrap string, env map[string]string) *function {
	t.Helper()
	api, invoke := freePort(t), freePort(t)
	dir := t.TempDir()
	cmd := exec.Command(rie, "--runtime-interface-emulator-address", invoke, "--runtime-api-address", api, "--log-level", "error", bootstrap)
	cmd.Dir = dir
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=test",
		"AWS_SECRET_ACCESS_KEY=test",
		"AWS_CONFIG_FILE=" + filepath.Join(dir, "none"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(dir, "none"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_LAMBDA_FUNCTION_NAME=dashsmith",
		fmt.Sprintf("AWS_LAMBDA_FUNCTION_TIMEOUT=%d", rieTimeout),
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512",
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	fn := &function{url: "http://" + invoke + "/2015-03-31/functions/function/invocations", logs: &lines{}}
	cmd.Stdout, cmd.Stderr = fn.logs, fn.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("emulator and function output:\n%s", fn.logs.String())
		}
	})
	for i := 0; ; i++ { // the emulator listens within milliseconds
		c, err := net.Dial("tcp", invoke)
		if err == nil {
			c.Close()
			break
		}
		if i == 100 {
			t.Fatalf("the emulator does not listen on %s: %v\n%s", invoke, err, fn.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fn
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// invoke posts a payload and returns the function's answer.
func (f *function) invoke(t *testing.T, payload []byte) []byte {
	t.Helper()
	client := &http.Client{Timeout: 2 * rieTimeout * time.Second}
	resp, err := client.Post(f.url, "application/json", bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("invoke: %s, %v: %s", resp.Status, err, body)
	}
	return body
}

// invokeOK invokes and wants the handler's nil error: a null answer.
func (f *function) invokeOK(t *testing.T, payload []byte) {
	t.Helper()
	if got := f.invoke(t, payload); string(got) != "null" {
		t.Fatalf("the function answered %s; want null (no error)", got)
	}
}

// invokeError invokes and wants a function error, which it returns.
func (f *function) invokeError(t *testing.T, payload []byte) string {
	t.Helper()
	got := f.invoke(t, payload)
	var e struct{ ErrorMessage, ErrorType string }
	if err := json.Unmarshal(got, &e); err != nil || e.ErrorMessage == "" {
		t.Fatalf("the function answered %s; want an error", got)
	}
	return e.ErrorMessage
}

// wantStatuses checks the statuses of the function's "file" log lines
// since the last call, in order.
func (f *function) wantStatuses(t *testing.T, want ...string) {
	t.Helper()
	var got []string
	for _, l := range f.logs.take() {
		var m struct{ Msg, Status string }
		if json.Unmarshal([]byte(l), &m) == nil && m.Msg == "file" {
			got = append(got, m.Status)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("file statuses %q; want %q", got, want)
	}
}

// lines is the emulator's output, read line by line.
type lines struct {
	mu   sync.Mutex
	all  bytes.Buffer
	read int
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.all.Write(p)
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.all.String()
}

// take returns the whole lines written since the last take.
func (l *lines) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.all.Bytes()[l.read:]
	end := bytes.LastIndexByte(b, '\n') + 1
	l.read += end
	return strings.Split(strings.TrimSpace(string(b[:end])), "\n")
}

// s3server is gofakes3 on a loopback port, where GETs of keys under
// segment-logs/denied/ are denied and those under segment-logs/slow/ hang
// until the client gives up.
type s3server struct {
	url    string
	client *awss3.Client
}

func newS3(t *testing.T) *s3server {
	t.Helper()
	fake := gofakes3.New(s3mem.New()).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			switch {
			case strings.HasPrefix(r.URL.Path, "/"+rieBucket+"/segment-logs/denied/"):
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusForbidden)
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`)
				return
			case strings.HasPrefix(r.URL.Path, "/"+rieBucket+"/segment-logs/slow/"):
				<-r.Context().Done()
				return
			}
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s := &s3server{url: srv.URL, client: awss3.New(awss3.Options{
		Region:                     "us-east-1",
		BaseEndpoint:               aws.String(srv.URL),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider("test", "test", ""),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})}
	if _, err := s.client.CreateBucket(context.Background(), &awss3.CreateBucketInput{Bucket: aws.String(rieBucket)}); err != nil {
		t.Fatal(err)
	}
	return s
}

// object is a stored file, as a notification names it.
type object struct {
	key, etag string
	size      int
	encode    func(string) string
}

// put stores a gzipped file of n events, with Content-Encoding: gzip as
// Segment does.
func (s *s3server) put(t *testing.T, key string, n int, encode ...func(string) string) object {
	t.Helper()
	o := s.putBody(t, key, gzipped(t, events(n)))
	if len(encode) > 0 {
		o.encode = encode[0]
	}
	return o
}

func (s *s3server) putBody(t *testing.T, key string, body []byte) object {
	t.Helper()
	out, err := s.client.PutObject(context.Background(), &awss3.PutObjectInput{
		Bucket: aws.String(rieBucket), Key: aws.String(key), Body: bytes.NewReader(body), ContentEncoding: aws.String("gzip"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return object{key: key, etag: strings.Trim(aws.ToString(out.ETag), `"`), size: len(body)}
}

func (s *s3server) etag(t *testing.T, key string) string {
	t.Helper()
	out, err := s.client.HeadObject(context.Background(), &awss3.HeadObjectInput{Bucket: aws.String(rieBucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Trim(aws.ToString(out.ETag), `"`)
}

// s3Escape encodes a key as S3 does in a notification: as a form value
// (a space is '+'), with '/' left as it is.
func s3Escape(key string) string {
	return strings.ReplaceAll(url.QueryEscape(key), "%2F", "/")
}

// encodeSlashes encodes a key with its slashes as %2F too.
func encodeSlashes(key string) string { return url.QueryEscape(key) }

// notification is an S3 event notification as S3 sends it to Lambda
// (event structure version 2.1), one ObjectCreated:Put record per object.
func notification(objs ...object) []byte {
	type m = map[string]any
	var records []m
	for i, o := range objs {
		key := s3Escape(o.key)
		if o.encode != nil {
			key = o.encode(o.key)
		}
		records = append(records, m{
			"eventVersion":      "2.1",
			"eventSource":       "aws:s3",
			"awsRegion":         "us-east-1",
			"eventTime":         "2026-11-25T10:00:00.000Z",
			"eventName":         "ObjectCreated:Put",
			"userIdentity":      m{"principalId": "AWS:AIDAEXAMPLE"},
			"requestParameters": m{"sourceIPAddress": "192.0.2.1"},
			"responseElements":  m{"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
			"s3": m{
				"s3SchemaVersion": "1.0",
				"configurationId": "dashsmith",
				"bucket": m{
					"name":          rieBucket,
					"ownerIdentity": m{"principalId": "A3NL1KOZZKExample"},
					"arn":           "arn:aws:s3:::" + rieBucket,
				},
				"object": m{
					"key":       key,
					"size":      o.size,
					"eTag":      o.etag,
					"sequencer": fmt.Sprintf("0055AED6DCD90281E%d", i),
				},
			},
		})
	}
	b, err := json.Marshal(m{"Records": records})
	if err != nil {
		panic(err)
	}
	return b
}

func events(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"type":"track","event":"Order Completed","messageId":"m%d","timestamp":"2026-11-25T10:%02d:00Z"}`+"\n", i, i%60)
	}
	return b.String()
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var _ build.Store = (*dynamostore.Store)(nil)
