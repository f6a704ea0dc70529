package events

import "time"

// parseTime reads an RFC 3339 time as time.Parse(time.RFC3339Nano, s)
// does, with or without fractional seconds and with any offset, and
// returns it in UTC. The zero time is not a usable time.
//
// The common shape, 2026-11-25T14:03:11.555Z or with a ±hh:mm offset and
// up to nine fraction digits, is read here without allocating; it is a
// subset of what time.Parse accepts, read to the same instant. Anything
// else goes to time.Parse.
func parseTime(s []byte) (time.Time, bool) {
	if len(s) == 0 {
		return time.Time{}, false
	}
	t, ok := fastTime(s)
	if !ok {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, string(s)); err != nil {
			return time.Time{}, false
		}
	}
	if t.IsZero() {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// fastTime reads YYYY-MM-DDTHH:MM:SS[.fffffffff](Z|±hh:mm), every field in
// range, or reports false.
func fastTime(s []byte) (time.Time, bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year := dig(s[0])*1000 + dig(s[1])*100 + dig(s[2])*10 + dig(s[3])
	month, day := two(s[5:]), two(s[8:])
	hour, minute, sec := two(s[11:]), two(s[14:]), two(s[17:])
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	rest := s[19:]
	nsec := int64(0)
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && n < 11 && dig(rest[n]) >= 0 {
			nsec = nsec*10 + int64(dig(rest[n]))
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false // none, or more than nine digits: see time.Parse
		}
		nsec *= pow10[10-n]
		rest = rest[n:]
	}
	offset := 0
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, om := two(rest[1:]), two(rest[4:])
		if oh < 0 || oh > 23 || om < 0 || om > 59 {
			return time.Time{}, false
		}
		if offset = oh*3600 + om*60; rest[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	secs := daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+sec-offset)
	return time.Unix(secs, nsec), true
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// dig is the value of a decimal digit, or a large negative number for
// any other byte, so that a sum of digits is negative when any is bad.
func dig(c byte) int {
	if d := c - '0'; d <= 9 {
		return int(d)
	}
	return -1 << 20
}

// two reads two decimal digits; negative when either is not one.
func two(b []byte) int { return dig(b[0])*10 + dig(b[1]) }

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil counts days from 1970-01-01 to the proleptic Gregorian
// date (Howard Hinnant's algorithm), for years 0 to 9999.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
