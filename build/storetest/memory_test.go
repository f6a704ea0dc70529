package storetest_test

import (
	"testing"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/build/storetest"
	_ "github.com/dashsmith/dashsmith/plugins/hll"
	_ "github.com/dashsmith/dashsmith/plugins/quantile"
)

// TestMemory runs the suite against the in-memory store, which checks
// the suite as much as the store.
func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) build.Store { return storetest.NewMemory() })
}
