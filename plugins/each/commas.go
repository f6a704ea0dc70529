package each

import "strconv"

// commas writes n with a comma between thousands: 500000 -> "500,000".
func commas(n int) string { return commas64(int64(n)) }

// commas64 is commas for an int64.
func commas64(n int64) string {
	if n < 0 {
		return "-" + commas64(-n)
	}
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
