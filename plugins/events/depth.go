package events

import "bytes"

// tooDeep reports whether the JSON text in line nests arrays and objects
// deeper than max. It is one pass over the bytes with no recursion, so it is
// safe on hostile input such as a line of a million '['. Brackets inside
// strings do not count. It does not validate the JSON: the decoder does.
func tooDeep(line []byte, max int) bool {
	// Fast path: a line with few brackets (any real event) cannot nest deeper
	// than it has openings. bytes.Count is vectorised.
	if bytes.Count(line, []byte("["))+bytes.Count(line, []byte("{")) <= max {
		return false
	}
	depth := 0
	inString, escaped := false, false
	for _, c := range line {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > max {
				return true
			}
		case ']', '}':
			depth--
		}
	}
	return false
}
