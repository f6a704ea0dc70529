package build

import "strings"

// inheritSpec returns the spec of the query name with what a formula
// leaves out taken from the queries it names: a formula without every,
// range or timezone has those of the first query it names that sets them
// (through formulas it names, however deep), so that `aov: {formula:
// revenue / orders}` lines up with its operands without repeating them.
// Any other spec is returned as it is. The operands must still agree with
// each other; checkFormulas says where they do not.
func inheritSpec(specs map[string]QuerySpec, name string) QuerySpec {
	qs := specs[name]
	if strings.TrimSpace(qs.Formula) == "" {
		return qs
	}
	seen := map[string]bool{name: true}
	var from func(string) (every, rng, tz string)
	from = func(n string) (every, rng, tz string) {
		s := specs[n]
		every, rng, tz = s.Every, s.Range, s.Timezone
		if strings.TrimSpace(s.Formula) == "" {
			return
		}
		e, err := ParseFormula(s.Formula)
		if err != nil {
			return
		}
		for _, ref := range e.Names() {
			if seen[ref] {
				continue
			}
			if _, ok := specs[ref]; !ok {
				continue
			}
			seen[ref] = true
			re, rr, rt := from(ref)
			every, rng, tz = firstOf(every, re), firstOf(rng, rr), firstOf(tz, rt)
		}
		return
	}
	qs.Every, qs.Range, qs.Timezone = from(name)
	return qs
}

// firstOf returns a unless it is blank, else b.
func firstOf(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
