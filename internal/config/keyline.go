package config

import (
	"bytes"
	"strings"
)

// keyLine returns the line of a top-level key in a YAML file, or 0.
func keyLine(data []byte, key string) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		s := string(line)
		if strings.HasPrefix(s, key+":") || strings.HasPrefix(s, `"`+key+`":`) {
			return i + 1
		}
	}
	return 0
}
