package emulator

import "context"

// Console is what gwsync emulator console needs of a kind whose running
// emulator it changes from outside, as a person at the cloud console
// would: its help, its edits and a client.
type Console interface {
	// ConsoleHelp is the command's long help, and its examples as the
	// help shows them.
	ConsoleHelp() (long, examples string)
	// EndpointEnv names the variable that gives the emulator's control
	// plane when --endpoint does not.
	EndpointEnv() string
	// Edits are the edits the console makes, in the order the help and
	// the usage errors list them.
	Edits() []ConsoleEdit
	// Dial makes a client, with the credentials in the environment, for
	// the emulator whose control plane is at endpoint (a loopback address,
	// see CheckEndpoint). It makes each call once: an edit is made once,
	// as at the console, and an emulator that is not running says so at
	// once.
	Dial(endpoint string) (ConsoleClient, error)
}

// ConsoleEdit is one edit of gwsync emulator console, run as a
// subcommand.
type ConsoleEdit struct {
	// Name names the subcommand.
	Name string
	// Args are the positional arguments' names, as usage shows them.
	Args []string
	// Example is the arguments of an example.
	Example string
	// Short is the one-line help, ending with the drift the edit makes.
	Short string
}

// ConsoleClient reaches a running emulator.
type ConsoleClient interface {
	// Open checks that the client reaches gwsync's emulator, and opens
	// the gateway gatewayID, or the only one the emulator serves when it
	// is "".
	Open(ctx context.Context, gatewayID string) (ConsoleGateway, error)
}

// ConsoleGateway is one gateway of a running emulator, open for edits.
type ConsoleGateway interface {
	// GatewayID is the gateway the edits change.
	GatewayID() string
	// Edit makes the edit named name with args (as many as its
	// ConsoleEdit.Args names) and says what it did.
	Edit(ctx context.Context, name string, args []string) (string, error)
}
