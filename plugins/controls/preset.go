package controls

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dashsmith/dashsmith/build"
)

// preset is one range preset of a page: the range as a query writes it,
// the token the URL and the view's folder say it by, and its label.
type preset struct {
	text  string // "last 90 days", normalised
	token string // "90d"
	label string // "Last 90 days"
}

// units are the letters a "last N <unit>" preset's token ends with.
var units = map[string]string{"hour": "h", "day": "d", "week": "w", "month": "m", "year": "y"}

// presetOf reads a range preset: the same ranges a query takes, each with
// the token that names it in a URL: "last 90 days" is 90d (N, then h, d,
// w, m or y), the named ranges are "this-month", "last-week", "today",
// and dates are 2026-01-01..2026-02-01.
func presetOf(text string) (preset, error) {
	s := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	p := preset{text: s, label: capitalize(s)}
	words := strings.Fields(s)
	switch {
	case s == "":
		return p, fmt.Errorf("an empty range preset: write e.g. last 30 days")
	case strings.Contains(s, ".."):
		a, b, _ := strings.Cut(s, "..")
		p.token = build.Slug(a) + ".." + build.Slug(b)
		p.label = strings.TrimSpace(a) + " – " + strings.TrimSpace(b)
	case len(words) == 3 && words[0] == "last":
		n, err := strconv.Atoi(words[1])
		unit, ok := units[strings.TrimSuffix(words[2], "s")]
		if err != nil || !ok || n <= 0 {
			return p, badPreset(text)
		}
		p.token = strconv.Itoa(n) + unit
	case len(words) <= 2:
		p.token = strings.Join(words, "-")
	default:
		return p, badPreset(text)
	}
	return p, nil
}

func badPreset(text string) error {
	return fmt.Errorf("range preset %q: use last N hours|days|weeks|months|years, today, yesterday, this|last week|month|year, or 2026-01-01..2026-02-01", text)
}

// capitalize writes s with its first letter upper-case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
