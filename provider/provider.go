// Package provider is what a gateway kind offers the CLI for reaching its
// gateways: opening the gateway a desired state names (a cloud's, or one
// embedded in the process), naming it before it is opened, and the words
// the CLI's help and messages use for the kind (the environment variable
// that overrides its endpoint, how a desired state selects its embedded
// gateway). Each kind registers its Connector (see RegisterHook); the CLI
// looks it up by gateway.provider. The kinds' API clients live in the
// subpackages.
package provider

import (
	"time"

	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Connector is what the CLI needs of a gateway kind to reach its
// gateways.
type Connector interface {
	// Name is the kind's name, as help text uses it ("$VARIABLE for
	// NAME").
	Name() string
	// OpenGateway connects to the gateway g declares.
	OpenGateway(g model.Gateway, o Options) (*Target, error)
	// GatewayName names the gateway g declares before it is opened, as a
	// fleet lists it ("local gateway", or the kind and gateway.id); only
	// g's Provider, ID and Local are read.
	GatewayName(g model.Gateway) string
	// EmbeddedGateway describes the embedded gateway g selects, or
	// reports false when g names a gateway outside this process.
	EmbeddedGateway(g model.Gateway) (Embedded, bool)
	// CLITexts are the kind's words in the CLI's flag help.
	CLITexts() Texts
}

// Options say how to open a gateway, from the CLI's flags.
type Options struct {
	// Endpoint overrides the endpoint of the kind's API (--endpoint); ""
	// leaves it to the kind's environment variable or the region.
	Endpoint string
	// QPS is the most API calls per second (0: no limit).
	QPS float64
	// LocalState places the state of an embedded gateway whose state file
	// is named file: the directory to keep it in ("" for an empty gateway
	// in memory, which writes nothing), and where, for labels ("state in
	// gw/.gwsync").
	LocalState func(file string) (dir, where string, err error)
}

// Target is an open gateway.
type Target struct {
	// Gateway is the connection.
	Gateway gwsync.Gateway
	// Name is the gateway ("local gateway gw-1"); Label the same with
	// where it is ("(state in gw/.gwsync)", or its region).
	Name, Label string
	// Close closes the connection.
	Close func()
	// DataPlane is the data plane's host:port that the gateway itself
	// serves (an embedded one's), "" when none is known.
	DataPlane string
	// PollInterval is the first wait before reading a deploy's status (0:
	// sync.DefaultPollInterval).
	PollInterval time.Duration
}

// Embedded describes a kind's embedded gateway for the warning that an
// endpoint override given for it is ignored.
type Embedded struct {
	// Selected is what in the desired state selects it
	// ("gateway.local: true").
	Selected string
	// Runs is what runs in the process ("gwsync's embedded gateway").
	Runs string
	// Instead says how to use the emulator serving at an endpoint
	// instead: which command serves it, and what to set in the desired
	// state.
	Instead string
}

// Texts are a kind's words in the CLI's flag help.
type Texts struct {
	// EndpointVariable is the environment variable that overrides the
	// endpoint of the kind's API, as --endpoint does.
	EndpointVariable string
	// EmbeddedSelector says how a desired state selects the kind's
	// embedded gateway, for --state-dir's help; "" when it has none.
	EmbeddedSelector string
	// DataplaneDefault is what --dataplane's help says the kind's
	// default is, beyond an embedded gateway's own; "" says nothing.
	DataplaneDefault string
}

// kinds are the registered connectors, by gateway.provider.
var kinds kindreg.Registry[Connector]

// RegisterHook makes c the connector for each of providers, replacing
// any earlier one (as does a registration for the same first provider in
// Registered's order).
func RegisterHook(providers []string, c Connector) { kinds.Register(providers, c) }

// Lookup returns the connector for gateway.provider provider.
func Lookup(provider string) (Connector, bool) { return kinds.Lookup(provider) }

// Providers returns the gateway.provider values a connector is
// registered for, sorted.
func Providers() []string { return kinds.Providers() }

// Registered returns the registered connectors, each once, in
// registration order.
func Registered() []Connector { return kinds.All() }
