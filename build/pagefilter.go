package build

import (
	"fmt"
	"sort"
	"strings"
)

// MaxFilterTop caps the values of a page filter (Controls.Filter.Top):
// each is a view of the whole page, over each range preset.
const MaxFilterTop = 20

// MaxRangePresets caps a page's range presets (Controls.Range).
const MaxRangePresets = 8

// FilterProblem says why the query qs cannot take a page filter on the
// property prop, from its spec alone, or returns "" when it can: a filter
// is one more where condition, so a query that already keeps one value of
// prop, breaks down by it, or has a full where cannot take one. A formula
// takes it when the queries it names do (see FilterTakers).
func (qs QuerySpec) FilterProblem(prop string) string {
	if strings.TrimSpace(qs.Formula) != "" {
		return ""
	}
	for _, part := range strings.Split(qs.By, ",") {
		if strings.TrimSpace(part) == prop {
			return "it is broken down by " + prop
		}
	}
	if _, ok := qs.Where[prop]; ok {
		return fmt.Sprintf("it keeps %s = %s already", prop, qs.Where[prop])
	}
	if qs.Filter != "" {
		return fmt.Sprintf("its filter: keeps one value of its breakdown by %s; write where: {%s: …} instead, without by:, and it can", qs.By, qs.By)
	}
	if len(qs.Where) >= MaxWhere {
		return fmt.Sprintf("its where has %d properties, the most a query takes", MaxWhere)
	}
	return ""
}

// WithFilter returns qs filtered to the events whose prop is value: a
// where condition more. A formula is returned as it is (it computes from
// the queries it names, which are filtered themselves).
func (qs QuerySpec) WithFilter(prop, value string) QuerySpec {
	if strings.TrimSpace(qs.Formula) != "" {
		return qs
	}
	where := make(map[string]string, len(qs.Where)+1)
	for k, v := range qs.Where {
		where[k] = v
	}
	where[prop] = value
	qs.Where = where
	return qs
}

// FilterTakers returns, for each query of specs, why it cannot take a
// filter on prop ("" when it can), given why each stored query cannot
// (problem, e.g. FilterProblem and what the store lacks). A formula takes
// the filter only when every query it names, however deep, does; when one
// cannot, neither can the formula nor any query it names, so that no
// formula ever mixes filtered and unfiltered series.
func FilterTakers(specs map[string]QuerySpec, problem func(name string) string) map[string]string {
	out := make(map[string]string, len(specs))
	for name, qs := range specs {
		if strings.TrimSpace(qs.Formula) == "" {
			out[name] = problem(name)
		}
	}
	// names returns the stored queries a formula reads, however deep.
	var names func(name string, seen map[string]bool) []string
	names = func(name string, seen map[string]bool) []string {
		if seen[name] {
			return nil
		}
		seen[name] = true
		qs, ok := specs[name]
		if !ok {
			return nil
		}
		if strings.TrimSpace(qs.Formula) == "" {
			return []string{name}
		}
		e, err := ParseFormula(qs.Formula)
		if err != nil {
			return nil
		}
		var out []string
		for _, ref := range e.Names() {
			out = append(out, names(ref, seen)...)
		}
		return out
	}
	formulas := make([]string, 0, len(specs))
	for name, qs := range specs {
		if strings.TrimSpace(qs.Formula) != "" {
			formulas = append(formulas, name)
		}
	}
	sort.Strings(formulas)
	// A formula that cannot marks the queries it names, which may stop
	// another formula: go round until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, name := range formulas {
			operands := names(name, map[string]bool{})
			why := ""
			for _, op := range operands {
				if out[op] != "" {
					why = fmt.Sprintf("it is computed from query %q, which cannot be filtered", op)
					break
				}
			}
			if why == "" || out[name] != "" {
				continue
			}
			out[name], changed = why, true
			for _, op := range operands {
				if out[op] == "" {
					out[op] = fmt.Sprintf("formula %q reads it with a query that cannot be filtered", name)
				}
			}
		}
	}
	return out
}
