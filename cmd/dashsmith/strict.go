package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/dashsmith/dashsmith/build"
)

// strictFlag is --strict: check and build fail on warnings. Given on the
// command line, it overrides the config's strict: (--strict=false turns a
// config's strict: true off for one run); not given, the config decides.
type strictFlag struct {
	set, value bool
}

// register adds --strict to fs.
func (f *strictFlag) register(fs *flag.FlagSet) {
	fs.Var(f, "strict", "fail on warnings (an event the store has never seen, an empty result), as the config's strict: true does; --strict=false overrides it")
}

// String implements flag.Value.
func (f *strictFlag) String() string { return strconv.FormatBool(f.value) }

// Set implements flag.Value.
func (f *strictFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("use --strict, --strict=true or --strict=false")
	}
	f.set, f.value = true, v
	return nil
}

// IsBoolFlag lets --strict stand alone, as a bool flag does.
func (f *strictFlag) IsBoolFlag() bool { return true }

// of says whether warnings are errors for a site with config cfg, read
// from the file named config, and if so what makes them errors and how
// to see them as warnings again: "" when they are not errors.
func (f *strictFlag) of(cfg build.Config, config string) (hint string) {
	switch {
	case f.set && f.value:
		return "that --strict makes errors (drop --strict to see them as warnings)"
	case !f.set && cfg.Strict:
		return fmt.Sprintf("that strict: true in %s makes errors (--strict=false, or strict: false, shows them as warnings)", config)
	}
	return ""
}

// strictSummary says how many of a failed run's problems are warnings
// made errors, and how to see them as warnings, as in ", 2 of them
// warning(s) that --strict makes errors (drop --strict to see them as
// warnings)"; "" when there are none.
func strictSummary(n int, hint string) string {
	if n == 0 || hint == "" {
		return ""
	}
	return fmt.Sprintf(", %d of them warning(s) %s", n, hint)
}
