package huawei

import (
	"fmt"
	"os"

	hwemu "github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider"
	"github.com/gwsync/gwsync/provider/huawei"
)

// OpenGateway connects to the Huawei Cloud APIG instance g names, or to
// the embedded Huawei gateway when g says local: true.
func (Kind) OpenGateway(g model.Gateway, o provider.Options) (*provider.Target, error) {
	if g.Local {
		return openLocal(o)
	}
	if g.ID == "" {
		return nil, fmt.Errorf("%s: gateway.id is required for provider \"huawei\": set it to the instance ID, or set local: true for the embedded Huawei gateway", g.Pos)
	}
	cfg, err := huawei.ConfigFromEnv(g.Region, g.ProjectID, o.Endpoint, os.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.QPS = o.QPS
	c, err := huawei.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	label := fmt.Sprintf("huawei instance %s (%s)", g.ID, g.Region)
	return &provider.Target{Gateway: huawei.NewGateway(c, g.ID), Name: label, Label: label, Close: func() {}}, nil
}

// openLocal opens the embedded Huawei gateway: an emulated instance whose
// state lives in the state directory, next to the embedded APIG's. The
// certificates domains name are read from $GWSYNC_HUAWEI_CERT_DIR, as for
// Huawei Cloud.
func openLocal(o provider.Options) (*provider.Target, error) {
	dir, where, err := o.LocalState(hwemu.LocalStateFile)
	if err != nil {
		return nil, err
	}
	l, err := hwemu.StartLocal(dir)
	if err != nil {
		return nil, err
	}
	c, err := huawei.NewClient(huawei.Config{Endpoint: l.Endpoint, ProjectID: l.ProjectID, AccessKey: l.AccessKey, SecretKey: l.SecretKey,
		CertDir: os.Getenv(huawei.EnvCertDir), QPS: o.QPS})
	if err != nil {
		l.Close()
		return nil, err
	}
	name := "local huawei instance " + l.InstanceID
	return &provider.Target{Gateway: huawei.NewGateway(c, l.InstanceID), Name: name, Label: fmt.Sprintf("%s (%s)", name, where),
		Close: func() { l.Close() }, DataPlane: l.DataPlane}, nil
}

// GatewayName names the instance g declares: "local huawei instance" for
// the embedded one (its ID is known once it is open), else "huawei
// instance" and gateway.id.
func (Kind) GatewayName(g model.Gateway) string {
	if g.Local {
		return "local huawei instance"
	}
	return "huawei instance " + g.ID
}

// EmbeddedGateway describes the embedded Huawei gateway that
// gateway.local selects.
func (Kind) EmbeddedGateway(g model.Gateway) (provider.Embedded, bool) {
	if !g.Local {
		return provider.Embedded{}, false
	}
	return provider.Embedded{Selected: "gateway.local: true", Runs: "gwsync's embedded Huawei gateway",
		Instead: "(gwsync emulator serve --provider huawei), remove local: true and set gateway.id and gateway.projectId to the instance and project it prints"}, true
}

// CLITexts are the kind's words in the CLI's flag help.
func (Kind) CLITexts() provider.Texts {
	return provider.Texts{EndpointVariable: huawei.EnvEndpoint, EmbeddedSelector: `"huawei" with local: true`}
}
