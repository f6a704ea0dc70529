package build

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestParseFormula(t *testing.T) {
	vals := map[string]float64{"revenue": 300, "orders": 4, "visits": 200, "zero": 0, "sign-ups": 10, "a.b": 2}
	val := func(name string) (float64, bool) {
		v, ok := vals[name]
		return v, ok
	}
	for _, tc := range []struct {
		in, str string
		want    float64
		ok      bool
	}{
		{"revenue / orders", "revenue / orders", 75, true},
		{"revenue/orders", "revenue / orders", 75, true},
		{"orders / visits * 100", "orders / visits * 100", 2, true},
		{"(revenue - orders) * 2", "(revenue - orders) * 2", 592, true},
		{"revenue - (orders - visits)", "revenue - (orders - visits)", 496, true},
		{"revenue - orders - visits", "revenue - orders - visits", 96, true},
		{"((revenue))", "revenue", 300, true},
		{"-orders + 1", "-orders + 1", -3, true},
		{"-(orders + 1)", "-(orders + 1)", -5, true},
		{"--orders", "--orders", 4, true},
		{"orders - -orders", "orders - -orders", 8, true},
		{"2 * -orders", "2 * -orders", -8, true},
		{"1e3 / visits", "1000 / visits", 5, true},
		{"0.5 * orders", "0.5 * orders", 2, true},
		{".5 * orders", "0.5 * orders", 2, true},
		{`"sign-ups" / 2`, `"sign-ups" / 2`, 5, true},
		{`"orders" * a.b`, `orders * a.b`, 8, true},
		{"revenue / orders / 3", "revenue / orders / 3", 25, true},
		{"revenue / (orders / 4)", "revenue / (orders / 4)", 300, true},
		{"revenue / zero", "revenue / zero", 0, false},
		{"zero / zero", "zero / zero", 0, false},
		{"revenue / (orders - 4)", "revenue / (orders - 4)", 0, false},
		{"missing + 1", "missing + 1", 0, false},
		{"1e308 * 10", "1e+308 * 10", 0, false},
		{"1e+308 + 1e308", "1e+308 + 1e+308", 0, false},
	} {
		e, err := ParseFormula(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got := e.String(); got != tc.str {
			t.Errorf("%q prints as %q, want %q", tc.in, got, tc.str)
		}
		if v, ok := e.Eval(val); ok != tc.ok || v != tc.want {
			t.Errorf("%q = %v %v, want %v %v", tc.in, v, ok, tc.want, tc.ok)
		}
	}
}

func TestParseFormula_Errors(t *testing.T) {
	for in, want := range map[string]string{
		"":                   `formula: empty: write e.g. "revenue / orders" (at byte 1)`,
		"   ":                `formula: empty: write e.g. "revenue / orders" (at byte 1)`,
		"revenue /":          `formula: unexpected end of formula: want a query name, a number, - or ( (at byte 10)`,
		"revenue orders":     `formula: unexpected "orders": join terms with + - * / (at byte 9)`,
		"(revenue / orders":  `formula: unexpected end of formula: a ( opened at byte 1 is not closed (at byte 18)`,
		"revenue / orders)":  `formula: unexpected ")": join terms with + - * / (at byte 17)`,
		"revenue ^ 2":        `formula: unexpected character '^': use query names, numbers, + - * / and parentheses (at byte 9)`,
		"revenue % orders":   `formula: unexpected character '%': use query names, numbers, + - * / and parentheses (at byte 9)`,
		"2orders":            `formula: bad number "2o": a name starts with a letter or _ (at byte 1)`,
		"1e":                 `formula: bad number "1e" (at byte 1)`,
		"1e999 * orders":     `formula: bad number "1e999" (at byte 1)`,
		"1.2.3":              `formula: bad number "1.2." (at byte 1)`,
		"+orders":            `formula: unexpected "+": want a query name, a number, - or ( (at byte 1)`,
		"orders */ visits":   `formula: unexpected "/": want a query name, a number, - or ( (at byte 9)`,
		`"orders / visits`:   `formula: unterminated or bad quoted name (at byte 1)`,
		`"" + 1`:             `formula: empty quoted name (at byte 1)`,
		"()":                 `formula: unexpected ")": want a query name, a number, - or ( (at byte 2)`,
		"orders; drop table": `formula: unexpected character ';': use query names, numbers, + - * / and parentheses (at byte 7)`,
	} {
		_, err := ParseFormula(in)
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", in, err, want)
		}
	}
	if _, err := ParseFormula(strings.Repeat("a+", 500) + "a"); err == nil || !strings.Contains(err.Error(), "longer than 1000 bytes") {
		t.Errorf("a long formula: %v", err)
	}
	deep := strings.Repeat("(", 51) + "a" + strings.Repeat(")", 51)
	if _, err := ParseFormula(deep); err == nil || !strings.Contains(err.Error(), "nested more than 50 deep") {
		t.Errorf("a deep formula: %v", err)
	}
	if _, err := ParseFormula(strings.Repeat("-", 51) + "a"); err == nil || !strings.Contains(err.Error(), "nested more than 50 deep") {
		t.Errorf("deep minus signs: %v", err)
	}
	ok := strings.Repeat("(", 50) + "a" + strings.Repeat(")", 50)
	if _, err := ParseFormula(ok); err != nil {
		t.Errorf("50 deep: %v", err)
	}
}

// TestFormula_TwentyQueries: a formula over 20 queries names each once,
// and adds them up bucket by bucket.
func TestFormula_TwentyQueries(t *testing.T) {
	var terms []string
	vals := map[string]float64{}
	for i := range 20 {
		name := fmt.Sprintf("q%02d", i)
		terms = append(terms, name)
		vals[name] = float64(i + 1)
	}
	src := "(" + strings.Join(terms[:10], " + ") + ") / (" + strings.Join(terms[10:], " + ") + ") * 100"
	e, err := ParseFormula(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Names(); strings.Join(got, ",") != strings.Join(terms, ",") {
		t.Fatalf("names %v", got)
	}
	if got := e.NamePos("q11"); src[got:got+3] != "q11" {
		t.Fatalf("q11 at %d", got)
	}
	v, ok := e.Eval(func(name string) (float64, bool) { return vals[name], true })
	if want := 55.0 / 155 * 100; !ok || math.Abs(v-want) > 1e-12 {
		t.Fatalf("%v %v, want %v", v, ok, want)
	}
	if e.String() != src {
		t.Fatalf("prints as %q", e.String())
	}
}

// FuzzParseFormula: a formula never panics the parser; one that parses
// prints as a formula that parses to the same thing, and prints the same
// again.
func FuzzParseFormula(f *testing.F) {
	for _, s := range []string{
		"revenue / orders", "(a + b) * -c", "--a", "1e3 / .5", `"sign-ups" - x.y`, "a - (b - c)",
		"a / (b * c)", "((((a))))", "1.5e-7 * a", "-(-(a))", "a*b/c+d-e", "(", ")", "\"\\u00e9\"",
		"é + ü", "a\tb", "0x10", "1_000", "∞",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseFormula(s)
		if err != nil {
			var fe *FormulaError
			if !asFormulaError(err, &fe) || fe.Pos < 0 || fe.Pos > len(s) && fe.Pos != MaxFormulaBytes {
				t.Fatalf("%q: error %v at a position outside the formula", s, err)
			}
			return
		}
		out := e.String()
		again, err := Query{Formula: out}.FormulaExpr()
		if err != nil {
			t.Fatalf("%q prints as %q, which does not parse: %v", s, out, err)
		}
		if again.String() != out {
			t.Fatalf("%q prints as %q, then as %q", s, out, again.String())
		}
		if !sameExpr(e, again) {
			t.Fatalf("%q and its print %q parse differently", s, out)
		}
		e.Eval(func(string) (float64, bool) { return 0, true }) // never panics
	})
}

func asFormulaError(err error, fe **FormulaError) bool {
	e, ok := err.(*FormulaError)
	*fe = e
	return ok
}

// sameExpr compares two expressions but for positions.
func sameExpr(a, b *Expr) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Op != b.Op || a.Name != b.Name || math.Float64bits(a.Num) != math.Float64bits(b.Num) {
		return false
	}
	return sameExpr(a.Left, b.Left) && sameExpr(a.Right, b.Right)
}

func TestParseRolling(t *testing.T) {
	for _, tc := range []struct {
		in    string
		every Interval
		want  int
		err   string
	}{
		{"7 days", Daily, 7, ""},
		{"7 Days", Daily, 7, ""},
		{"7 days", Hourly, 168, ""},
		{"48 hours", Daily, 2, ""},
		{"2 weeks", Daily, 14, ""},
		{"14 days", Weekly, 2, ""},
		{"4 weeks", Weekly, 4, ""},
		{"3 hours", Hourly, 3, ""},
		{"366 days", Daily, 366, ""},
		{"52 weeks", Weekly, 52, ""},
		{"7 days", Weekly, 0, `rolling "7 days" is one bucket of every week, and the mean of one bucket is the bucket: use a longer window or a finer every`},
		{"1 day", Daily, 0, `rolling "1 day" is one bucket of every day, and the mean of one bucket is the bucket: use a longer window or a finer every`},
		{"10 days", Weekly, 0, `rolling "10 days" is not a whole number of weeks (every week): use a multiple of one week`},
		{"36 hours", Daily, 0, `rolling "36 hours" is not a whole number of days (every day): use a multiple of one day`},
		{"3 days", Monthly, 0, `rolling "3 days": every month has buckets of different lengths: use every day or week, or no rolling`},
		{"367 days", Daily, 0, `rolling "367 days": at most a year (8784 hours, 366 days or 52 weeks)`},
		{"53 weeks", Weekly, 0, `rolling "53 weeks": at most a year (8784 hours, 366 days or 52 weeks)`},
		{"99999999999999999999 days", Daily, 0, "rolling \"99999999999999999999 days\": write N hours, N days or N weeks, e.g. `rolling: 7 days`"},
		{"0 days", Daily, 0, "rolling \"0 days\": write N hours, N days or N weeks, e.g. `rolling: 7 days`"},
		{"-7 days", Daily, 0, "rolling \"-7 days\": write N hours, N days or N weeks, e.g. `rolling: 7 days`"},
		{"7", Daily, 0, "rolling \"7\": write N hours, N days or N weeks, e.g. `rolling: 7 days`"},
		{"7 months", Daily, 0, "rolling \"7 months\": write N hours, N days or N weeks, e.g. `rolling: 7 days`"},
		{"a week", Daily, 0, "rolling \"a week\": write N hours, N days or N weeks, e.g. `rolling: 7 days`"},
	} {
		got, err := ParseRolling(tc.in, tc.every)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q every %s: got %v, want %s", tc.in, tc.every, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q every %s: %d %v, want %d", tc.in, tc.every, got, err, tc.want)
		}
	}
}
