package main

import (
	"slices"
	"testing"
)

func TestByRoot(t *testing.T) {
	paths := []string{"context.os.name", "currency", "properties.type", "traits.email", "context.ip", "revenue", "traits.address.city"}
	byRoot(paths)
	want := []string{"currency", "properties.type", "revenue", "traits.address.city", "traits.email", "context.ip", "context.os.name"}
	if !slices.Equal(paths, want) {
		t.Errorf("byRoot = %q, want %q: properties, then traits, then context", paths, want)
	}
}
