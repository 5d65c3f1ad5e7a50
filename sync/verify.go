package sync

import (
	"context"
	"fmt"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/model"
)

// Verifier is offered by gateways that can check, after an apply, that
// its changes took effect, with the reads the orchestration guide's
// section 6 names.
type Verifier interface {
	// RouteState reads a route (GetHttpApiRoute): its deploy state and
	// the names of the domains it serves on (domainInfos).
	RouteState(ctx context.Context, apiID, routeID string) (RouteState, error)
	// AttachmentState reads one policy attachment (GetPolicyAttachment).
	AttachmentState(ctx context.Context, attachmentID string) (AttachmentState, error)
	// DomainStatistics reads a domain with its statistics (GetDomain with
	// withStatistics=true).
	DomainStatistics(ctx context.Context, domainID string) (DomainStatistics, error)
}

// RouteState is a live route's deploy state and the names of the domains
// it is bound to.
type RouteState struct {
	Deploy  model.Deploy
	Domains []string
}

// AttachmentState is a live policy attachment: where it is attached.
type AttachmentState struct {
	// ResourceID and ResourceType say what the policy is attached to
	// (ResourceType as the kind's attachments spell it).
	ResourceID, ResourceType string
	GatewayID                string
}

// DomainStatistics counts the routes bound to a domain.
type DomainStatistics struct {
	// DeployedRoutes counts the routes online on the domain.
	DeployedRoutes int
}

// Verification is what Verify checks: the plan just applied, the desired
// state it came from, and the live IDs after the apply.
type Verification struct {
	Desired *model.Desired
	Plan    *Plan
	IDs     IDs
	// GatewayID is the live gateway's ID, which attachments must name.
	GatewayID string
	// Parallelism bounds the reads in flight.
	Parallelism int
	// Routes holds route states already read (by route path): the reads
	// that ended apply's deploy waits (Result.Routes). A route found here
	// is not read again.
	Routes map[string]RouteState
}

// Verify checks, after an apply, each change that the guide's section 6
// says to check: every deployed route is Deployed in its environment on
// all its domains; every attachment made is attached to the resource and
// gateway intended; every domain those routes use counts them as
// deployed. It returns one error per check that fails, each naming the
// resource and its position. A gateway that is no Verifier is not
// checked (nil).
func Verify(ctx context.Context, gw Gateway, v Verification) []error {
	vr, ok := gw.(Verifier)
	if !ok {
		return nil
	}
	checks := verifyChecks(v)
	errs := make([]error, len(checks))
	var g errgroup.Group
	g.SetLimit(max(v.Parallelism, 1))
	for i, check := range checks {
		g.Go(func() error {
			errs[i] = check(ctx, vr)
			return nil
		})
	}
	_ = g.Wait()
	return slices.DeleteFunc(errs, func(err error) bool { return err == nil })
}

// A check is one verification read and its judgement.
type check func(ctx context.Context, vr Verifier) error

// verifyChecks lists the checks a plan calls for, in plan order, then
// one per domain the deployed routes use.
func verifyChecks(v Verification) []check {
	routes := map[string]*VerifiedRoute{}
	for _, k := range planners() {
		for _, r := range k.VerifiedRoutes(v.Desired) {
			routes[r.Path] = &r
		}
	}
	var out []check
	domains := map[string]int{}        // domain name -> desired routes deployed on it
	domainPaths := map[string]string{} // domain name -> its resource path
	for _, c := range v.Plan.Changes {
		switch {
		case c.Action == Deploy && routes[c.Resource] != nil:
			out = append(out, v.routeCheck(c, routes[c.Resource]))
			for _, d := range routes[c.Resource].Domains {
				domains[d.Name] = 0
				domainPaths[d.Name] = d.Path
			}
		case c.Action == Attach:
			out = append(out, v.attachmentCheck(c))
		}
	}
	for _, r := range routes {
		for _, d := range r.Domains {
			if _, ok := domains[d.Name]; ok {
				domains[d.Name]++
			}
		}
	}
	for _, name := range sortedKeys(domains) {
		out = append(out, v.domainCheck(name, domainPaths[name], domains[name]))
	}
	return out
}

// routeCheck: the route is Deployed, in its environment, on its domains.
func (v Verification) routeCheck(c *Change, r *VerifiedRoute) check {
	return func(ctx context.Context, vr Verifier) error {
		st, err := v.routeState(ctx, vr, r)
		d, domains := st.Deploy, st.Domains
		switch {
		case err != nil:
			return v.failed(c, err)
		case d.Status != StatusDeployed:
			return v.failed(c, fmt.Errorf("deployStatus is %s, not Deployed %s", d.Status, d.ErrorMessage))
		case r.Environment != "" && d.Environment != r.Environment:
			return v.failed(c, fmt.Errorf("deployed in environment %q, not %q", d.Environment, r.Environment))
		}
		for _, want := range r.Domains {
			if !slices.Contains(domains, want.Name) {
				return v.failed(c, fmt.Errorf("domainInfos lists %v, without %s", domains, want.Name))
			}
		}
		return nil
	}
}

// routeState is the route's state as apply's last read saw it, or as
// read now.
func (v Verification) routeState(ctx context.Context, vr Verifier, r *VerifiedRoute) (RouteState, error) {
	if st, ok := v.Routes[r.Path]; ok {
		return st, nil
	}
	apiID, _ := v.IDs.Lookup(r.APIPath)
	routeID, _ := v.IDs.Lookup(r.Path)
	return vr.RouteState(ctx, apiID, routeID)
}

// attachmentCheck: the attachment names the resource, type and gateway
// intended.
func (v Verification) attachmentCheck(c *Change) check {
	return func(ctx context.Context, vr Verifier) error {
		want, ok := c.After.(*AttachmentDoc)
		id, found := v.IDs.Lookup(c.Resource)
		if !ok || !found {
			return v.failed(c, fmt.Errorf("no live ID was recorded for the attachment"))
		}
		resourceID, _ := v.IDs.Lookup(want.Resource)
		got, err := vr.AttachmentState(ctx, id)
		switch {
		case err != nil:
			return v.failed(c, err)
		case got.ResourceID != resourceID || got.ResourceType != want.ResourceType:
			return v.failed(c, fmt.Errorf("attachment %s is on %s %s, not %s %s", id, got.ResourceType, got.ResourceID, want.ResourceType, resourceID))
		case v.GatewayID != "" && got.GatewayID != "" && got.GatewayID != v.GatewayID:
			return v.failed(c, fmt.Errorf("attachment %s is on gateway %s, not %s", id, got.GatewayID, v.GatewayID))
		}
		return nil
	}
}

// domainCheck: the domain counts at least the desired routes deployed on
// it.
func (v Verification) domainCheck(name, path string, routes int) check {
	return func(ctx context.Context, vr Verifier) error {
		id, _ := v.IDs.Lookup(path)
		st, err := vr.DomainStatistics(ctx, id)
		if err == nil && st.DeployedRoutes < routes {
			err = fmt.Errorf("statistics count %d deployed routes, fewer than the %d declared on it", st.DeployedRoutes, routes)
		}
		if err != nil {
			return fmt.Errorf("verify domain %s (%s): %w", name, id, err)
		}
		return nil
	}
}

func (v Verification) failed(c *Change, err error) error {
	if c.Pos.IsValid() {
		return fmt.Errorf("%s: verify %s: %w", c.Pos, c.Label(), err)
	}
	return fmt.Errorf("verify %s: %w", c.Label(), err)
}
