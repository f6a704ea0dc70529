package s3

import (
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		for url, want := range map[string]Options{
			"s3://b":                          {Bucket: "b"},
			"s3://b/":                         {Bucket: "b"},
			"s3://b/segment-logs":             {Bucket: "b", Prefix: "segment-logs/"},
			"s3://b/segment-logs/src/":        {Bucket: "b", Prefix: "segment-logs/src/"},
			"s3://b/p?region=eu-west-1":       {Bucket: "b", Prefix: "p/", Region: "eu-west-1"},
			"s3://b/p?path_style=1":           {Bucket: "b", Prefix: "p/", PathStyle: true},
			"s3://b?endpoint=http://h:9000":   {Bucket: "b", Endpoint: "http://h:9000"},
			"s3://my.bucket/a b?path_style=0": {Bucket: "my.bucket", Prefix: "a b/"},
		} {
			got, err := ParseURL(url)
			if err != nil || got != want {
				t.Errorf("%s: %+v, %v; want %+v", url, got, err, want)
			}
		}
	})
	t.Run("Errors", func(t *testing.T) {
		for url, want := range map[string]string{
			"s3:///p":                 "write s3://bucket/prefix",
			"s3:b/p":                  "write s3://bucket/prefix",
			"s3://u@b/p":              "write s3://bucket/prefix",
			"s3://b/p?regoin=x":       `unknown setting "regoin"`,
			"s3://b/p?path_style=yes": `path_style "yes"`,
			"s3://b/p?endpoint=h:9":   `endpoint "h:9"`,
		} {
			_, err := ParseURL(url)
			if err == nil || !strings.HasPrefix(err.Error(), "s3: ") || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v; want one containing %q", url, err, want)
			}
		}
	})
}
