// Package strictyaml decodes YAML strictly (unknown and duplicate keys are
// errors) and turns gopkg.in/yaml.v2's messages into build errors that name
// the file and the line a person would look at.
package strictyaml

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dashsmith/dashsmith/build"
	"gopkg.in/yaml.v2"
)

// Decode decodes data into v with yaml.UnmarshalStrict. file names the
// source in errors and first is the line of file that holds data's first
// line. The error, if any, is a build.ErrorList with one entry per problem.
func Decode(file string, first int, data []byte, v any) error {
	err := yaml.UnmarshalStrict(data, v)
	if err == nil {
		return nil
	}
	return Errors(file, first, data, v, err)
}

// DecodeKeys is Decode that tells the problems of single keys (an unknown
// key, a value of the wrong type), after which v holds everything else,
// from an error that left v undecoded (bad YAML). err is nil when keys
// are the only problems.
func DecodeKeys(file string, first int, data []byte, v any) (keys build.ErrorList, err error) {
	if err = yaml.UnmarshalStrict(data, v); err == nil {
		return nil, nil
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return Errors(file, first, data, v, err), nil
	}
	return nil, Errors(file, first, data, v, err)
}

// Errors converts an error of yaml.v2 about data, decoded into v, to a
// build.ErrorList at file, where first is the line of file that holds
// data's first line. A syntax error is put at the line to fix, in words
// (see explain); an unknown key says which known key it may be a typo of.
func Errors(file string, first int, data []byte, v any, err error) build.ErrorList {
	var list build.ErrorList
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, msg := range te.Errors {
			line, rest := splitLine(msg)
			msg := rewrite(rest)
			if m := unknownRE.FindStringSubmatch(rest); m != nil {
				msg += didYouMean(v, m[2], m[1])
			}
			list = append(list, build.Errorf(file, at(first, line), "%s", msg))
		}
		return list
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, rest := splitLine(msg)
	if n, words, ok := explain(data, line, rest); ok {
		return append(list, build.Errorf(file, at(first, n), "bad YAML: %s", words))
	}
	return append(list, build.Errorf(file, at(first, line), "bad YAML: %s", rest))
}

var lineRE = regexp.MustCompile(`^line (\d+): `)

// splitLine takes "line 3: msg" apart; line is 0 when msg has none.
func splitLine(msg string) (int, string) {
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return 0, msg
	}
	n, _ := strconv.Atoi(m[1])
	return n, msg[len(m[0]):]
}

func at(first, line int) int {
	if line == 0 {
		return first
	}
	return first + line - 1
}

var (
	unknownRE = regexp.MustCompile(`^field (.+) not found in type (.+)$`)
	dupRE     = regexp.MustCompile(`^(?:key|field) (.+) already set in (?:map|type .+)$`)
	typeRE    = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
)

// rewrite turns one of yaml.v2's type errors into words about the file,
// not about Go types.
func rewrite(msg string) string {
	if m := unknownRE.FindStringSubmatch(msg); m != nil {
		return "unknown key " + strconv.Quote(m[1])
	}
	if m := dupRE.FindStringSubmatch(msg); m != nil {
		key := m[1]
		if !strings.HasPrefix(key, `"`) {
			key = strconv.Quote(key)
		}
		return "duplicate key " + key
	}
	if m := typeRE.FindStringSubmatch(msg); m != nil {
		got := "a " + kind(m[1])
		if m[2] != "" {
			got = strconv.Quote(m[2])
		}
		return "expected " + want(m[3]) + ", got " + got
	}
	return msg
}

// kind names a YAML tag ("map", "seq", "str") for people.
func kind(tag string) string {
	switch tag {
	case "map":
		return "mapping"
	case "seq":
		return "list"
	case "str":
		return "string"
	}
	return tag
}

// want names a Go type the way a YAML author thinks of it.
func want(goType string) string {
	switch {
	case strings.HasPrefix(goType, "map["), strings.Contains(goType, "."):
		return "a mapping (key: value)"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	}
	return goType
}
