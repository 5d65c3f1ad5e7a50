package huawei

import (
	"fmt"

	"github.com/gwsync/gwsync/emulator"
)

// LocalStateFile is the state file of the embedded gateway inside its
// state directory.
const LocalStateFile = "local-huawei-gateway.db"

// Local is the embedded gateway behind a desired state with
// gateway.local: an emulated instance in this process, over a state
// directory, reachable on loopback ports with a key made for this process
// only.
type Local struct {
	Server *Server
	// Endpoint is the control plane's URL (plain HTTP, loopback), for the
	// SDK's WithEndpoint.
	Endpoint string
	// DataPlane is the data plane's host:port.
	DataPlane string
	// AccessKey and SecretKey sign calls to Endpoint.
	AccessKey, SecretKey string
	// ProjectID and InstanceID name the emulated instance.
	ProjectID, InstanceID string

	loopback *emulator.Loopback
}

// StartLocal opens the embedded gateway whose state lives in dir (created
// if missing; "" keeps it in memory) and starts serving it on loopback
// ports. Close it when done.
func StartLocal(dir string) (*Local, error) {
	st, err := emulator.LocalStore(dir, LocalStateFile)
	if err != nil {
		return nil, err
	}
	ak, sk := emulator.NewLocalKey()
	srv, err := New(Config{AccessKeys: map[string]string{ak: sk}, Store: st})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("local gateway: %w", err)
	}
	lb, err := emulator.ListenLoopback(srv.Handler(), srv.DataPlane())
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &Local{Server: srv, Endpoint: "http://" + lb.Addrs[0], DataPlane: lb.Addrs[1],
		AccessKey: ak, SecretKey: sk, ProjectID: srv.ProjectID(), InstanceID: srv.InstanceID(), loopback: lb}, nil
}

// Close stops serving and closes the state.
func (l *Local) Close() error {
	l.loopback.Close()
	return l.Server.Close()
}
