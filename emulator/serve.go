package emulator

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/gwsync/gwsync/emulator/internal/serving"
	"github.com/gwsync/gwsync/internal/kindreg"
)

// Kind is what a gateway kind's emulator offers gwsync emulator: serving
// it (serve) and, when it has one, a console that changes a running one
// from outside (console). gatewaykind.Kind embeds it; RegisterHook makes
// it known.
type Kind interface {
	// Name is the kind's name: the value of serve's --provider that
	// picks it.
	Name() string
	// EmulatorServeHelp is the kind's part of serve's help.
	EmulatorServeHelp() ServeHelp
	// CheckEmulatorFlags refuses, before the checks of the flags every
	// kind reads, a flag the kind does not take or takes otherwise; the
	// error, a usage error, says what to give instead.
	CheckEmulatorFlags(s Settings) error
	// ServeEmulator serves the kind's emulator as s says until ctx ends,
	// then shuts it down, letting calls in flight finish. Once both
	// planes listen it calls ready with their addresses and the lines
	// (each ending in a newline) naming what it serves. An error wrapped
	// in UsageError is a mistake in the flags.
	ServeEmulator(ctx context.Context, s Settings, ready func(a Addrs, serves string)) error
	// EmulatorConsole is what gwsync emulator console changes a running
	// emulator of the kind with, or nil when the kind has none.
	EmulatorConsole() Console
}

// ServeHelp is a kind's part of the help of gwsync emulator serve.
type ServeHelp struct {
	// Default is whether serve emulates the kind when --provider is not
	// given. One kind says so; its paragraphs and examples come first.
	Default bool
	// Serves is a paragraph on what the emulator serves (the API, its
	// signatures, the data plane) and what it prints on start.
	Serves string
	// Gateways, when not empty, is a paragraph on the gateways the
	// emulator holds and how the flags name them.
	Gateways string
	// Examples are command lines of serve that emulate the kind, as the
	// help shows them (indented, a long one continued with a backslash).
	Examples []string
	// Flags holds, by flag name, what the kind adds to the help of a
	// flag of serve: the whole help of a flag only the kind reads.
	Flags map[string]string
}

// Settings are what gwsync emulator serve was given: its flags, and the
// state it opened.
type Settings struct {
	// Listen and DataPlane are the addresses (host:port) of the control
	// plane and the data plane.
	Listen, DataPlane string
	// AccessKeys maps each access key ID the API accepts to its secret.
	AccessKeys map[string]string
	// Environments are the environments of a gateway made on first use.
	Environments []string
	// GatewayIDs are the IDs of the gateways to serve (none: one with a
	// new ID).
	GatewayIDs []string
	// ProjectID is the project the gateway belongs to, for a kind whose
	// API names one ("": a new one).
	ProjectID string
	// DeployDelay is how long a deploy stays in progress, for a kind
	// whose deploys are asynchronous.
	DeployDelay time.Duration
	// Seed makes IDs and fault decisions repeatable.
	Seed uint64
	// Latency is added to every API call.
	Latency time.Duration
	// ErrorRate and ThrottleRate are the fractions of API calls answered
	// with a server error and with throttling (0-1).
	ErrorRate, ThrottleRate float64
	// QPS limits API calls per access key per second (0: no limit).
	QPS float64
	// FailDeploys name the routes whose next deploy fails.
	FailDeploys []string
	// Store keeps the state across restarts; nil keeps it in memory.
	Store Store
	// Logger receives one line per call.
	Logger *slog.Logger
}

// Addrs are the addresses an emulator listens on.
type Addrs = serving.Addrs

// UsageError marks an error of Kind.ServeEmulator as a mistake in the
// flags, which the CLI reports as bad usage.
type UsageError struct{ Err error }

// Error is the wrapped error's message.
func (e UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e UsageError) Unwrap() error { return e.Err }

// kinds are the registered kinds' emulators, by gateway.provider value.
var kinds kindreg.Registry[Kind]

// RegisterHook makes k the emulator of the kind serving providers.
// gatewaykind.Register calls it.
func RegisterHook(providers []string, k Kind) { kinds.Register(providers, k) }

// Lookup returns the emulator of the kind named name. Serve's --provider
// names a kind: another provider value the kind serves (an alias for an
// embedded gateway) finds nothing.
func Lookup(name string) (Kind, bool) {
	k, ok := kinds.Lookup(name)
	if !ok || k.Name() != name {
		return nil, false
	}
	return k, true
}

// Kinds returns the registered emulators, one per kind: the default one
// (ServeHelp.Default) first, then the others in registration order.
func Kinds() []Kind {
	out := kinds.All()
	slices.SortStableFunc(out, func(a, b Kind) int {
		return cmp.Compare(rank(a), rank(b))
	})
	return out
}

// rank puts the default emulator first.
func rank(k Kind) int {
	if k.EmulatorServeHelp().Default {
		return 0
	}
	return 1
}
