package provider

import (
	"slices"
	"testing"

	"github.com/gwsync/gwsync/model"
)

// fake is a connector named name.
type fake struct{ name string }

func (f fake) Name() string                                      { return f.name }
func (fake) OpenGateway(model.Gateway, Options) (*Target, error) { return nil, nil }
func (fake) GatewayName(model.Gateway) string                    { return "" }
func (fake) EmbeddedGateway(model.Gateway) (Embedded, bool)      { return Embedded{}, false }
func (fake) CLITexts() Texts                                     { return Texts{} }

// Connectors are listed once each, in registration order; one registered
// again under the same first provider replaces the earlier one in its
// place.
func TestRegistered(t *testing.T) {
	RegisterHook([]string{"b", "b-local"}, fake{"b"})
	RegisterHook([]string{"a"}, fake{"a"})
	RegisterHook([]string{"b", "b-local"}, fake{"b2"})
	var names []string
	for _, c := range Registered() {
		names = append(names, c.Name())
	}
	if want := []string{"b2", "a"}; !slices.Equal(names, want) {
		t.Errorf("Registered() names %v, want %v", names, want)
	}
	if c, ok := Lookup("b-local"); !ok || c.Name() != "b2" {
		t.Errorf("Lookup(b-local) = %v, %v", c, ok)
	}
	if _, ok := Lookup("c"); ok {
		t.Error("Lookup(c) found a connector")
	}
	if got := Providers(); !slices.Equal(got, []string{"a", "b", "b-local"}) {
		t.Errorf("Providers() = %v", got)
	}
}
