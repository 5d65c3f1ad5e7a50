// Package serving holds what the emulators of every gateway kind do alike
// around their APIs: serving a control plane and a data plane until told
// to stop, and the per-key rate limits of the faults they inject.
package serving

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/time/rate"
)

// Addrs are the addresses a running emulator listens on.
type Addrs struct {
	ControlPlane, DataPlane string
}

// Serve runs control on controlAddr and data on dataAddr until ctx ends,
// then shuts both down, letting calls in flight finish. ready is called
// with the bound addresses once both listen.
func Serve(ctx context.Context, controlAddr, dataAddr string, control, data http.Handler, ready func(Addrs)) error {
	cl, err := net.Listen("tcp", controlAddr)
	if err != nil {
		return fmt.Errorf("control plane: %w", err)
	}
	dl, err := net.Listen("tcp", dataAddr)
	if err != nil {
		cl.Close()
		return fmt.Errorf("data plane: %w", err)
	}
	ready(Addrs{ControlPlane: cl.Addr().String(), DataPlane: dl.Addr().String()})
	g, ctx := errgroup.WithContext(ctx)
	for _, srv := range []struct {
		l net.Listener
		h http.Handler
	}{{cl, control}, {dl, data}} {
		g.Go(func() error { return serveUntil(ctx, srv.l, srv.h) })
	}
	return g.Wait()
}

// shutdownGrace bounds how long calls in flight may take at shutdown.
const shutdownGrace = 5 * time.Second

// Timeouts of every server an emulator runs: a client gets HeaderTimeout
// to send a request's headers and BodyTimeout to send all of it, so a
// slow or stalled client cannot hold a connection (or the emulator's
// lock, while a handler waits on its body) for ever; an idle keep-alive
// connection is closed after IdleTimeout.
const (
	HeaderTimeout = 10 * time.Second
	BodyTimeout   = 30 * time.Second
	IdleTimeout   = 2 * time.Minute
)

// NewServer is an http.Server for h with the emulators' timeouts.
func NewServer(h http.Handler) *http.Server { return newServer(h, BodyTimeout) }

func newServer(h http.Handler, body time.Duration) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: min(HeaderTimeout, body), ReadTimeout: body, IdleTimeout: IdleTimeout}
}

func serveUntil(ctx context.Context, l net.Listener, h http.Handler) error {
	hs := NewServer(h)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Limiters holds one token bucket per access key, each allowing qps calls
// a second with a burst of one second's worth.
type Limiters struct {
	qps float64
	mu  sync.Mutex
	by  map[string]*rate.Limiter
}

// NewLimiters limits each access key to qps calls a second (0: no limit).
func NewLimiters(qps float64) *Limiters {
	return &Limiters{qps: qps, by: map[string]*rate.Limiter{}}
}

// Allow takes a token for accessKey, if there is a limit.
func (l *Limiters) Allow(accessKey string) bool {
	if l.qps <= 0 {
		return true
	}
	l.mu.Lock()
	lim, ok := l.by[accessKey]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(l.qps), max(1, int(l.qps)))
		l.by[accessKey] = lim
	}
	l.mu.Unlock()
	return lim.Allow()
}

// SnapshotJSON is v encoded now, as a json.RawMessage, so that an answer
// encoded after the state's lock is released cannot see a record the next
// call changes; nil stays nil (no body), and what does not encode is left
// as it is, for the response to report.
func SnapshotJSON(v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	return json.RawMessage(b)
}
