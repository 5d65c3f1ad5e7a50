package cli

import (
	"cmp"
	"fmt"
	"os"

	hwemu "github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider/huawei"
)

// openHuawei connects to the Huawei Cloud APIG instance g names, or to
// the embedded Huawei gateway in --state-dir when g says local: true.
func openHuawei(g model.Gateway, t targetArgs) (*target, error) {
	if g.Local {
		return openLocalHuawei(t)
	}
	if g.ID == "" {
		return nil, fmt.Errorf("%s: gateway.id is required for provider \"huawei\": set it to the instance ID, or set local: true for the embedded Huawei gateway", g.Pos)
	}
	cfg, err := huawei.ConfigFromEnv(g.Region, g.ProjectID, t.endpoint, os.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.QPS = t.qps
	c, err := huawei.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	label := fmt.Sprintf("huawei instance %s (%s)", g.ID, g.Region)
	return &target{gw: huawei.NewGateway(c, g.ID), name: label, label: label, shut: func() {}, dataplane: t.dataplane}, nil
}

// openLocalHuawei opens the embedded Huawei gateway: an emulated instance
// whose state lives in --state-dir, next to the embedded APIG's. The
// certificates domains name are read from $GWSYNC_HUAWEI_CERT_DIR, as
// for Huawei Cloud.
func openLocalHuawei(t targetArgs) (*target, error) {
	dir, where, err := t.localState(hwemu.LocalStateFile)
	if err != nil {
		return nil, err
	}
	l, err := hwemu.StartLocal(dir)
	if err != nil {
		return nil, err
	}
	c, err := huawei.NewClient(huawei.Config{Endpoint: l.Endpoint, ProjectID: l.ProjectID, AccessKey: l.AccessKey, SecretKey: l.SecretKey,
		CertDir: os.Getenv(huawei.EnvCertDir), QPS: t.qps})
	if err != nil {
		l.Close()
		return nil, err
	}
	name := "local huawei instance " + l.InstanceID
	return &target{gw: huawei.NewGateway(c, l.InstanceID), name: name, label: fmt.Sprintf("%s (%s)", name, where),
		shut: func() { l.Close() }, dataplane: cmp.Or(t.dataplane, l.DataPlane)}, nil
}
