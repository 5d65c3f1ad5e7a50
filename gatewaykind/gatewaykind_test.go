package gatewaykind_test

import (
	"slices"
	"testing"

	"github.com/gwsync/gwsync/gatewaykind"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/provider"
)

// TestBuiltin: the registry holds each shipped kind once, in registration
// order, no provider value is served twice, and registering a kind fills
// the stages' lookups for each of its providers.
func TestBuiltin(t *testing.T) {
	var names, providers []string
	for _, k := range gatewaykind.All() {
		names = append(names, k.Name())
		if k.Providers()[0] != k.Name() {
			t.Errorf("kind %s: its first provider is %q, not its name", k.Name(), k.Providers()[0])
		}
		for _, p := range k.Providers() {
			if slices.Contains(providers, p) {
				t.Errorf("provider %q is served twice", p)
			}
			providers = append(providers, p)
			if c, ok := provider.Lookup(p); !ok || c.Name() != k.Name() {
				t.Errorf("provider %q: the connector registered is %v, %v; want kind %s's", p, c, ok, k.Name())
			}
		}
	}
	if len(names) < 2 {
		t.Fatalf("registered kinds %v: the builtin registry should register every shipped kind", names)
	}
	gatewaykind.Register(gatewaykind.All()[0])
	var again []string
	for _, k := range gatewaykind.All() {
		again = append(again, k.Name())
	}
	if !slices.Equal(again, names) {
		t.Errorf("registering %s again made the kinds %v, want %v", names[0], again, names)
	}
}
