package dynamostore

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/dashsmith/dashsmith/build"
)

// tableName is what DynamoDB takes as a table name.
var tableName = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)

// parseURL reads a store URL:
//
//	dynamodb://TABLE
//	dynamodb://TABLE?region=us-east-1&endpoint=http://127.0.0.1:8000&create=1
//
// With no create= in the URL, o.Create says; a create= wins over it.
func parseURL(s string, o build.StoreOptions) (Options, error) {
	opts := Options{Create: o.Create}
	table, query, _ := strings.Cut(build.TrimScheme(s), "?")
	table = strings.TrimSuffix(table, "/")
	if !tableName.MatchString(table) {
		return opts, fmt.Errorf("dynamostore: store URL %q: %q is not a table name (3 to 255 letters, digits, '_', '-' or '.'): use dynamodb://TABLE?region=us-east-1", s, table)
	}
	opts.Table = table
	vals, err := url.ParseQuery(query)
	if err != nil {
		return opts, fmt.Errorf("dynamostore: store URL %q: bad settings after '?': %v", s, err)
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := vals.Get(k)
		switch k {
		case "region":
			opts.Region = v
		case "endpoint":
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return opts, fmt.Errorf("dynamostore: store URL %q: endpoint=%s: use e.g. endpoint=http://127.0.0.1:8000", s, v)
			}
			opts.Endpoint = v
		case "create":
			switch v {
			case "1", "true", "yes":
				opts.Create = true
			case "0", "false", "no":
				opts.Create = false
			default:
				return opts, fmt.Errorf("dynamostore: store URL %q: create=%s: use create=1 to create a missing table", s, v)
			}
		default:
			return opts, fmt.Errorf("dynamostore: store URL %q: unknown setting %q: use region=, endpoint= or create=1", s, k)
		}
	}
	return opts, nil
}
