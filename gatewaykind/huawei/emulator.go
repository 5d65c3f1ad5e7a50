package huawei

import (
	"context"
	"errors"

	"github.com/gwsync/gwsync/emulator"
	hwemu "github.com/gwsync/gwsync/emulator/huawei"
)

// EmulatorServeHelp is the Huawei emulator's part of serve's help.
func (Kind) EmulatorServeHelp() emulator.ServeHelp {
	return emulator.ServeHelp{
		Serves: `With --provider huawei it runs a local Huawei Cloud APIG instance instead: the APIG v2
API at /v2/{project_id}/apigw/instances/{instance_id}/..., signed with SDK-HMAC-SHA256 by
the --access-key AK:SK pairs, and a data plane serving published APIs (X-Stage picks the
environment). It prints the instance and project IDs as well: --gateway-id (once) and
--project-id give them (default: new ones), so that a desired state naming an instance,
as examples/huawei-orders does, is served as it is.`,
		Examples: []string{`  gwsync emulator serve --provider huawei --access-key testAK:testSecret --state huawei.db \
      --gateway-id f0fa1789-3b76-433b-a787-9892951c620e --project-id 73d69ae0cfcf460190522d06b60f05ad`},
		Flags: map[string]string{
			"gateway-id": "; for huawei, the instance ID (once)",
			"project-id": "huawei: the project ID of the instance (default: a new one)",
		},
	}
}

// CheckEmulatorFlags refuses --fail-deploy (deploys are synchronous on
// Huawei) and more than one --gateway-id (the emulator serves one
// instance).
func (Kind) CheckEmulatorFlags(s emulator.Settings) error {
	if len(s.FailDeploys) > 0 {
		return errors.New("--fail-deploy is for --provider aliyun: Huawei publishes synchronously")
	}
	if len(s.GatewayIDs) > 1 {
		return errors.New("--provider huawei serves one instance: give --gateway-id once")
	}
	return nil
}

// ServeEmulator serves an emulated Huawei Cloud APIG instance until ctx
// ends.
func (Kind) ServeEmulator(ctx context.Context, s emulator.Settings, ready func(emulator.Addrs, string)) error {
	srv, err := hwemu.New(hwemu.Config{AccessKeys: s.AccessKeys, Environments: s.Environments, Seed: s.Seed,
		InstanceID: first(s.GatewayIDs), ProjectID: s.ProjectID, Store: s.Store, Logger: s.Logger,
		Faults: hwemu.Faults{Latency: s.Latency, ErrorRate: s.ErrorRate, ThrottleRate: s.ThrottleRate, QPS: s.QPS}})
	if err != nil {
		return err
	}
	defer srv.Close()
	return srv.Serve(ctx, s.Listen, s.DataPlane, func(ad hwemu.Addrs) {
		ready(ad, "instance: "+srv.InstanceID()+"\nproject: "+srv.ProjectID()+"\n")
	})
}

// EmulatorConsole is nil: gwsync emulator console changes no Huawei
// emulator.
func (Kind) EmulatorConsole() emulator.Console { return nil }

// first is the first of a list, or "".
func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}
