package frontmatter

import (
	"strconv"
	"strings"
)

// queryLines finds the line where each query is named in a frontmatter that
// opens with delim on line open of raw. It is a scan of the text, not a
// parse: a query it cannot place gets the line of "queries", or of delim.
func queryLines(raw []byte, open int, delim string, queries map[string]querySpec) map[string]int {
	lines := strings.Split(string(raw), "\n")
	found := map[string]int{}
	fallback := open
	indent := -1 // YAML: the indentation of query names
	inTable := false
	for i := open; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		trimmed := strings.TrimSpace(line)
		n := i + 1
		if trimmed == delim {
			break
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if delim == "+++" { // TOML: [queries.NAME], or NAME = {...} under [queries]
			if strings.HasPrefix(trimmed, "[") {
				inTable = trimmed == "[queries]"
				if inTable {
					fallback = n
				}
				if rest, ok := strings.CutPrefix(trimmed, "[queries."); ok {
					found[unquote(strings.TrimSuffix(rest, "]"))] = n
				}
			} else if inTable {
				if k, _, ok := strings.Cut(trimmed, "="); ok {
					found[unquote(strings.TrimSpace(k))] = n
				}
			}
			continue
		}
		// YAML: names are the keys one level under a top-level "queries:".
		depth := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case depth == 0:
			indent = -1
			if strings.HasPrefix(trimmed, "queries:") {
				fallback, indent = n, 0
			}
		case indent == 0 || depth == indent:
			indent = depth
			if k, _, ok := cutKey(trimmed); ok {
				found[k] = n
			}
		}
	}
	out := map[string]int{}
	for name := range queries {
		if n, ok := found[name]; ok {
			out[name] = n
		} else {
			out[name] = fallback
		}
	}
	return out
}

// cutKey splits a YAML line "key: value" or `"key": value`.
func cutKey(s string) (key, rest string, ok bool) {
	if strings.HasPrefix(s, `"`) || strings.HasPrefix(s, `'`) {
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 {
			return "", "", false
		}
		key, rest = unquote(s[:end+2]), s[end+2:]
		rest = strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(rest, ":") {
			return "", "", false
		}
		return key, rest[1:], true
	}
	key, rest, ok = strings.Cut(s, ":")
	return strings.TrimSpace(key), rest, ok
}

// unquote removes the quotes of a quoted key.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return s[1 : len(s)-1]
	}
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// keyLine returns the line of the first of keys set at the top level of a
// frontmatter that opens with delim on line open of raw, or open.
func keyLine(raw []byte, open int, delim string, keys ...string) int {
	lines := strings.Split(string(raw), "\n")
	for i := open; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == delim {
			break
		}
		if delim == "+++" && strings.HasPrefix(trimmed, "[") {
			break // TOML: top-level keys come before the first table
		}
		if delim == "---" && line != trimmed {
			continue // YAML: indented, not top level
		}
		sep := ":"
		if delim == "+++" {
			sep = "="
		}
		k, _, ok := strings.Cut(trimmed, sep)
		if !ok {
			continue
		}
		k = unquote(strings.TrimSpace(k))
		for _, key := range keys {
			if k == key {
				return i + 1
			}
		}
	}
	return open
}
