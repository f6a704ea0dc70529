package dashsmith

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"github.com/dashsmith/dashsmith/plugins/charts"
)

// TestECharts: the binary embeds the pinned ECharts bundle, byte for byte
// (the Makefile's ECHARTS_SHA256).
func TestECharts(t *testing.T) {
	b := ECharts()
	if b == nil {
		t.Fatal("static/vendor/echarts.min.js is not embedded: restore it with git, or run make update-echarts")
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != "1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19" {
		t.Fatalf("static/vendor/echarts.min.js has SHA-256 %s, not that of ECharts 5.4.3: run make update-echarts", got)
	}
}

// TestECharts_Integrity: the CDN's integrity hash is that of the bundle.
func TestECharts_Integrity(t *testing.T) {
	sum := sha512.Sum384(ECharts())
	if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != charts.DefaultCDNIntegrity {
		t.Fatalf("charts.DefaultCDNIntegrity = %s; the bundle's is %s", charts.DefaultCDNIntegrity, got)
	}
}
