package aliyun

import (
	"context"
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/emulator"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// EmulatorServeHelp is the APIG emulator's part of serve's help; it is
// the default.
func (Kind) EmulatorServeHelp() emulator.ServeHelp {
	return emulator.ServeHelp{
		Default: true,
		Serves: `Serve runs a local Alibaba Cloud APIG gateway (--provider aliyun, the default): the
APIG 2024-03-27 control-plane API at its real paths (signed with ACS3-HMAC-SHA256 by the
keys given with --access-key), and a data plane that forwards HTTP traffic for deployed
routes. It prints both addresses and the gateway ID on start, logs each call to stderr,
and stops cleanly on SIGINT or SIGTERM.`,
		Gateways: `A gateway is created on first use with the environments named by --environments, with
the ID --gateway-id gives (default: a new gw- ID). --gateway-id may be repeated: one
account holds many gateways, and the emulator serves each at the same endpoint, so a
desired state whose gateway.id names one plans against it unchanged; a gateway it does
not serve is NotFound.GatewayNotFound. The data plane serves them all, a request going to
the gateway with a route deployed on its Host. It prints each gateway's ID and the IDs of
its environments.`,
		Examples: []string{`  gwsync emulator serve --listen 127.0.0.1:9080 --dataplane 127.0.0.1:9081 \
      --state gateway.db --access-key testAK:testSecret --deploy-delay 2s`,
			`  gwsync emulator serve --access-key testAK:testSecret --gateway-id gw-orders-prod --gateway-id gw-orders-staging`},
	}
}

// CheckEmulatorFlags refuses --project-id: an APIG gateway has none.
func (Kind) CheckEmulatorFlags(s emulator.Settings) error {
	if s.ProjectID != "" {
		return fmt.Errorf("--project-id is for --provider huawei: an APIG gateway is named by --gateway-id alone")
	}
	return nil
}

// ServeEmulator serves an emulated APIG account holding the gateways
// s.GatewayIDs names until ctx ends.
func (Kind) ServeEmulator(ctx context.Context, s emulator.Settings, ready func(emulator.Addrs, string)) error {
	acct, err := apigemu.NewAccount(apigemu.Config{AccessKeys: s.AccessKeys, Environments: s.Environments,
		DeployDelay: s.DeployDelay, Seed: s.Seed, Store: s.Store, Logger: s.Logger,
		Faults: apigemu.Faults{Latency: s.Latency, ErrorRate: s.ErrorRate, ThrottleRate: s.ThrottleRate,
			QPS: s.QPS, FailDeploys: s.FailDeploys}}, s.GatewayIDs)
	if err != nil {
		return emulator.UsageError{Err: err}
	}
	defer acct.Close()
	return acct.Serve(ctx, s.Listen, s.DataPlane, func(ad apigemu.Addrs) { ready(ad, gatewayLines(acct)) })
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
