package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/emulator/aliyun/console"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// consoleArgs are the flags every gwsync emulator console edit shares.
type consoleArgs struct {
	gatewayID string
	endpoint  string
	timeout   time.Duration
}

// consoleEdit is one edit of gwsync emulator console.
type consoleEdit struct {
	use, short, example string
	// args are the positional arguments' names, as use shows them.
	args []string
	run  func(ctx context.Context, k *console.Console, args []string) (string, error)
}

// consoleEdits are the edits: at least one for each kind of drift.
var consoleEdits = []consoleEdit{
	{use: "set-route-path", args: []string{"ROUTE", "PATH"}, example: "orders-route /orders/v2",
		short: "Change a route's match path, not deploying it again (drift: changed)",
		run: func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.SetRoutePath(ctx, a[0], a[1])
		}},
	{use: "set-policy", args: []string{"POLICY", "KEY", "VALUE"}, example: "orders-timeout unitNum 30",
		short: "Set one key of a policy's config; VALUE is JSON, or else a string (drift: changed)",
		run: func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.SetPolicy(ctx, a[0], a[1], configValue(a[2]))
		}},
	{use: "undeploy-route", args: []string{"ROUTE"}, example: "orders-export",
		short: "Take a deployed route offline (drift: not deployed)",
		run: func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.UndeployRoute(ctx, a[0])
		}},
	{use: "delete-route", args: []string{"ROUTE"}, example: "orders-export",
		short: "Take a route offline and delete it (drift: missing)",
		run: func(ctx context.Context, k *console.Console, a []string) (string, error) {
			return k.DeleteRoute(ctx, a[0])
		}},
	{use: "add-route", args: []string{"API", "ROUTE", "PATH"}, example: "orders-http-api debug /debug",
		short: "Make and deploy a route gwsync did not make, matching PATH exactly, on the domains and backend of the API's first route (drift: not declared)",
		run: func(ctx context.Context, k *console.Console, a []string) (string, error) {
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

func (a *app) emulatorConsoleCommand() *cobra.Command {
	var args consoleArgs
	cmd := &cobra.Command{
		Use:   "console",
		Short: "Change what a running emulator serves, as a person at the cloud console would (to try drift)",
		Long: `Console changes what a running "gwsync emulator serve" serves the way a person at the
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
another machine, forward a local port to it (ssh -L 9080:127.0.0.1:9080 HOST).

Exit status: 0 changed, 1 error (nothing changed, unless the message says what was),
3 bad usage.`,
		Example: `  gwsync emulator console set-route-path orders-route /orders/v2
  gwsync emulator console set-policy orders-timeout unitNum 30
  gwsync emulator console --gateway-id gw-orders-prod add-route orders-http-api debug /debug`,
		Args:                       cobra.ArbitraryArgs,
		RunE:                       func(cmd *cobra.Command, rest []string) error { return unknownEdit(cmd, rest) },
		SuggestionsMinimumDistance: 2,
	}
	f := cmd.PersistentFlags()
	f.StringVar(&args.gatewayID, "gateway-id", "", "the `ID` of the gateway to change (default: the only one the emulator serves)")
	f.StringVar(&args.endpoint, "endpoint", "", "the emulator's control plane, `HOST:PORT` on loopback (default $"+aliyun.EnvEndpoint+")")
	f.DurationVar(&args.timeout, "timeout", time.Minute, "how long to wait for the emulator, deploys and undeploys included")
	for _, e := range consoleEdits {
		cmd.AddCommand(a.consoleEditCommand(e, &args))
	}
	return cmd
}

// unknownEdit is the usage error for gwsync emulator console without an
// edit, or with one it does not know.
func unknownEdit(cmd *cobra.Command, rest []string) error {
	var edits []string
	for _, e := range consoleEdits {
		edits = append(edits, e.use)
	}
	if len(rest) == 0 {
		return usagef("name an edit: gwsync emulator console %s (see gwsync emulator console --help)", strings.Join(edits, "|"))
	}
	hint := "one of " + strings.Join(edits, ", ")
	if s := cmd.SuggestionsFor(rest[0]); len(s) > 0 {
		hint = strings.Join(s, " or ")
	}
	return usagef("gwsync emulator console has no edit %q: did you mean %s?", rest[0], hint)
}

func (a *app) consoleEditCommand(e consoleEdit, args *consoleArgs) *cobra.Command {
	use := e.use + " " + strings.Join(e.args, " ")
	return &cobra.Command{
		Use:     use,
		Short:   e.short,
		Example: "  gwsync emulator console " + e.use + " " + e.example,
		Args: func(_ *cobra.Command, got []string) error {
			if len(got) != len(e.args) {
				return usagef("gwsync emulator console %s takes %s (%d given), e.g. gwsync emulator console %s %s", e.use, strings.Join(e.args, " "), len(got), e.use, e.example)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, rest []string) error { return a.runConsoleEdit(cmd.Context(), e, *args, rest) },
	}
}

// runConsoleEdit opens the emulator's gateway and makes one edit.
func (a *app) runConsoleEdit(ctx context.Context, e consoleEdit, args consoleArgs, rest []string) error {
	c, endpoint, err := consoleClient(args)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, args.timeout)
	defer cancel()
	k, err := console.Open(ctx, c, args.gatewayID)
	if err != nil {
		return fmt.Errorf("emulator console: %s: %w", endpoint, err)
	}
	done, err := e.run(ctx, k, rest)
	if err != nil {
		return fmt.Errorf("emulator console: %w", err)
	}
	fmt.Fprintf(a.stdout, "gateway %s: %s\n", k.GatewayID(), done)
	return nil
}

// consoleClient checks the flags and the endpoint and makes a client for
// the emulator, which does not retry: an edit is made once, as at the
// console, and an emulator that is not running says so at once.
func consoleClient(args consoleArgs) (*aliyun.Client, string, error) {
	if args.timeout <= 0 {
		return nil, "", usagef("--timeout must be positive, got %s", args.timeout)
	}
	endpoint, named := args.endpoint, "--endpoint "+args.endpoint
	if endpoint == "" {
		endpoint = strings.TrimSpace(os.Getenv(aliyun.EnvEndpoint))
		named = fmt.Sprintf("$%s (%s)", aliyun.EnvEndpoint, endpoint)
	}
	if endpoint == "" {
		return nil, "", usagef("give the emulator's control plane with --endpoint HOST:PORT or $%s (gwsync emulator serve prints it: \"control plane: http://127.0.0.1:9080\")", aliyun.EnvEndpoint)
	}
	if err := emulator.CheckEndpoint(endpoint); err != nil {
		return nil, "", usagef("%s is not a loopback address: gwsync emulator console changes only an emulator on this machine (127.0.0.1, ::1 or localhost), never a cloud gateway; to reach one elsewhere, forward a local port to it", named)
	}
	cfg, err := aliyun.ConfigFromEnv("", endpoint, os.Getenv)
	if err != nil {
		return nil, "", err
	}
	cfg.MaxRetries = -1
	c, err := aliyun.NewClient(cfg)
	return c, endpoint, err
}
