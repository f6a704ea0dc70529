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
		"Umsätze 2026":                       "umsatze-2026",
		"été":                                "ete",
		"Café Crème":                         "cafe-creme",
		"STRASSE Straße Ærø Łódź Œuvre Þór":  "strasse-strasse-aero-lodz-oeuvre-thor",
		"naïve—résumé":                       "naive-resume",
		strings.Repeat("ß", 40):              strings.Repeat("ss", 32),
		"日本":                                 "",
		"exe\u202e\u2066txt.\u2069":          "exe-txt",
		strings.Repeat("ab ", 40):            strings.Repeat("ab-", 21) + "a",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
