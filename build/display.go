package build

import (
	"fmt"
	"strings"
)

// Display returns untrusted text (an event name, a property value) as it
// may be shown to a reader: each bidirectional embedding, override or
// isolate character (IsBidiControl) is written as a visible "<U+202E>",
// so that a name cannot reverse or reorder the text around it on a page,
// in a chart, a spreadsheet or a terminal. Everything else is kept, and
// the left-to-right and right-to-left marks too (see IsBidiControl).
// Display(Display(s)) is Display(s), and s is returned as is, without a
// copy, when it holds none of those characters.
//
// Stores keep what the events said: Display is for the points where a
// name is shown (HTML, chart options, CSV and JSON exports, the CLI on a
// terminal), never for a query's event or filter, which must still match.
func Display(s string) string {
	if !strings.ContainsFunc(s, IsBidiControl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if IsBidiControl(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IsBidiControl reports whether r is one of Unicode's explicit
// directional formatting characters, the ones that open a directional
// context until a closing character or the end of the paragraph:
// U+202A-U+202E (LRE, RLE, PDF, LRO, RLO) and U+2066-U+2069 (LRI, RLI,
// FSI, PDI), the characters of the "Trojan Source" attacks
// (CVE-2021-42574).
//
// The marks U+200E (LRM), U+200F (RLM) and U+061C (ALM) are not among
// them: a mark is an invisible letter of one direction, it opens no
// context and reorders nothing that a Hebrew or Arabic letter in the same
// name would not, and right-to-left names use marks legitimately.
func IsBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}
