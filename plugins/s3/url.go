package s3

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Options say which objects a Source lists and how its client reaches S3.
type Options struct {
	Bucket    string
	Prefix    string // a folder: "" or a key prefix ending in "/"
	Region    string // "" means the SDK's (AWS_REGION, the profile)
	Endpoint  string // "" means the SDK's (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL) or AWS
	PathStyle bool   // http://host/bucket/key instead of http://bucket.host/key
	PageSize  int32  // keys per ListObjectsV2 call; 0 means S3's default (1000)
}

// ParseURL reads s3://bucket/prefix?region=…&endpoint=…&path_style=1.
// Unknown settings are errors.
func ParseURL(raw string) (Options, error) {
	var o Options
	u, err := url.Parse(raw)
	if err != nil {
		return o, fmt.Errorf("s3: %q: %v: write s3://bucket/prefix", raw, err)
	}
	if u.Scheme != "s3" || u.Host == "" || u.User != nil || u.Opaque != "" {
		return o, fmt.Errorf("s3: %q: write s3://bucket/prefix", raw)
	}
	o.Bucket = u.Host
	o.Prefix = Folder(strings.TrimPrefix(u.Path, "/"))
	for k, vs := range u.Query() {
		v := vs[len(vs)-1]
		switch k {
		case "region":
			o.Region = v
		case "endpoint":
			e, err := url.Parse(v)
			if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
				return o, fmt.Errorf("s3: %q: endpoint %q: use a URL such as http://localhost:9000", raw, v)
			}
			o.Endpoint = v
		case "path_style":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return o, fmt.Errorf("s3: %q: path_style %q: use 1 or 0", raw, v)
			}
			o.PathStyle = b
		default:
			return o, fmt.Errorf("s3: %q: unknown setting %q: the settings are region, endpoint and path_style", raw, k)
		}
	}
	return o, nil
}

// Folder makes a non-empty prefix end in "/".
func Folder(prefix string) string {
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return prefix
}
