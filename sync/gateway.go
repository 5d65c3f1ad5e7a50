package sync

import (
	"context"

	"github.com/gwsync/gwsync/model"
)

// Gateway is what plan and apply need of a provider: one small interface
// each cloud's package implements over its own API client.
type Gateway interface {
	// Read reads the whole live gateway.
	Read(ctx context.Context) (*model.Live, error)
	// Execute makes one change. ids resolves resource paths
	// (model.ServicePath, model.EnvironmentPath, model.AttachmentKey, ...)
	// to live IDs, including those of resources created earlier in the
	// same apply. It returns the live ID of what it created (create,
	// replace, attach), or "".
	Execute(ctx context.Context, c *Change, ids IDs) (string, error)
	// DeployStatus reads the deploy state of a route of an HTTP API.
	DeployStatus(ctx context.Context, apiID, routeID string) (model.Deploy, error)
}

// IDs resolves resource paths to live IDs.
type IDs interface {
	// Lookup returns the live ID of the resource at path.
	Lookup(path string) (id string, ok bool)
}
