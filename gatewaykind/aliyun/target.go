package aliyun

import (
	"fmt"
	"os"
	"strings"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// localDeployDelay is how long a deploy on the embedded gateway takes.
const localDeployDelay = 20 * time.Millisecond

// OpenGateway connects to the gateway g names: the embedded gateway
// (provider "local"), or Alibaba Cloud APIG with credentials from the
// environment.
func (Kind) OpenGateway(g model.Gateway, o provider.Options) (*provider.Target, error) {
	if g.Provider == "local" {
		return openLocal(o)
	}
	return openCloud(g, o)
}

// openLocal starts the embedded gateway over its state directory and
// connects to it.
func openLocal(o provider.Options) (*provider.Target, error) {
	dir, where, err := o.LocalState(apigemu.LocalStateFile)
	if err != nil {
		return nil, err
	}
	l, err := apigemu.StartLocal(dir, localDeployDelay)
	if err != nil {
		return nil, err
	}
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: "http://" + l.Endpoint, AccessKeyID: l.AccessKeyID, AccessKeySecret: l.AccessKeySecret, QPS: o.QPS})
	if err != nil {
		l.Close()
		return nil, err
	}
	id := l.Server.GatewayID()
	name := "local gateway " + id
	return &provider.Target{Gateway: aliyun.NewGateway(c, id), Name: name, Label: fmt.Sprintf("%s (%s)", name, where),
		Close: func() { l.Close() }, DataPlane: l.DataPlane, PollInterval: localDeployDelay}, nil
}

// openCloud connects to the Alibaba Cloud APIG gateway g names.
func openCloud(g model.Gateway, o provider.Options) (*provider.Target, error) {
	if g.ID == "" {
		return nil, fmt.Errorf("%s: gateway.id is required for provider \"aliyun\": set it to the gateway's ID (gw-...)", g.Pos)
	}
	cfg, err := aliyun.ConfigFromEnv(g.Region, o.Endpoint, os.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.QPS = o.QPS
	c, err := aliyun.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	label := fmt.Sprintf("aliyun gateway %s (%s)", g.ID, g.Region)
	return &provider.Target{Gateway: aliyun.NewGateway(c, g.ID), Name: label, Label: label, Close: func() {}}, nil
}

// GatewayName names the gateway g declares: "local gateway" for the
// embedded one (its ID is known once it is open), else "aliyun gateway"
// and gateway.id.
func (Kind) GatewayName(g model.Gateway) string {
	if g.Provider == "local" {
		return "local gateway"
	}
	return strings.TrimSpace("aliyun gateway " + g.ID)
}

// EmbeddedGateway describes the embedded gateway provider "local"
// selects.
func (Kind) EmbeddedGateway(g model.Gateway) (provider.Embedded, bool) {
	if g.Provider != "local" {
		return provider.Embedded{}, false
	}
	return provider.Embedded{Selected: `gateway.provider "local"`, Runs: "gwsync's embedded gateway",
		Instead: `(gwsync emulator serve), set gateway.provider: "aliyun" and gateway.id to a gateway it serves (its --gateway-id)`}, true
}

// CLITexts are the kind's words in the CLI's flag help.
func (Kind) CLITexts() provider.Texts {
	return provider.Texts{EndpointVariable: aliyun.EnvEndpoint, EmbeddedSelector: `gateway.provider "local"`,
		DataplaneDefault: "none for aliyun"}
}
