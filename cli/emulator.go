package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gwsync/gwsync/emulator"
)

// emulatorArgs are the flags of gwsync emulator serve.
type emulatorArgs struct {
	provider   string
	state      string
	readyFile  string
	accessKeys []string
	settings   emulator.Settings
}

// stateNote ends serve's help: what --state does, for every kind.
const stateNote = "With --state FILE the gateways survive restarts; without it, state is in memory."

func (a *app) emulatorCommand() *cobra.Command {
	cmd := groupCommand(&cobra.Command{
		Use:   "emulator",
		Short: "Run the local APIG gateway (control plane and data plane), and change it as the console would",
	})
	cmd.AddCommand(a.emulatorServeCommand())
	if c := emulatorConsole(); c != nil {
		cmd.AddCommand(a.emulatorConsoleCommand(c))
	}
	return cmd
}

func (a *app) emulatorServeCommand() *cobra.Command {
	var args emulatorArgs
	kinds := emulator.Kinds()
	long, examples := serveHelp(kinds)
	cmd := &cobra.Command{
		Use:     "serve",
		Short:   "Serve a gateway's control-plane API and a data plane until interrupted",
		Long:    long,
		Example: examples,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runEmulator(cmd.Context(), args)
		},
	}
	s := &args.settings
	f := cmd.Flags()
	f.StringVar(&args.provider, "provider", defaultKind(kinds), "which gateway to emulate: "+kindNames(kinds))
	f.StringVar(&s.Listen, "listen", "127.0.0.1:9080", "control-plane address (host:port)")
	f.StringVar(&s.DataPlane, "dataplane", "127.0.0.1:9081", "data-plane address (host:port)")
	f.StringVar(&args.state, "state", "", "state file (bbolt); empty keeps state in memory")
	f.StringVar(&args.readyFile, "ready-file", "", "once listening, write the addresses and gateway ID to this file (for scripts that wait for the emulator)")
	f.StringArrayVar(&args.accessKeys, "access-key", nil, "an access key pair ID:SECRET the API accepts (repeatable; at least one)")
	f.StringSliceVar(&s.Environments, "environments", []string{"prod"}, "environments of a new gateway (comma-separated)")
	f.StringArrayVar(&s.GatewayIDs, "gateway-id", nil, "ID of a gateway to serve (repeatable; default: one gateway with a new ID)")
	f.StringVar(&s.ProjectID, "project-id", "", "")
	f.DurationVar(&s.DeployDelay, "deploy-delay", 2*time.Second, "how long a route stays Deploying or Undeploying")
	f.Uint64Var(&s.Seed, "seed", 1, "seed for IDs and fault decisions")
	f.DurationVar(&s.Latency, "latency", 0, "latency added to every API call")
	f.Float64Var(&s.ErrorRate, "error-rate", 0, "fraction of API calls answered 503 (0-1)")
	f.Float64Var(&s.ThrottleRate, "throttle-rate", 0, "fraction of API calls answered Throttling.User (0-1)")
	f.Float64Var(&s.QPS, "qps", 0, "API calls per second allowed per access key (0: no limit)")
	f.StringArrayVar(&s.FailDeploys, "fail-deploy", nil, "route name whose next deploy fails (repeatable)")
	// A kind adds to the help of a flag it reads its own way; the help of
	// a flag only one kind reads (--project-id) is all the kind's.
	f.VisitAll(func(fl *pflag.Flag) {
		for _, k := range kinds {
			fl.Usage += k.EmulatorServeHelp().Flags[fl.Name]
		}
	})
	return cmd
}

// serveHelp is serve's long help and examples, from the kinds' parts:
// what each serves, then the gateways each holds, then what --state does.
func serveHelp(kinds []emulator.Kind) (long, examples string) {
	var paras, lines []string
	for _, k := range kinds {
		paras = append(paras, k.EmulatorServeHelp().Serves)
		lines = append(lines, k.EmulatorServeHelp().Examples...)
	}
	for _, k := range kinds {
		if g := k.EmulatorServeHelp().Gateways; g != "" {
			paras = append(paras, g)
		}
	}
	return strings.Join(paras, "\n\n") + "\n" + stateNote, strings.Join(lines, "\n")
}

// defaultKind is the kind serve emulates when --provider is not given.
func defaultKind(kinds []emulator.Kind) string {
	for _, k := range kinds {
		if k.EmulatorServeHelp().Default {
			return k.Name()
		}
	}
	return ""
}

// kindNames lists the kinds' names for help and errors: "a or b", "a, b
// or c".
func kindNames(kinds []emulator.Kind) string {
	var names []string
	for _, k := range kinds {
		names = append(names, k.Name())
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (a *app) runEmulator(ctx context.Context, args emulatorArgs) error {
	k, ok := emulator.Lookup(args.provider)
	if !ok {
		return usagef("--provider must be %s, got %q", kindNames(emulator.Kinds()), args.provider)
	}
	s := args.settings
	if err := k.CheckEmulatorFlags(s); err != nil {
		return usageError{err: err}
	}
	if err := checkEmulatorFlags(args, &s); err != nil {
		return err
	}
	if args.state != "" {
		st, err := emulator.OpenBolt(args.state)
		if errors.Is(err, emulator.ErrStateInUse) {
			return fmt.Errorf("--state %s is in use by another emulator: stop it, or give another --state", args.state)
		}
		if err != nil {
			return err
		}
		s.Store = st
	}
	s.Logger = slog.New(slog.NewTextHandler(a.stderr, nil))
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var readyErr error
	err := k.ServeEmulator(ctx, s, func(ad emulator.Addrs, serves string) {
		banner := fmt.Sprintf("control plane: http://%s\ndata plane: http://%s\n%s", ad.ControlPlane, ad.DataPlane, serves)
		fmt.Fprint(a.stdout, banner)
		if args.readyFile != "" {
			readyErr = writeFileAtomic(args.readyFile, banner)
			if readyErr != nil {
				stop()
			}
		}
	})
	var ue emulator.UsageError
	if errors.As(err, &ue) {
		return usageError{err: ue.Err}
	}
	return errors.Join(readyErr, err)
}

// writeFileAtomic writes content to path so that a reader never sees it
// half-written.
func writeFileAtomic(path, content string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return fmt.Errorf("--ready-file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("--ready-file: %w", err)
	}
	return nil
}

// checkEmulatorFlags checks the flags every kind reads and sets s's
// access keys from them.
func checkEmulatorFlags(args emulatorArgs, s *emulator.Settings) error {
	keys := map[string]string{}
	for _, kv := range args.accessKeys {
		id, secret, ok := strings.Cut(kv, ":")
		if !ok || id == "" || secret == "" {
			return usagef("--access-key wants ID:SECRET: an access key ID, a colon and its secret")
		}
		keys[id] = secret
	}
	if len(keys) == 0 {
		return usagef("give at least one --access-key ID:SECRET for clients to sign with")
	}
	for name, v := range map[string]float64{"--error-rate": s.ErrorRate, "--throttle-rate": s.ThrottleRate} {
		if v < 0 || v > 1 {
			return usagef("%s must be from 0 to 1, got %g", name, v)
		}
	}
	if s.DeployDelay < 0 || s.QPS < 0 || s.Latency < 0 {
		return usagef("--deploy-delay, --latency and --qps cannot be negative")
	}
	s.AccessKeys = keys
	return nil
}
