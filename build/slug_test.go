package build

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Order Completed":                    "order-completed",
		"Sign ups (EU)":                      "sign-ups-eu",
		"../../etc/passwd":                   "etc-passwd",
		"  --Viewed Home Page--  ":           "viewed-home-page",
		`"><img src=x onerror=alert(1)>`:     "img-src-x-onerror-alert-1",
		"</script><script>alert(1)</script>": "script-script-alert-1-script",
		"Umsätze 2026":                       "ums-tze-2026",
		"été":                                "t",
		"日本":                                 "",
		strings.Repeat("ab ", 40):            strings.Repeat("ab-", 21) + "a",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
