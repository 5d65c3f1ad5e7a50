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

	"github.com/gwsync/gwsync/emulator"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// emulatorArgs are the flags of gwsync emulator serve.
type emulatorArgs struct {
	provider                 string
	listen, dataplane, state string
	readyFile                string
	accessKeys               []string
	environments             []string
	gatewayIDs               []string
	projectID                string
	deployDelay              time.Duration
	seed                     uint64
	faults                   apigemu.Faults
}

func (a *app) emulatorCommand() *cobra.Command {
	cmd := groupCommand(&cobra.Command{
		Use:   "emulator",
		Short: "Run the local APIG gateway (control plane and data plane), and change it as the console would",
	})
	cmd.AddCommand(a.emulatorServeCommand(), a.emulatorConsoleCommand())
	return cmd
}

func (a *app) emulatorServeCommand() *cobra.Command {
	var args emulatorArgs
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve a gateway's control-plane API and a data plane until interrupted",
		Long: `Serve runs a local Alibaba Cloud APIG gateway (--provider aliyun, the default): the
APIG 2024-03-27 control-plane API at its real paths (signed with ACS3-HMAC-SHA256 by the
keys given with --access-key), and a data plane that forwards HTTP traffic for deployed
routes. It prints both addresses and the gateway ID on start, logs each call to stderr,
and stops cleanly on SIGINT or SIGTERM.

With --provider huawei it runs a local Huawei Cloud APIG instance instead: the APIG v2
API at /v2/{project_id}/apigw/instances/{instance_id}/..., signed with SDK-HMAC-SHA256 by
the --access-key AK:SK pairs, and a data plane serving published APIs (X-Stage picks the
environment). It prints the instance and project IDs as well: --gateway-id (once) and
--project-id give them (default: new ones), so that a desired state naming an instance,
as examples/huawei-orders does, is served as it is.

A gateway is created on first use with the environments named by --environments, with
the ID --gateway-id gives (default: a new gw- ID). --gateway-id may be repeated: one
account holds many gateways, and the emulator serves each at the same endpoint, so a
desired state whose gateway.id names one plans against it unchanged; a gateway it does
not serve is NotFound.GatewayNotFound. The data plane serves them all, a request going to
the gateway with a route deployed on its Host. It prints each gateway's ID and the IDs of
its environments.
With --state FILE the gateways survive restarts; without it, state is in memory.`,
		Example: `  gwsync emulator serve --listen 127.0.0.1:9080 --dataplane 127.0.0.1:9081 \
      --state gateway.db --access-key testAK:testSecret --deploy-delay 2s
  gwsync emulator serve --access-key testAK:testSecret --gateway-id gw-orders-prod --gateway-id gw-orders-staging
  gwsync emulator serve --provider huawei --access-key testAK:testSecret --state huawei.db \
      --gateway-id f0fa1789-3b76-433b-a787-9892951c620e --project-id 73d69ae0cfcf460190522d06b60f05ad`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runEmulator(cmd.Context(), args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&args.provider, "provider", "aliyun", "which gateway to emulate: aliyun or huawei")
	f.StringVar(&args.listen, "listen", "127.0.0.1:9080", "control-plane address (host:port)")
	f.StringVar(&args.dataplane, "dataplane", "127.0.0.1:9081", "data-plane address (host:port)")
	f.StringVar(&args.state, "state", "", "state file (bbolt); empty keeps state in memory")
	f.StringVar(&args.readyFile, "ready-file", "", "once listening, write the addresses and gateway ID to this file (for scripts that wait for the emulator)")
	f.StringArrayVar(&args.accessKeys, "access-key", nil, "an access key pair ID:SECRET the API accepts (repeatable; at least one)")
	f.StringSliceVar(&args.environments, "environments", []string{"prod"}, "environments of a new gateway (comma-separated)")
	f.StringArrayVar(&args.gatewayIDs, "gateway-id", nil, "ID of a gateway to serve (repeatable; default: one gateway with a new ID); for huawei, the instance ID (once)")
	f.StringVar(&args.projectID, "project-id", "", "huawei: the project ID of the instance (default: a new one)")
	f.DurationVar(&args.deployDelay, "deploy-delay", 2*time.Second, "how long a route stays Deploying or Undeploying")
	f.Uint64Var(&args.seed, "seed", 1, "seed for IDs and fault decisions")
	f.DurationVar(&args.faults.Latency, "latency", 0, "latency added to every API call")
	f.Float64Var(&args.faults.ErrorRate, "error-rate", 0, "fraction of API calls answered 503 (0-1)")
	f.Float64Var(&args.faults.ThrottleRate, "throttle-rate", 0, "fraction of API calls answered Throttling.User (0-1)")
	f.Float64Var(&args.faults.QPS, "qps", 0, "API calls per second allowed per access key (0: no limit)")
	f.StringArrayVar(&args.faults.FailDeploys, "fail-deploy", nil, "route name whose next deploy fails (repeatable)")
	return cmd
}

func (a *app) runEmulator(ctx context.Context, args emulatorArgs) error {
	switch args.provider {
	case "aliyun":
		if args.projectID != "" {
			return usagef("--project-id is for --provider huawei: an APIG gateway is named by --gateway-id alone")
		}
	case "huawei":
		return a.runHuaweiEmulator(ctx, args)
	default:
		return usagef("--provider must be aliyun or huawei, got %q", args.provider)
	}
	cfg, err := emulatorConfig(args)
	if err != nil {
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
		cfg.Store = st
	}
	cfg.Logger = slog.New(slog.NewTextHandler(a.stderr, nil))
	acct, err := apigemu.NewAccount(cfg, args.gatewayIDs)
	if err != nil {
		return usagef("%v", err)
	}
	defer acct.Close()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var readyErr error
	err = acct.Serve(ctx, args.listen, args.dataplane, func(ad apigemu.Addrs) {
		banner := fmt.Sprintf("control plane: http://%s\ndata plane: http://%s\n%s", ad.ControlPlane, ad.DataPlane, gatewayLines(acct))
		fmt.Fprint(a.stdout, banner)
		if args.readyFile != "" {
			readyErr = writeFileAtomic(args.readyFile, banner)
			if readyErr != nil {
				stop()
			}
		}
	})
	return errors.Join(readyErr, err)
}

// gatewayLines names each gateway served and its environments' IDs:
// "gateway: gw-1" then "environments: prod=env-1 staging=env-2".
func gatewayLines(acct *apigemu.Account) string {
	var b strings.Builder
	for _, srv := range acct.Gateways() {
		var envs []string
		for _, e := range srv.Environments() {
			envs = append(envs, e.Name+"="+e.ID)
		}
		fmt.Fprintf(&b, "gateway: %s\nenvironments: %s\n", srv.GatewayID(), strings.Join(envs, " "))
	}
	return b.String()
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

// emulatorConfig checks the flags and turns them into a configuration.
func emulatorConfig(args emulatorArgs) (apigemu.Config, error) {
	keys := map[string]string{}
	for _, kv := range args.accessKeys {
		id, secret, ok := strings.Cut(kv, ":")
		if !ok || id == "" || secret == "" {
			return apigemu.Config{}, usagef("--access-key wants ID:SECRET: an access key ID, a colon and its secret")
		}
		keys[id] = secret
	}
	if len(keys) == 0 {
		return apigemu.Config{}, usagef("give at least one --access-key ID:SECRET for clients to sign with")
	}
	for name, v := range map[string]float64{"--error-rate": args.faults.ErrorRate, "--throttle-rate": args.faults.ThrottleRate} {
		if v < 0 || v > 1 {
			return apigemu.Config{}, usagef("%s must be from 0 to 1, got %g", name, v)
		}
	}
	if args.deployDelay < 0 || args.faults.QPS < 0 || args.faults.Latency < 0 {
		return apigemu.Config{}, usagef("--deploy-delay, --latency and --qps cannot be negative")
	}
	return apigemu.Config{AccessKeys: keys, Environments: args.environments, DeployDelay: args.deployDelay,
		Seed: args.seed, Faults: args.faults}, nil
}
