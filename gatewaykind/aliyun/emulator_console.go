package aliyun

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/emulator/aliyun/console"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// EmulatorConsole is the APIG emulator's console: edits over the signed
// APIG API.
func (Kind) EmulatorConsole() emulator.Console { return apigConsole{} }

// apigConsole is gwsync emulator console for the APIG emulator, through
// package console.
type apigConsole struct{}

// consoleEdit is one edit and how it is made.
type consoleEdit struct {
	emulator.ConsoleEdit
	run func(ctx context.Context, k *console.Console, args []string) (string, error)
}

// consoleEdits are the edits: at least one for each kind of drift.
var consoleEdits = []consoleEdit{
	{emulator.ConsoleEdit{Name: "set-route-path", Args: []string{"ROUTE", "PATH"}, Example: "orders-route /orders/v2",
		Short: "Change a route's match path, not deploying it again (drift: changed)"},
		func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.SetRoutePath(ctx, a[0], a[1])
		}},
	{emulator.ConsoleEdit{Name: "set-policy", Args: []string{"POLICY", "KEY", "VALUE"}, Example: "orders-timeout unitNum 30",
		Short: "Set one key of a policy's config; VALUE is JSON, or else a string (drift: changed)"},
		func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.SetPolicy(ctx, a[0], a[1], configValue(a[2]))
		}},
	{emulator.ConsoleEdit{Name: "undeploy-route", Args: []string{"ROUTE"}, Example: "orders-export",
		Short: "Take a deployed route offline (drift: not deployed)"},
		func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.UndeployRoute(ctx, a[0])
		}},
	{emulator.ConsoleEdit{Name: "delete-route", Args: []string{"ROUTE"}, Example: "orders-export",
		Short: "Take a route offline and delete it (drift: missing)"},
		func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.DeleteRoute(ctx, a[0])
		}},
	{emulator.ConsoleEdit{Name: "add-route", Args: []string{"API", "ROUTE", "PATH"}, Example: "orders-http-api debug /debug",
		Short: "Make and deploy a route gwsync did not make, matching PATH exactly, on the domains and backend of the API's first route (drift: not declared)"},
		func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.AddRoute(ctx, a[0], a[1], a[2])
		}},
}

// configValue reads a policy config value: JSON (30, true, "s",
// ["10.0.0.0/8"]), or else the text as a string, so that a word needs no
// quotes in the shell.
func configValue(text string) any {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return text
	}
	return v
}

// ConsoleHelp is the console's long help and examples.
func (apigConsole) ConsoleHelp() (long, examples string) {
	return `Console changes what a running "gwsync emulator serve" serves the way a person at the
Alibaba Cloud console would: through the signed APIG API, over HTTP, with no ownership
marker. It is for trying drift without writing a program: make a change, then run
gwsync drift (and gwsync drift --reconcile to put the desired state back).

It reaches the emulator as plan and apply do: the control plane at --endpoint or
$GWSYNC_ALIYUN_ENDPOINT, signed with the key in ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET (one the emulator was given with --access-key). The
gateway is --gateway-id, or the only one the emulator serves. Deploys and undeploys
are waited for (up to --timeout); a path or policy edit is not deployed.

It changes gwsync's emulator only, never a cloud gateway: the endpoint must be a
loopback address (127.0.0.1, ::1 or localhost, where the emulator listens by default),
and before any change it asks the emulator's own GET /emulator/v1/about, which
Alibaba Cloud does not serve. No flag lifts either check; to reach an emulator on
another machine, forward a local port to it (ssh -L 9080:127.0.0.1:9080 HOST).`,
		`  gwsync emulator console set-route-path orders-route /orders/v2
  gwsync emulator console set-policy orders-timeout unitNum 30
  gwsync emulator console --gateway-id gw-orders-prod add-route orders-http-api debug /debug`
}

// EndpointEnv is the variable plan and apply read the endpoint from.
func (apigConsole) EndpointEnv() string { return aliyun.EnvEndpoint }

// Edits are the console's edits.
func (apigConsole) Edits() []emulator.ConsoleEdit {
	out := make([]emulator.ConsoleEdit, len(consoleEdits))
	for i, e := range consoleEdits {
		out[i] = e.ConsoleEdit
	}
	return out
}

// Dial makes a client for the emulator at endpoint, with the credentials
// plan and apply read, that does not retry.
func (apigConsole) Dial(endpoint string) (emulator.ConsoleClient, error) {
	cfg, err := aliyun.ConfigFromEnv("", endpoint, os.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.MaxRetries = -1
	c, err := aliyun.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	return consoleClient{c}, nil
}

// consoleClient reaches a running APIG emulator.
type consoleClient struct{ c *aliyun.Client }

// Open opens the gateway gatewayID (or the only one) for edits.
func (cc consoleClient) Open(ctx context.Context, gatewayID string) (emulator.ConsoleGateway, error) {
	k, err := console.Open(ctx, cc.c, gatewayID)
	if err != nil {
		return nil, err
	}
	return consoleGateway{k}, nil
}

// consoleGateway is one gateway of a running APIG emulator.
type consoleGateway struct{ k *console.Console }

// GatewayID is the gateway the edits change.
func (g consoleGateway) GatewayID() string { return g.k.GatewayID() }

// Edit makes the edit named name.
func (g consoleGateway) Edit(ctx context.Context, name string, args []string) (string, error) {
	for _, e := range consoleEdits {
		if e.Name == name {
			return e.run(ctx, g.k, args)
		}
	}
	return "", fmt.Errorf("no edit %q", name)
}
