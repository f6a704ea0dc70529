package dashsmith_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sdkOwners are the only folders whose code may import the AWS SDK (one
// package per dependency): the S3 plugin (with its test server) and the
// DynamoDB store. Tests anywhere may import it, to set up buckets and
// tables.
var sdkOwners = []string{"plugins/s3", "plugins/dynamostore"}

// TestAWSSDK_OnlyInItsPlugins parses the imports of every non-test Go file
// of the module and fails for an import of the AWS SDK (aws-sdk-go-v2 or
// smithy-go) outside sdkOwners.
func TestAWSSDK_OnlyInItsPlugins(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		files++
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		owner := slices.ContainsFunc(sdkOwners, func(o string) bool { return dir == o || strings.HasPrefix(dir, o+"/") })
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !owner && (strings.HasPrefix(p, "github.com/aws/aws-sdk-go-v2") || strings.HasPrefix(p, "github.com/aws/smithy-go")) {
				t.Errorf("%s imports %s: only %s may import the AWS SDK; reach S3 through plugins/s3's exported API",
					filepath.ToSlash(path), p, strings.Join(sdkOwners, " and "))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("parsed %d Go files; the walk missed the module", files)
	}
}
