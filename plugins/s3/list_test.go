package s3

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dashsmith/dashsmith/plugins/s3/s3test"
)

func keys(t *testing.T, s *Source) []string {
	t.Helper()
	files, err := s.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ks []string
	for _, f := range files {
		key, _, _ := SplitID(f.Key)
		ks = append(ks, key)
	}
	return ks
}

func TestSource_List(t *testing.T) {
	ctx := context.Background()
	srv := s3test.New(t, "events")
	for _, k := range []string{
		"segment-logs/src/1764028800000/1764032400000.ab12.gz",
		"segment-logs/src/1763942400000/1763946000000.ef56.gz",
		"segment-logs/src/a b+c%.gz",
		"segment-logs/src/dir/",
		"segment-logs/src/.tmp/x.gz",
		"segment-logs/src/d/.hidden.gz",
		"segment-logs/src2/other.gz",
		"segment-logs/srcfile.gz",
		".dashsmith-poison/segment-logs/src/bad.gz@x.json",
		"top.gz",
	} {
		srv.Put(t, "events", k, []byte(k), "")
	}
	t.Run("Prefix", func(t *testing.T) {
		for _, prefix := range []string{"segment-logs/src", "segment-logs/src/"} {
			got := keys(t, NewSource(srv.Client, Options{Bucket: "events", Prefix: prefix}))
			want := []string{
				"segment-logs/src/1763942400000/1763946000000.ef56.gz",
				"segment-logs/src/1764028800000/1764032400000.ab12.gz",
				"segment-logs/src/a b+c%.gz",
			}
			if !slices.Equal(got, want) {
				t.Errorf("prefix %q: keys = %q\nwant %q", prefix, got, want)
			}
		}
	})
	t.Run("WholeBucket", func(t *testing.T) {
		got := keys(t, NewSource(srv.Client, Options{Bucket: "events"}))
		if len(got) != 6 || slices.ContainsFunc(got, func(k string) bool { return strings.Contains(k, "poison") }) {
			t.Errorf("keys = %q; want 6, no poison records", got)
		}
	})
	t.Run("Identity", func(t *testing.T) {
		files, err := NewSource(srv.Client, Options{Bucket: "events", Prefix: "segment-logs/src2"}).List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := ID("segment-logs/src2/other.gz", srv.Put(t, "events", "segment-logs/src2/other.gz", []byte("segment-logs/src2/other.gz"), ""))
		if len(files) != 1 || files[0].Key != want || files[0].Size != 26 || !files[0].ModTime.Equal(s3test.Start) {
			t.Errorf("files = %+v; want %s, 26 bytes, modified %s", files, want, s3test.Start)
		}
		if strings.Contains(files[0].Key, `"`) {
			t.Errorf("identity %q keeps the ETag's quotes", files[0].Key)
		}
	})
	t.Run("Pages", func(t *testing.T) {
		srv := s3test.New(t, "many")
		var want []string
		for i := range 25 {
			k := fmt.Sprintf("p/%03d.gz", i)
			srv.Put(t, "many", k, []byte{byte(i)}, "")
			want = append(want, k)
		}
		srv.Put(t, "many", "q/not-me.gz", nil, "")
		got := keys(t, NewSource(srv.Client, Options{Bucket: "many", Prefix: "p", PageSize: 7}))
		if !slices.Equal(got, want) {
			t.Errorf("keys = %q\nwant %q", got, want)
		}
		if n := srv.Lists(); n != 4 {
			t.Errorf("%d list requests; want 4 pages of at most 7", n)
		}
	})
	t.Run("NoBucket", func(t *testing.T) {
		_, err := NewSource(srv.Client, Options{Bucket: "nope"}).List(ctx)
		if err == nil || !strings.HasPrefix(err.Error(), "s3source: list s3://nope/: NoSuchBucket") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("Canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := NewSource(srv.Client, Options{Bucket: "events"}).List(ctx); err == nil {
			t.Error("List with a canceled context succeeded")
		}
	})
}

func TestSource_SetSince(t *testing.T) {
	srv := s3test.New(t, "bkt")
	srv.Put(t, "bkt", "old.gz", []byte("1"), "")
	srv.Advance(2 * time.Hour)
	srv.Put(t, "bkt", "new.gz", []byte("2"), "")
	s := NewSource(srv.Client, Options{Bucket: "bkt"})
	for _, c := range []struct {
		since time.Time
		want  []string
	}{
		{time.Time{}, []string{"new.gz", "old.gz"}},
		{s3test.Start, []string{"new.gz", "old.gz"}},
		{s3test.Start.Add(time.Second), []string{"new.gz"}},
		{s3test.Start.Add(2 * time.Hour), []string{"new.gz"}},
		{s3test.Start.Add(3 * time.Hour), nil},
	} {
		s.SetSince(c.since)
		if got := keys(t, s); !slices.Equal(got, c.want) {
			t.Errorf("since %s: keys = %q; want %q", c.since, got, c.want)
		}
	}
}
