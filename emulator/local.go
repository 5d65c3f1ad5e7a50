package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// LocalStateFile is the state file of the embedded gateway inside its
// state directory.
const LocalStateFile = "local-gateway.db"

// localAccessKey names the key the embedded gateway makes for its caller.
const localAccessKey = "gwsync-local"

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

	servers []*http.Server
}

// StartLocal opens the embedded gateway whose state lives in dir (created
// if missing) and starts serving it on loopback ports; with dir "" it
// keeps its state in memory, for a command that must create nothing.
// Deploys settle after deployDelay. Close it when done.
func StartLocal(dir string, deployDelay time.Duration) (*Local, error) {
	st, err := localStore(dir, LocalStateFile)
	if err != nil {
		return nil, err
	}
	secret := randomSecret()
	srv, err := New(Config{AccessKeys: map[string]string{localAccessKey: secret}, Store: st, DeployDelay: deployDelay})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("local gateway: %w", err)
	}
	l := &Local{Server: srv, AccessKeyID: localAccessKey, AccessKeySecret: secret}
	if err := l.listen(); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// localStore is an embedded gateway's store: its state file in dir
// (created if missing), or memory when dir is "".
func localStore(dir, file string) (Store, error) {
	if dir == "" {
		return MemoryStore{}, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("local gateway: create state directory: %w", err)
	}
	return openLocalState(dir, file)
}

// openLocalState opens an embedded gateway's state file in dir; one that
// another gwsync holds says so in the CLI's terms.
func openLocalState(dir, file string) (*BoltStore, error) {
	st, err := OpenBolt(filepath.Join(dir, file))
	if errors.Is(err, ErrStateInUse) {
		return nil, fmt.Errorf("local gateway: its state in %s is in use by another gwsync (an apply, plan, drift or dump running now, or gwsync emulator serve): wait for it to finish, or give another --state-dir", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("local gateway: %w", err)
	}
	return st, nil
}

func (l *Local) listen() error {
	for _, h := range []struct {
		addr *string
		h    http.Handler
	}{{&l.Endpoint, l.Server.Handler()}, {&l.DataPlane, l.Server.DataPlane()}} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("local gateway: %w", err)
		}
		hs := serving.NewServer(h.h)
		go hs.Serve(ln)
		*h.addr = ln.Addr().String()
		l.servers = append(l.servers, hs)
	}
	return nil
}

// Close stops serving and closes the state.
func (l *Local) Close() error {
	for _, hs := range l.servers {
		hs.Close()
	}
	return l.Server.Close()
}

func randomSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
