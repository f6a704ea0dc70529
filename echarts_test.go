package dashsmith

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"testing"

	"github.com/dashsmith/dashsmith/plugins/charts"
)

// TestECharts: the binary embeds the pinned ECharts bundle, byte for byte
// (the Makefile's ECHARTS_SHA256, which make update-echarts checks the
// bundle it builds against).
func TestECharts(t *testing.T) {
	b := ECharts()
	if b == nil {
		t.Fatal("static/vendor/echarts.min.js is not embedded: restore it with git, or run make update-echarts")
	}
	sum := sha256.Sum256(b)
	want := makeVar(t, "ECHARTS_SHA256")
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("static/vendor/echarts.min.js has SHA-256 %s, not %s (the Makefile's ECHARTS_SHA256): run make update-echarts", got, want)
	}
}

// TestECharts_Licenses: the licenses of what the bundle holds (ECharts
// and the d3 code in it, zrender, tslib) and ECharts' NOTICE are beside it.
func TestECharts_Licenses(t *testing.T) {
	for _, name := range []string{"LICENSE.echarts", "NOTICE.echarts", "LICENSE-d3.echarts", "LICENSE.zrender", "LICENSE.tslib"} {
		if b, err := vendor.ReadFile("static/vendor/" + name); err != nil || len(b) == 0 {
			t.Errorf("static/vendor/%s is missing (%v): run make update-echarts", name, err)
		}
	}
}

// TestECharts_Integrity: the CDN's integrity hash is the one that make
// update-echarts checks ECharts' full build against (the bundle is not
// that file: it has only what dashsmith draws with).
func TestECharts_Integrity(t *testing.T) {
	if got := makeVar(t, "ECHARTS_CDN_SRI"); got != charts.DefaultCDNIntegrity {
		t.Fatalf("charts.DefaultCDNIntegrity = %s; the Makefile's ECHARTS_CDN_SRI is %s", charts.DefaultCDNIntegrity, got)
	}
}

// makeVar returns the value of a `NAME := value` line of the Makefile.
func makeVar(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + name + `\s*:=\s*(\S+)\s*$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("the Makefile has no %s", name)
	}
	return string(m[1])
}
