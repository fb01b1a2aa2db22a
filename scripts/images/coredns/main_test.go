package main

import (
	"slices"
	"testing"

	"github.com/coredns/caddy"
)

func TestDirectivesAreTheCompiledInPlugins(t *testing.T) {
	got := caddy.ValidDirectives("dns")
	for _, want := range []string{"errors", "health", "ready", "kubernetes", "prometheus", "forward", "cache", "loop", "reload", "loadbalance"} {
		if !slices.Contains(got, want) {
			t.Errorf("directive %q: missing from %v", want, got)
		}
	}
	for _, absent := range []string{"file", "etcd", "route53"} {
		if slices.Contains(got, absent) {
			t.Errorf("directive %q: listed but not compiled in", absent)
		}
	}
}
