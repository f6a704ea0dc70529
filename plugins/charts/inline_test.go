package charts

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
)

func TestCharts_Inlines(t *testing.T) {
	in := New(Options{}).Inlines()
	p := checkout(t)
	o := *p.Data["orders"]
	o.Query.Compare = build.PreviousPeriod
	o.Previous = &build.Result{Total: 80000}
	p.Data["orders"] = &o
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"value", []string{"orders"}, `<data class="ds-value" value="71000">71,000</data>`},
		{"value", []string{"orders", "compact"}, `<data class="ds-value" value="71000">71K</data>`},
		{"value", []string{"revenue", "Currency"}, `<data class="ds-value" value="23000">$23,000.00</data>`},
		{"delta", []string{"orders"}, `<span class="ds-delta ds-down ds-bad"><span class="ds-arrow" aria-hidden="true">▼</span> down 11%</span>`},
		{"delta", []string{"orders", "down_is_good"}, `<span class="ds-delta ds-down ds-good"><span class="ds-arrow" aria-hidden="true">▼</span> down 11%</span>`},
	} {
		out, err := in[tc.name](&build.Site{}, p, tc.args)
		if err != nil || string(out) != tc.want {
			t.Errorf("%s %q: got %s, %v; want %s", tc.name, tc.args, out, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"value", []string{"ordrs"}, `value: unknown query "ordrs" (did you mean "orders"?)`},
		{"value", []string{"revenu"}, `value: unknown query "revenu" (did you mean "revenue"?)`},
		{"value", []string{"signups"}, `value: unknown query "signups" (queries: orders, revenue)`},
		{"value", nil, `value: give a query and, if you like, a format: {{ value "orders" }} or {{ value "revenue" "currency" }}`},
		{"value", []string{"orders", "dollars"}, `value: unknown format "dollars" (formats: compact, currency, duration, number, percent)`},
		{"delta", []string{"revenue"}, "delta: query \"revenue\" has nothing to compare with: add `compare: previous period` (or previous year) to it"},
		{"delta", []string{"orders", "up_is_bad"}, `delta: give a query and, if a fall is good news, "down_is_good": {{ delta "orders" }} or {{ delta "errors" "down_is_good" }}`},
		{"delta", []string{"</script>"}, `delta: unknown query "</script>" (queries: orders, revenue)`},
	} {
		_, err := in[tc.name](&build.Site{}, p, tc.args)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s %q: got %v, want %s", tc.name, tc.args, err, tc.want)
		}
	}
}
