package s3

import "testing"

func TestID(t *testing.T) {
	id := ID("a/b@c.gz", `"9b2c-2"`)
	if id != "a/b@c.gz@9b2c-2" {
		t.Fatalf("ID = %q", id)
	}
	if key, etag, ok := SplitID(id); key != "a/b@c.gz" || etag != "9b2c-2" || !ok {
		t.Errorf("SplitID = %q, %q, %v", key, etag, ok)
	}
	if key, etag, ok := SplitID(ID("k", "")); key != "k" || etag != "" || !ok {
		t.Errorf("SplitID(no etag) = %q, %q, %v", key, etag, ok)
	}
	if _, _, ok := SplitID("k"); ok {
		t.Error("SplitID accepted an identity without @")
	}
}
