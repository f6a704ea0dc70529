package build

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// checkFormulas checks the formulas among a page's resolved queries
// against the queries they name, and returns the queries that pass (every
// query that is not a formula, and each formula whose names all resolve
// to usable queries) and an error at its line for each formula that does
// not. A formula naming a query that failed to resolve, or a formula that
// failed a check, is left out without an error of its own: that query's
// error says what to fix.
//
// A formula may name any query of the page but itself, including other
// formulas as long as no chain of them leads back to where it began; the
// queries it names must each read one series (no breakdown without a
// filter), and share its every, range and timezone, so that their buckets
// line up one for one.
func checkFormulas(file string, p *Page, resolved []NamedQuery) ([]NamedQuery, ErrorList) {
	if !slices.ContainsFunc(resolved, func(nq NamedQuery) bool { return nq.Query.Formula != "" }) {
		return resolved, nil // most pages: nothing to check, nothing to allocate
	}
	byName := make(map[string]*NamedQuery, len(resolved))
	for i := range resolved {
		byName[resolved[i].Name] = &resolved[i]
	}
	exprs := map[string]*Expr{}
	for _, nq := range resolved {
		e, err := nq.Query.FormulaExpr()
		if err != nil { // Resolve wrote it from a parsed formula
			panic("build: a resolved formula does not parse: " + err.Error())
		}
		if e != nil {
			exprs[nq.Name] = e
		}
	}
	var names []string
	for name := range p.Meta.Queries {
		names = append(names, name)
	}
	sort.Strings(names)
	var errs ErrorList
	bad := map[string]bool{} // formulas that fail, or name a query that does
	for _, nq := range resolved {
		e := exprs[nq.Name]
		if e == nil {
			continue
		}
		fail := func(format string, args ...any) {
			errs = append(errs, Errorf(file, nq.Line, "query %q: "+format, append([]any{nq.Name}, args...)...))
			bad[nq.Name] = true
		}
		for _, ref := range e.Names() {
			if ref == nq.Name {
				fail("its formula names itself: a formula computes from the page's other queries")
				break
			}
			if _, declared := p.Meta.Queries[ref]; !declared {
				fail("formula names no query of this page: %q%s", ref, didYouMean(ref, names, nq.Name))
				break
			}
			r := byName[ref]
			if r == nil {
				bad[nq.Name] = true // ref's own error says why
				break
			}
			if msg := mismatch(nq, *r, p.Meta.Queries); msg != "" {
				fail("%s", msg)
				break
			}
		}
	}
	for _, nq := range resolved {
		if exprs[nq.Name] == nil || bad[nq.Name] {
			continue
		}
		if path := cycle(nq.Name, exprs); path != nil {
			errs = append(errs, Errorf(file, nq.Line, "query %q: formulas name each other in a circle (%s): one of them must name stored queries instead",
				nq.Name, strings.Join(quoteAll(path), " → ")))
			bad[nq.Name] = true
		}
	}
	// A formula is as good as every formula it names, however deep.
	for changed := true; changed; {
		changed = false
		for name, e := range exprs {
			if bad[name] {
				continue
			}
			for _, ref := range e.Names() {
				if bad[ref] {
					bad[name], changed = true, true
					break
				}
			}
		}
	}
	var out []NamedQuery
	for _, nq := range resolved {
		if !bad[nq.Name] {
			out = append(out, nq)
		}
	}
	return out, errs
}

// mismatch says why the query ref cannot be named in the formula f, or
// returns "".
func mismatch(f, ref NamedQuery, specs map[string]QuerySpec) string {
	a, b := f.Query, ref.Query
	if b.By != "" && b.Filter == "" {
		return fmt.Sprintf("formula names %q, a breakdown by %s: a formula reads one series; give %q a filter:, or name another query", ref.Name, b.By, ref.Name)
	}
	own := specs[f.Name]
	differ := func(key, mine, theirs string) string {
		set := map[string]string{"every": own.Every, "timezone": own.Timezone, "range": own.Range}[key]
		if strings.TrimSpace(set) == "" { // taken from the first query it names (see inheritSpec)
			return fmt.Sprintf("the queries its formula names must share one %s: %q has %s, not %s as another it names: give them the same %s, so that their buckets line up",
				key, ref.Name, theirs, mine, key)
		}
		return fmt.Sprintf("its %s (%s) differs from that of %q (%s), which its formula names: give them the same %s, so that their buckets line up",
			key, mine, ref.Name, theirs, key)
	}
	if a.Every != b.Every {
		return differ("every", string(a.Every), string(b.Every))
	}
	if a.Loc.String() != b.Loc.String() {
		return differ("timezone", a.Loc.String(), b.Loc.String())
	}
	if !a.From.Equal(b.From) || !a.To.Equal(b.To) {
		return differ("range", rangeText(inheritSpec(specs, f.Name), a), rangeText(specs[ref.Name], b))
	}
	return ""
}

// rangeText writes a query's range as its dashboard does, and the dates
// it resolved to.
func rangeText(qs QuerySpec, q Query) string {
	r := strings.TrimSpace(qs.Range)
	if r == "" {
		r = "default " + DefaultRange[q.Every]
	}
	layout := "2006-01-02"
	if q.Every == Hourly {
		layout = "2006-01-02T15:04Z07:00"
	}
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	return fmt.Sprintf("%s: %s..%s", r, q.From.In(loc).Format(layout), q.To.In(loc).Format(layout))
}

// cycle returns the shortest chain of formulas from start back to itself
// (start first and last), or nil when there is none.
func cycle(start string, exprs map[string]*Expr) []string {
	prev := map[string]string{}
	queue := []string{start}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		for _, ref := range exprs[name].Names() {
			if exprs[ref] == nil {
				continue
			}
			if ref == start {
				path := []string{start}
				for at := name; at != start; at = prev[at] {
					path = append(path, at)
				}
				path = append(path, start)
				// path is start, then the chain backwards: turn the middle round.
				for i, j := 1, len(path)-2; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return path
			}
			if _, seen := prev[ref]; !seen {
				prev[ref] = name
				queue = append(queue, ref)
			}
		}
	}
	return nil
}

// didYouMean offers the names close to name, or lists the page's queries
// (but self) when none is close.
func didYouMean(name string, names []string, self string) string {
	var others []string
	for _, n := range names {
		if n != self {
			others = append(others, n)
		}
	}
	if s := Suggest(name, others); s != "" {
		return " (did you mean " + s + "?)"
	}
	if len(others) == 0 {
		return " (the page has no other query)"
	}
	const most = 10
	list := quoteAll(others[:min(len(others), most)])
	if len(others) > most {
		list = append(list, "…")
	}
	return " (the page's queries: " + strings.Join(list, ", ") + ")"
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Quote(n)
	}
	return out
}
