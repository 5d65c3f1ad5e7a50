package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/emulator/huawei"
)

// runHuaweiEmulator serves a local Huawei Cloud APIG instance until
// interrupted.
func (a *app) runHuaweiEmulator(ctx context.Context, args emulatorArgs) error {
	cfg, err := huaweiConfig(args)
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
	srv, err := huawei.New(cfg)
	if err != nil {
		return err
	}
	defer srv.Close()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var readyErr error
	err = srv.Serve(ctx, args.listen, args.dataplane, func(ad huawei.Addrs) {
		banner := fmt.Sprintf("control plane: http://%s\ndata plane: http://%s\ninstance: %s\nproject: %s\n",
			ad.ControlPlane, ad.DataPlane, srv.InstanceID(), srv.ProjectID())
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

// huaweiConfig checks the flags (as for Alibaba; deploys are synchronous
// on Huawei, so --fail-deploy does not apply) and turns them into a
// configuration.
func huaweiConfig(args emulatorArgs) (huawei.Config, error) {
	if len(args.faults.FailDeploys) > 0 {
		return huawei.Config{}, usagef("--fail-deploy is for --provider aliyun: Huawei publishes synchronously")
	}
	if len(args.gatewayIDs) > 1 {
		return huawei.Config{}, usagef("--provider huawei serves one instance: give --gateway-id once")
	}
	cfg, err := emulatorConfig(args)
	if err != nil {
		return huawei.Config{}, err
	}
	f := cfg.Faults
	return huawei.Config{AccessKeys: cfg.AccessKeys, Environments: cfg.Environments, Seed: cfg.Seed,
		InstanceID: first(args.gatewayIDs), ProjectID: args.projectID,
		Faults: huawei.Faults{Latency: f.Latency, ErrorRate: f.ErrorRate, ThrottleRate: f.ThrottleRate, QPS: f.QPS}}, nil
}

// first is the first of a list, or "".
func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}
