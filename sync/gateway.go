package sync

import (
	"context"
	"fmt"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Gateway is what plan and apply need of a provider: one small interface
// each cloud's package implements over its own API client.
type Gateway interface {
	// Read reads the whole live gateway.
	Read(ctx context.Context) (*model.Live, error)
	// Execute makes one change. ids resolves resource paths (as the
	// gateway kind names its resources) to live IDs, including those of
	// resources created earlier in the same apply. It returns the live ID
	// of what it created (create, replace, attach), or "".
	Execute(ctx context.Context, c *Change, ids IDs) (string, error)
	// DeployStatus reads the deploy state of a route of an HTTP API.
	DeployStatus(ctx context.Context, apiID, routeID string) (model.Deploy, error)
}

// Preflighter is what a Gateway also implements when some changes need
// more than its API: what the machine running apply holds, such as the
// certificate files a domain is bound with. Preflight checks that
// for plan p of desired state d before anything is applied, and returns
// what would make a change fail as findings at d's positions (errors make
// the plan unusable, as validate's do).
type Preflighter interface {
	Preflight(d *model.Desired, p *Plan) []diag.Finding
}

// Preflight returns gw's preflight findings on plan p of desired state d,
// none when gw has nothing to check (see Preflighter).
func Preflight(gw Gateway, d *model.Desired, p *Plan) []diag.Finding {
	if pf, ok := gw.(Preflighter); ok {
		return pf.Preflight(d, p)
	}
	return nil
}

// IDs resolves resource paths to live IDs.
type IDs interface {
	// Lookup returns the live ID of the resource at path.
	Lookup(path string) (id string, ok bool)
}

// Resolve returns the live ID of the resource at path through ids, for
// change c of a provider's Execute; the error names c when path is
// neither live nor created earlier in the apply.
func Resolve(ids IDs, c *Change, path string) (string, error) {
	if ids != nil {
		if id, ok := ids.Lookup(path); ok && id != "" {
			return id, nil
		}
	}
	return "", fmt.Errorf("%s: %s is neither live nor created earlier in this apply", c.Label(), path)
}

// Target is the live ID change c acts on: its ID, or the ID of its
// resource created earlier in the same apply.
func Target(ids IDs, c *Change) (string, error) {
	if c.ID != "" {
		return c.ID, nil
	}
	return Resolve(ids, c, c.Resource)
}

// DocumentAs returns document d of change c (its side, "before" or
// "after") as the type its kind calls for, or an error naming c.
func DocumentAs[D Document](c *Change, d Document, side string) (D, error) {
	v, ok := d.(D)
	var zero D
	if !ok || any(v) == any(zero) {
		return zero, fmt.Errorf("%s: the change has no %s document of type %T (it has %T)", c.Label(), side, zero, d)
	}
	return v, nil
}
