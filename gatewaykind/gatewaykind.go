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
	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/provider"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/schema"
	"github.com/gwsync/gwsync/starter"
	gwsync "github.com/gwsync/gwsync/sync"
	"github.com/gwsync/gwsync/validate"
)

// Kind is a gateway kind. Each shared stage's hook is embedded here, in
// the order a desired state meets them, so a value implementing Kind has
// everything the stages need; README's "Adding a gateway kind" says what
// each asks for.
type Kind interface {
	// Name is the kind's name, as help text and errors use it.
	Name() string
	// Providers are the gateway.provider values the kind serves; the
	// first is the kind's own name, others are aliases (an embedded
	// gateway, say).
	Providers() []string

	// Shapes: the kind's CUE definition and its JSON Schema condition.
	schema.Shapes
	// Starters: the desired states gwsync init writes for the kind.
	starter.Starters
	// Decoder: checking a loaded desired state against the kind's shape
	// and decoding it into the model, with positions.
	compiler.Decoder
	// Rules: the kind's rule families and rule docs, the domains its
	// probes may name.
	validate.Rules
	// Connector: opening a gateway of the kind (a cloud's or an embedded
	// one) as a sync.Gateway, and its words in help and messages.
	provider.Connector
	// Planner: the diff into plan changes, the order table, the terms,
	// the documents, what a change needs and how drift reads it.
	gwsync.Planner
	// Wording: the kind's counts and change titles in the views.
	report.Wording
	// Dumper: writing a live gateway of the kind as a desired state.
	dump.Dumper
	// Kind (of package emulator): serving the kind's emulator and its
	// console for gwsync emulator.
	emulator.Kind
}

// kinds are the registered kinds, by gateway.provider and in
// registration order.
var kinds kindreg.Registry[Kind]

// Register makes k known to every shared stage, for each of its
// providers (the first of which is its name). A kind registered again
// replaces the earlier one in its place.
func Register(k Kind) {
	providers := k.Providers()
	kinds.Register(providers, k)
	schema.RegisterHook(providers, k)
	starter.RegisterHook(providers, k)
	compiler.RegisterHook(providers, k)
	validate.RegisterHook(providers, k)
	provider.RegisterHook(providers, k)
	gwsync.RegisterHook(providers, k)
	report.RegisterHook(providers, k)
	dump.RegisterHook(providers, k)
	emulator.RegisterHook(providers, k)
}

// All returns the registered kinds in registration order.
func All() []Kind { return kinds.All() }
