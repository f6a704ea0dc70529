package handler

import (
	"strings"
	"testing"
	"time"
)

func TestReadEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	t.Run("OK", func(t *testing.T) {
		e, err := ReadEnv(env(map[string]string{"DASHSMITH_STORE": "dynamodb://t?region=eu-west-1", "DASHSMITH_CARDINALITY": "50", "DASHSMITH_DEDUPE_WINDOW": "48h", "DASHSMITH_MAX_FILE_BYTES": "1048576", "DASHSMITH_MAX_EVENT_NAMES": "500"}))
		if err != nil || e != (Env{Store: "dynamodb://t?region=eu-west-1", Cardinality: 50, Dedupe: 48 * time.Hour, MaxFile: 1 << 20, MaxNames: 500}) {
			t.Errorf("%+v, %v", e, err)
		}
		e, err = ReadEnv(env(map[string]string{"DASHSMITH_STORE": "bolt:/tmp/x.db"}))
		if err != nil || e != (Env{Store: "bolt:/tmp/x.db"}) {
			t.Errorf("defaults: %+v, %v", e, err)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		for want, m := range map[string]map[string]string{
			"DASHSMITH_STORE is not set":       {},
			"DASHSMITH_CARDINALITY \"0\"":      {"DASHSMITH_STORE": "x", "DASHSMITH_CARDINALITY": "0"},
			"DASHSMITH_CARDINALITY \"100000\"": {"DASHSMITH_STORE": "x", "DASHSMITH_CARDINALITY": "100000"},
			"DASHSMITH_DEDUPE_WINDOW: ded":     {"DASHSMITH_STORE": "x", "DASHSMITH_DEDUPE_WINDOW": "5m"},
			"DASHSMITH_MAX_FILE_BYTES \"1GB\"": {"DASHSMITH_STORE": "x", "DASHSMITH_MAX_FILE_BYTES": "1GB"},
			"DASHSMITH_MAX_FILE_BYTES \"0\"":   {"DASHSMITH_STORE": "x", "DASHSMITH_MAX_FILE_BYTES": "0"},
			"DASHSMITH_MAX_EVENT_NAMES \"0\"":  {"DASHSMITH_STORE": "x", "DASHSMITH_MAX_EVENT_NAMES": "0"},
		} {
			if _, err := ReadEnv(env(m)); err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%v: err = %v; want %q...", m, err, want)
			}
		}
	})
}
