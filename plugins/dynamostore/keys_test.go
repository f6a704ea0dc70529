package dynamostore

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

func TestEsc(t *testing.T) {
	for _, s := range []string{"", "Order Completed", "50% off", "%25", "a\x00b", "\xff\xfe", "ä日本\x1fx", "a\x00\x00\x00\x00\x00\x07\x8d\xd1"} {
		e := esc(s)
		if !utf8.ValidString(e) || strings.IndexByte(e, 0) >= 0 {
			t.Errorf("esc(%q) = %q: not valid UTF-8 without NUL", s, e)
		}
		if got := unesc(e); got != s {
			t.Errorf("unesc(esc(%q)) = %q", s, got)
		}
	}
	if esc("Order Completed") != "Order Completed" {
		t.Error("a plain name should be kept as it is")
	}
	if esc("a%") == esc("a%25") {
		t.Error("esc is not one to one")
	}
}

func TestNumf(t *testing.T) {
	for f, want := range map[float64]string{0: "0", -4.25: "-4.25", 1.0000000005e9: "1000000000.5", 1e-13: "0", -1e-13: "0", 0.1: "0.1", 19.99: "19.99", 1e20: "100000000000000000000"} {
		if got := numf(f).(*types.AttributeValueMemberN).Value; got != want {
			t.Errorf("numf(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestParseURL(t *testing.T) {
	opts, err := parseURL("dynamodb://rollup?region=eu-west-1&endpoint=http://127.0.0.1:8000&create=1", build.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if opts.Table != "rollup" || opts.Region != "eu-west-1" || opts.Endpoint != "http://127.0.0.1:8000" || !opts.Create {
		t.Errorf("parseURL = %+v", opts)
	}
	if opts, err := parseURL("dynamodb:rollup", build.StoreOptions{}); err != nil || opts.Table != "rollup" || opts.Create {
		t.Errorf("parseURL(dynamodb:rollup) = %+v, %v", opts, err)
	}
	// The Create option fills in a URL without create=; a create= wins.
	for url, want := range map[string]bool{"dynamodb://rollup": true, "dynamodb://rollup?create=0": false, "dynamodb://rollup?create=1": true} {
		if opts, err := parseURL(url, build.StoreOptions{Create: true}); err != nil || opts.Create != want {
			t.Errorf("parseURL(%s, Create) = %+v, %v; want Create %v", url, opts, err, want)
		}
	}
	if opts, err := parseURL("dynamodb://rollup?create=1", build.StoreOptions{}); err != nil || !opts.Create {
		t.Errorf("parseURL(create=1) without the option = %+v, %v; want Create", opts, err)
	}
	for _, bad := range []string{"dynamodb://", "dynamodb://a", "dynamodb://t t", "dynamodb://table?create=maybe", "dynamodb://table?endpoint=127.0.0.1", "dynamodb://table?cache=1"} {
		if _, err := build.OpenStore(ctx, bad, build.StoreOptions{}); err == nil || !strings.HasPrefix(err.Error(), "dynamostore: ") {
			t.Errorf("OpenStore(%q) = %v, want a dynamostore error", bad, err)
		}
	}
}

func TestUnits_SplitIgnoresValues(t *testing.T) {
	// A retry must split a file as the first try did, whatever dedupe took
	// out: the parts depend on which cells the batch has, not their values.
	b := bigBatch("f.gz")
	var dups []*build.Msg
	for eh := range b.Counts {
		dups = append(dups, &build.Msg{Hour: eh.Hour, Adds: []build.Add{{Event: eh.Event}}})
		if len(dups) == 200 {
			break
		}
	}
	for _, r := range rollupsOf(b) {
		a, z := units(b, r, nil), units(b, r, dups)
		if len(a) != len(z) {
			t.Fatalf("%s: %d parts, %d with duplicates taken out", r.ID(), len(a), len(z))
		}
		for i := range a {
			if a[i].token != z[i].token || len(a[i].cells) != len(z[i].cells) || len(a[i].all()) > unitMax+1 {
				t.Errorf("%s part %d: %s with %d cells, %s with %d", r.ID(), i, a[i].token, len(a[i].cells), z[i].token, len(z[i].cells))
			}
		}
		if r.IsBase() && len(a) < 5 {
			t.Errorf("the base of the big batch is %d parts, want 10 or so", len(a))
		}
	}
}

func TestMarker_Applied(t *testing.T) {
	m := &marker{done: map[string]bool{"count": true}, parts: map[string]bool{"0/2 x": true, "1/2 x": true, "0/3 y": true, "2/3 y": true}}
	if got := fmt.Sprint(m.applied()); got != "[count x]" {
		t.Errorf("applied = %s, want [count x]: y lacks its part 1", got)
	}
}
