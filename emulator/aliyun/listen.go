package aliyun

import (
	"context"

	"github.com/gwsync/gwsync/emulator/internal/serving"
)

// Addrs are the addresses a running emulator listens on.
type Addrs = serving.Addrs

// Serve runs the control plane on controlAddr and the data plane on
// dataAddr until ctx ends, then shuts both down, letting calls in flight
// finish. ready is called with the bound addresses once both listen.
func (s *Server) Serve(ctx context.Context, controlAddr, dataAddr string, ready func(Addrs)) error {
	return serving.Serve(ctx, controlAddr, dataAddr, s.Handler(), s.DataPlane(), ready)
}
