package emulator

import (
	"fmt"
	"net"
	"net/http"

	"github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// LocalHuaweiStateFile is the state file of the embedded Huawei gateway
// inside its state directory.
const LocalHuaweiStateFile = "local-huawei-gateway.db"

// LocalHuawei is the embedded Huawei Cloud APIG: an emulated instance in
// this process, over a state directory, reachable on loopback ports with
// a key made for this process only.
type LocalHuawei struct {
	Server *huawei.Server
	// Endpoint is the control plane's URL (plain HTTP, loopback), for the
	// SDK's WithEndpoint.
	Endpoint string
	// DataPlane is the data plane's host:port.
	DataPlane string
	// AccessKey and SecretKey sign calls to Endpoint.
	AccessKey, SecretKey string
	// ProjectID and InstanceID name the emulated instance.
	ProjectID, InstanceID string

	servers []*http.Server
}

// StartLocalHuawei opens the embedded Huawei gateway whose state lives in
// dir (created if missing; "" keeps it in memory) and starts serving it on
// loopback ports. Close it when done.
func StartLocalHuawei(dir string) (*LocalHuawei, error) {
	st, err := localStore(dir, LocalHuaweiStateFile)
	if err != nil {
		return nil, err
	}
	secret := randomSecret()
	srv, err := huawei.New(huawei.Config{AccessKeys: map[string]string{localAccessKey: secret}, Store: st})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("local gateway: %w", err)
	}
	l := &LocalHuawei{Server: srv, AccessKey: localAccessKey, SecretKey: secret,
		ProjectID: srv.ProjectID(), InstanceID: srv.InstanceID()}
	if err := l.listen(); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

func (l *LocalHuawei) listen() error {
	var ctl string
	for _, h := range []struct {
		addr *string
		h    http.Handler
	}{{&ctl, l.Server.Handler()}, {&l.DataPlane, l.Server.DataPlane()}} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("local gateway: %w", err)
		}
		hs := serving.NewServer(h.h)
		go hs.Serve(ln)
		*h.addr = ln.Addr().String()
		l.servers = append(l.servers, hs)
	}
	l.Endpoint = "http://" + ctl
	return nil
}

// Close stops serving and closes the state.
func (l *LocalHuawei) Close() error {
	for _, hs := range l.servers {
		hs.Close()
	}
	return l.Server.Close()
}
