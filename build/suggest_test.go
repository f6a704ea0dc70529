package build

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"kitten", "sitting", 3}, {"order", "order", 0}, {"ab", "ba", 2}, {"", "abc", 3}, {"abc", "abcdefgh", 3}} {
		if got := distance(tc.a, tc.b, 3); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"orders", "revenue", "refunds", "visits"}
	for _, tc := range []struct{ name, want string }{
		{"revenu", `"revenue"`},
		{"Orders", `"orders"`},
		{"ref", `"refunds"`},
		{"revenues", `"revenue"`},
		{"visit", `"visits"`},
		{"refund", `"refunds"`},
		{"xyz", ""},
	} {
		if got := Suggest(tc.name, names); got != tc.want {
			t.Errorf("Suggest(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
}
