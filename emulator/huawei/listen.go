package huawei

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
)

// Addrs are the addresses a running emulator listens on.
type Addrs struct {
	ControlPlane, DataPlane string
}

// Serve runs the control plane on controlAddr and the data plane on
// dataAddr until ctx ends, then shuts both down, letting calls in flight
// finish. ready is called with the bound addresses once both listen.
func (s *Server) Serve(ctx context.Context, controlAddr, dataAddr string, ready func(Addrs)) error {
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
	}{{cl, s.Handler()}, {dl, s.DataPlane()}} {
		g.Go(func() error { return serveUntil(ctx, srv.l, srv.h) })
	}
	return g.Wait()
}

// shutdownGrace bounds how long calls in flight may take at shutdown.
const shutdownGrace = 5 * time.Second

func serveUntil(ctx context.Context, l net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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
