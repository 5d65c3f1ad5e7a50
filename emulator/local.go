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

	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// localAccessKey names the key an embedded gateway makes for its caller.
const localAccessKey = "gwsync-local"

// NewLocalKey is the access key an embedded gateway accepts: a fixed ID
// and a secret made for this process only.
func NewLocalKey() (id, secret string) {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return localAccessKey, hex.EncodeToString(b)
}

// LocalStore is an embedded gateway's store: its state file named file in
// dir (created if missing), or memory when dir is "". A state file that
// another gwsync holds says so in the CLI's terms.
func LocalStore(dir, file string) (Store, error) {
	if dir == "" {
		return MemoryStore{}, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("local gateway: create state directory: %w", err)
	}
	st, err := OpenBolt(filepath.Join(dir, file))
	if errors.Is(err, ErrStateInUse) {
		return nil, fmt.Errorf("local gateway: its state in %s is in use by another gwsync (an apply, plan, drift or dump running now, or gwsync emulator serve): wait for it to finish, or give another --state-dir", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("local gateway: %w", err)
	}
	return st, nil
}

// Loopback serves an embedded gateway's handlers on loopback ports of
// this process.
type Loopback struct {
	// Addrs are the host:port each handler is served at, in the order
	// given to ListenLoopback.
	Addrs   []string
	servers []*http.Server
}

// ListenLoopback serves each handler on a port of its own on 127.0.0.1.
// Close it when done.
func ListenLoopback(handlers ...http.Handler) (*Loopback, error) {
	l := &Loopback{}
	for _, h := range handlers {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			l.Close()
			return nil, fmt.Errorf("local gateway: %w", err)
		}
		hs := serving.NewServer(h)
		go hs.Serve(ln)
		l.Addrs = append(l.Addrs, ln.Addr().String())
		l.servers = append(l.servers, hs)
	}
	return l, nil
}

// Close stops serving.
func (l *Loopback) Close() {
	for _, hs := range l.servers {
		hs.Close()
	}
}
