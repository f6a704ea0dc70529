package eventgen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func TestPods(t *testing.T) {
	o := Options{Days: 2, End: end, Scale: 1, Pods: 300, Events: 20_000}
	sum, files := generate(t, o)
	if sum.Files != 48 {
		t.Errorf("%d files, want one an hour: 48", sum.Files)
	}
	if sum.Events < 19_000 || sum.Events > 21_000 {
		t.Errorf("%d events, want about 20,000", sum.Events)
	}
	perPod := map[string]int{}
	for name, data := range files {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(name, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(name, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(raw))
		for sc.Scan() {
			var m struct {
				Event      string
				Properties struct{ Dependency struct{ Name string } }
			}
			if json.Unmarshal(sc.Bytes(), &m) != nil {
				continue // one of the malformed lines
			}
			if m.Event != "install" {
				t.Fatalf("%s: event %q in a pods corpus", name, m.Event)
			}
			perPod[m.Properties.Dependency.Name]++
		}
	}
	if len(perPod) < 100 || len(perPod) > 300 {
		t.Errorf("%d pods installed, want most of 300", len(perPod))
	}
	top := int64(perPod[podName(0)])
	if top < sum.Events/20 || top < 4*int64(perPod[podName(10)]) {
		t.Errorf("the most popular pod has %d of %d installs, pod 10 %d: want Zipf", top, sum.Events, perPod[podName(10)])
	}
	_, again := generate(t, o)
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Fatalf("%s differs between two runs of the same options", name)
		}
	}
}

func TestPodNamesUnique(t *testing.T) {
	seen := map[string]int{}
	for i := range 100_000 {
		n := podName(i)
		if j, dup := seen[n]; dup {
			t.Fatalf("pods %d and %d are both %q", j, i, n)
		}
		seen[n] = i
	}
}
