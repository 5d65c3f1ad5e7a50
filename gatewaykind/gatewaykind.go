// Package gatewaykind is the one interface a gateway kind implements, and
// the registry of the kinds gwsync knows.
//
// A kind brings everything particular to one gateway product: its schema,
// the decoding of a loaded desired state into its own state, its rules,
// its plan-time diff and ordering, the execution of its changes, its dump
// and its emulator. The shared stages (compiler, validate, sync, dump,
// report, the CLI) import no kind: each keeps a lookup of the part of a
// kind it needs (see internal/kindreg), and Register fills them all, so a
// kind is whole or absent. Package gatewaykind/builtin registers the kinds
// gwsync ships; README's "Adding a gateway kind" lists what a new one
// implements.
package gatewaykind

import (
	"slices"
	"sync"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/provider"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/schema"
	"github.com/gwsync/gwsync/starter"
	gwsync "github.com/gwsync/gwsync/sync"
	"github.com/gwsync/gwsync/validate"
)

// Kind is a gateway kind. Each shared stage's hook is embedded here, so a
// value implementing Kind has everything the stages need.
type Kind interface {
	// Name is the kind's name, as help text and errors use it.
	Name() string
	// Providers are the gateway.provider values the kind serves; the
	// first is the kind's own name, others are aliases (an embedded
	// gateway, say).
	Providers() []string
	// Dumper writes a live gateway of the kind as its desired state.
	dump.Dumper
	emulator.Kind

	provider.Connector
	report.Wording

	validate.Rules
	compiler.Decoder
	starter.Starters
	schema.Shapes
	// Planner is what plan, apply and drift need of the kind.
	gwsync.Planner
}

var (
	mu    sync.RWMutex
	kinds []Kind
)

// Register makes k known to every shared stage, for each of its
// providers. A kind registered twice under one provider replaces the
// earlier one.
func Register(k Kind) {
	mu.Lock()
	defer mu.Unlock()
	providers := k.Providers()
	kinds = slices.DeleteFunc(kinds, func(o Kind) bool { return o.Name() == k.Name() })
	kinds = append(kinds, k)
	dump.RegisterHook(providers, k)
	emulator.RegisterHook(providers, k)
	provider.RegisterHook(providers, k)
	report.RegisterHook(providers, k)
	validate.RegisterHook(providers, k)
	compiler.RegisterHook(providers, k)
	starter.RegisterHook(providers, k)
	schema.RegisterHook(providers, k)
	gwsync.RegisterHook(providers, k)
	_ = providers
}

// Lookup returns the kind serving gateway.provider provider.
func Lookup(provider string) (Kind, bool) {
	mu.RLock()
	defer mu.RUnlock()
	for _, k := range kinds {
		if slices.Contains(k.Providers(), provider) {
			return k, true
		}
	}
	return nil, false
}

// All returns the registered kinds in registration order.
func All() []Kind {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(kinds)
}

// Providers returns every gateway.provider value a registered kind
// serves, in registration order.
func Providers() []string {
	var out []string
	for _, k := range All() {
		out = append(out, k.Providers()...)
	}
	return out
}
