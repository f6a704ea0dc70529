package build

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Cond is one equality filter of a query's where: the events whose
// property Prop has the group value Value (as a breakdown by Prop writes
// it: text as is, a number or a boolean as its JSON text, NoneGroup for a
// missing or null property).
type Cond struct {
	Prop  string
	Value string
}

// MaxWhere caps the properties of one where (and of one composite
// rollup): each adds a part to every group value of the rollup, and the
// combinations of N properties share one cardinality cap, so beyond a few
// most of them would fold into OtherGroup anyway.
const MaxWhere = 4

// partSep separates the parts of a composite group value. A part never
// holds a control character (cleanGroup replaces them), so the split is
// unambiguous; it is not \x1f, which stores keep for the parts of a series
// key and refuse in a group value.
const partSep = "\x1e"

// ComposeBy returns the By of a rollup over the combination of the
// property paths: the paths sorted and joined by ",", which no single path
// holds (see CheckPath). It checks each path, and that there are at most
// MaxWhere of them, each once.
func ComposeBy(paths ...string) (string, error) {
	if len(paths) == 0 {
		return "", fmt.Errorf("no property")
	}
	if len(paths) > MaxWhere {
		return "", fmt.Errorf("%d properties: a combination holds at most %d", len(paths), MaxWhere)
	}
	ps := append([]string(nil), paths...)
	sort.Strings(ps)
	for i, p := range ps {
		if err := CheckPath(p); err != nil {
			return "", err
		}
		if i > 0 && ps[i-1] == p {
			return "", fmt.Errorf("property %q is named twice", p)
		}
	}
	return strings.Join(ps, ","), nil
}

// CheckBy checks the By of a breakdown as a dashboard or dashsmith.yaml
// writes it: one property path, or a combination of them joined by ","
// (e.g. "plan,platform"). It returns the By as a rollup keeps it (a
// combination sorted).
func CheckBy(by string) (string, error) {
	if !strings.Contains(by, ",") {
		return by, CheckPath(by)
	}
	parts := strings.Split(by, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return ComposeBy(parts...)
}

// Parts returns the property paths a rollup's groups are made of: one
// for a plain breakdown, several for a combination, none without By.
func (r Rollup) Parts() []string {
	if r.By == "" {
		return nil
	}
	return strings.Split(r.By, ",")
}

// ParseWhere checks a query's where against its by and returns its
// conditions sorted by property. A property may not be the by itself.
func ParseWhere(where map[string]string, by string) ([]Cond, error) {
	if len(where) == 0 {
		return nil, nil
	}
	conds := make([]Cond, 0, len(where))
	paths := make([]string, 0, len(where)+1)
	for p, v := range where {
		if p == by {
			return nil, fmt.Errorf("where %s and by %s name the same property: drop it from where, or use `filter: %s`", p, by, v)
		}
		if strings.ContainsAny(v, partSep) || strings.IndexFunc(v, controlRune) >= 0 {
			return nil, fmt.Errorf("where %s: value %q holds a control character, which no group value holds", p, v)
		}
		if len(v) > MaxGroupBytes {
			return nil, fmt.Errorf("where %s: value of %d bytes: the store keeps a value's first %d bytes, so no event can match it; shorten it", p, len(v), MaxGroupBytes)
		}
		conds = append(conds, Cond{p, v})
		paths = append(paths, p)
	}
	if by != "" {
		paths = append(paths, by)
	}
	if _, err := ComposeBy(paths...); err != nil {
		return nil, fmt.Errorf("where: %w (write e.g. `where: {plan: pro, platform: ios}`)", err)
	}
	sort.Slice(conds, func(i, j int) bool { return conds[i].Prop < conds[j].Prop })
	return conds, nil
}

// rollupBy is the By of the rollup that serves q: q.By alone, or with a
// where the combination of q.By and the where properties.
func (q Query) rollupBy() string {
	if len(q.Where) == 0 {
		return q.By
	}
	paths := make([]string, 0, len(q.Where)+1)
	for _, c := range q.Where {
		paths = append(paths, c.Prop)
	}
	if q.By != "" {
		paths = append(paths, q.By)
	}
	sort.Strings(paths)
	return strings.Join(paths, ",")
}

// Single reports whether q reads one series of its rollup, and the group
// value of that series: "" without By or where, the Filter value, or with
// a where and no By the combination of the where values.
func (q Query) Single() (group string, ok bool) {
	switch {
	case len(q.Where) > 0 && q.By == "":
		vals := make([]string, len(q.Where))
		for i, c := range q.Where {
			vals[i] = c.Value
		}
		return strings.Join(vals, partSep), true
	case len(q.Where) > 0:
		return "", false
	case q.By == "":
		return "", true
	case q.Filter != "":
		return q.Filter, true
	}
	return "", false
}

// GroupPrefix is what every group a where+by query keeps starts with in
// its rollup of combinations: the values of the where properties that
// sort before the by property, each followed by the separator of parts
// (where: {dependency.name: X}, by: dependency.version keeps only groups
// "X\x1e…"). A store that keeps groups in order reads that run alone,
// and OtherGroup, instead of every combination. "" when q is not a
// where+by or its by sorts first: every group is walked.
func (q Query) GroupPrefix() string {
	if len(q.Where) == 0 || q.By == "" {
		return ""
	}
	var b strings.Builder
	for _, p := range strings.Split(q.rollupBy(), ",") {
		if p == q.By {
			break
		}
		for _, c := range q.Where {
			if c.Prop == p {
				b.WriteString(c.Value)
				b.WriteString(partSep)
			}
		}
	}
	return b.String()
}

// whereWalk turns a walk over the groups of a where+by query's composite
// rollup into one over the by values: it visits the groups whose where
// parts all match, under their by part (one group each, as the other
// parts are fixed), and OtherGroup as it is.
func whereWalk(q Query, walk GroupWalk) GroupWalk {
	parts := strings.Split(q.rollupBy(), ",")
	want := make([]string, len(parts)) // the value each part must have; "" at the by
	byAt := -1
	for i, p := range parts {
		if p == q.By {
			byAt = i
			continue
		}
		for _, c := range q.Where {
			if c.Prop == p {
				want[i] = c.Value
			}
		}
	}
	return func(visit func(string, map[Hour]*Cell) error) error {
		vals := make([]string, 0, len(parts))
		return walk(func(group string, hourly map[Hour]*Cell) error {
			if group == OtherGroup {
				return visit(group, hourly)
			}
			vals = append(vals[:0], strings.Split(group, partSep)...)
			if len(vals) != len(parts) {
				return nil
			}
			for i, v := range vals {
				if i != byAt && v != want[i] {
					return nil
				}
			}
			return visit(vals[byAt], hourly)
		})
	}
}

// WhereKey is q's where as one string, for keys that tell queries apart:
// "" without one, else each property and value Go-quoted, in order.
func (q Query) WhereKey() string {
	if len(q.Where) == 0 {
		return ""
	}
	var b strings.Builder
	for _, c := range q.Where {
		b.WriteString(strconv.Quote(c.Prop))
		b.WriteByte('=')
		b.WriteString(strconv.Quote(c.Value))
		b.WriteByte(' ')
	}
	return b.String()
}
