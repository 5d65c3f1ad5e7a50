package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/emulator"
)

// consoleArgs are the flags every gwsync emulator console edit shares.
type consoleArgs struct {
	gatewayID string
	endpoint  string
	timeout   time.Duration
}

// consoleExit ends the console's help: its exit statuses.
const consoleExit = `Exit status: 0 changed, 1 error (nothing changed, unless the message says what was),
3 bad usage.`

// emulatorConsole is the console of the first kind (as serve lists them)
// that has one, or nil.
func emulatorConsole() emulator.Console {
	for _, k := range emulator.Kinds() {
		if c := k.EmulatorConsole(); c != nil {
			return c
		}
	}
	return nil
}

func (a *app) emulatorConsoleCommand(c emulator.Console) *cobra.Command {
	var args consoleArgs
	long, examples := c.ConsoleHelp()
	cmd := &cobra.Command{
		Use:                        "console",
		Short:                      "Change what a running emulator serves, as a person at the cloud console would (to try drift)",
		Long:                       long + "\n\n" + consoleExit,
		Example:                    examples,
		Args:                       cobra.ArbitraryArgs,
		RunE:                       func(cmd *cobra.Command, rest []string) error { return unknownEdit(cmd, c, rest) },
		SuggestionsMinimumDistance: 2,
	}
	f := cmd.PersistentFlags()
	f.StringVar(&args.gatewayID, "gateway-id", "", "the `ID` of the gateway to change (default: the only one the emulator serves)")
	f.StringVar(&args.endpoint, "endpoint", "", "the emulator's control plane, `HOST:PORT` on loopback (default $"+c.EndpointEnv()+")")
	f.DurationVar(&args.timeout, "timeout", time.Minute, "how long to wait for the emulator, deploys and undeploys included")
	for _, e := range c.Edits() {
		cmd.AddCommand(a.consoleEditCommand(c, e, &args))
	}
	return cmd
}

// unknownEdit is the usage error for gwsync emulator console without an
// edit, or with one it does not know.
func unknownEdit(cmd *cobra.Command, c emulator.Console, rest []string) error {
	var edits []string
	for _, e := range c.Edits() {
		edits = append(edits, e.Name)
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

func (a *app) consoleEditCommand(c emulator.Console, e emulator.ConsoleEdit, args *consoleArgs) *cobra.Command {
	use := e.Name + " " + strings.Join(e.Args, " ")
	return &cobra.Command{
		Use:     use,
		Short:   e.Short,
		Example: "  gwsync emulator console " + e.Name + " " + e.Example,
		Args: func(_ *cobra.Command, got []string) error {
			if len(got) != len(e.Args) {
				return usagef("gwsync emulator console %s takes %s (%d given), e.g. gwsync emulator console %s %s", e.Name, strings.Join(e.Args, " "), len(got), e.Name, e.Example)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, rest []string) error {
			return a.runConsoleEdit(cmd.Context(), c, e, *args, rest)
		},
	}
}

// runConsoleEdit opens the emulator's gateway and makes one edit.
func (a *app) runConsoleEdit(ctx context.Context, c emulator.Console, e emulator.ConsoleEdit, args consoleArgs, rest []string) error {
	cl, endpoint, err := consoleClient(c, args)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, args.timeout)
	defer cancel()
	k, err := cl.Open(ctx, args.gatewayID)
	if err != nil {
		return fmt.Errorf("emulator console: %s: %w", endpoint, err)
	}
	done, err := k.Edit(ctx, e.Name, rest)
	if err != nil {
		return fmt.Errorf("emulator console: %w", err)
	}
	fmt.Fprintf(a.stdout, "gateway %s: %s\n", k.GatewayID(), done)
	return nil
}

// consoleClient checks the flags and the endpoint and makes a client for
// the emulator.
func consoleClient(c emulator.Console, args consoleArgs) (emulator.ConsoleClient, string, error) {
	if args.timeout <= 0 {
		return nil, "", usagef("--timeout must be positive, got %s", args.timeout)
	}
	env := c.EndpointEnv()
	endpoint, named := args.endpoint, "--endpoint "+args.endpoint
	if endpoint == "" {
		endpoint = strings.TrimSpace(os.Getenv(env))
		named = fmt.Sprintf("$%s (%s)", env, endpoint)
	}
	if endpoint == "" {
		return nil, "", usagef("give the emulator's control plane with --endpoint HOST:PORT or $%s (gwsync emulator serve prints it: \"control plane: http://127.0.0.1:9080\")", env)
	}
	if err := emulator.CheckEndpoint(endpoint); err != nil {
		return nil, "", usagef("%s is not a loopback address: gwsync emulator console changes only an emulator on this machine (127.0.0.1, ::1 or localhost), never a cloud gateway; to reach one elsewhere, forward a local port to it", named)
	}
	cl, err := c.Dial(endpoint)
	return cl, endpoint, err
}
