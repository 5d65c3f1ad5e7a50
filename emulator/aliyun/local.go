package aliyun

import (
	"fmt"
	"time"

	"github.com/gwsync/gwsync/emulator"
)

// LocalStateFile is the state file of the embedded gateway inside its
// state directory.
const LocalStateFile = "local-gateway.db"

// Local is the embedded gateway behind `gateway.provider: "local"`: an
// emulator in this process, over a state directory, reachable on a
// loopback port with a key made for this process only.
type Local struct {
	Server *Server
	// Endpoint is the control plane's host:port (plain HTTP, loopback).
	Endpoint string
	// DataPlane is the data plane's host:port.
	DataPlane string
	// AccessKeyID and AccessKeySecret sign calls to Endpoint.
	AccessKeyID, AccessKeySecret string

	loopback *emulator.Loopback
}

// StartLocal opens the embedded gateway whose state lives in dir (created
// if missing) and starts serving it on loopback ports; with dir "" it
// keeps its state in memory, for a command that must create nothing.
// Deploys settle after deployDelay. Close it when done.
func StartLocal(dir string, deployDelay time.Duration) (*Local, error) {
	st, err := emulator.LocalStore(dir, LocalStateFile)
	if err != nil {
		return nil, err
	}
	id, secret := emulator.NewLocalKey()
	srv, err := New(Config{AccessKeys: map[string]string{id: secret}, Store: st, DeployDelay: deployDelay})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("local gateway: %w", err)
	}
	lb, err := emulator.ListenLoopback(srv.Handler(), srv.DataPlane())
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &Local{Server: srv, Endpoint: lb.Addrs[0], DataPlane: lb.Addrs[1],
		AccessKeyID: id, AccessKeySecret: secret, loopback: lb}, nil
}

// Close stops serving and closes the state.
func (l *Local) Close() error {
	l.loopback.Close()
	return l.Server.Close()
}
