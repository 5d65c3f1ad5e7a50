package sync

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gwsync/gwsync/model"
)

// execute makes one change: the call, tried again while its route is
// busy; the adoption of what a create finds already there; and, for a
// deploy or undeploy, the wait until the route settles. started is
// called once the change holds a worker slot. It reports whether the
// change's resource was adopted.
func (r *run) execute(c *Change, started func()) (adopted bool, err error) {
	id, err := r.executeWhenIdle(c, started)
	var exists *ExistsError
	if errors.As(err, &exists) {
		return true, r.adoptExisting(c, exists)
	}
	if err != nil {
		return false, err
	}
	if id != "" {
		r.recordID(c.Resource, id)
	}
	if c.Kind == KindRoute && (c.Action == Deploy || c.Action == Undeploy) {
		// Only a route deploys asynchronously; a deploy of another
		// resource kind is done when its call returns.
		return false, r.poll(c, time.Now().Add(r.opts.DeployTimeout), settled)
	}
	return false, nil
}

// readRoute reads a route's state: with its domains when the gateway is
// a Verifier, else its deploy state alone.
func (r *run) readRoute(ctx context.Context, apiID, routeID string) (RouteState, error) {
	if vr, ok := r.gw.(Verifier); ok {
		return vr.RouteState(ctx, apiID, routeID)
	}
	d, err := r.gw.DeployStatus(ctx, apiID, routeID)
	return RouteState{Deploy: d}, err
}

// executeWhenIdle makes the change's call. When the gateway refuses it
// because a route it touches is mid-deploy (ErrBusy: a change to the
// route, or to a policy attachment of the route), it waits for the route
// to settle and tries again, until the deploy timeout (the guide's
// section 7: a route's changes, attachments and deploys are serialised).
// A change whose turn for a worker slot comes after an interrupt is not
// started (errNotStarted).
func (r *run) executeWhenIdle(c *Change, started func()) (string, error) {
	deadline := time.Now().Add(r.opts.DeployTimeout)
	for attempt := 0; ; attempt++ {
		id, err := call(r, func(ctx context.Context) (string, error) {
			if attempt == 0 && r.stop.Err() != nil {
				return "", errNotStarted
			}
			started()
			return r.gw.Execute(ctx, c, r)
		})
		route, ok := r.busyRoute(c)
		if !ok || !errors.Is(err, ErrBusy) {
			return id, err
		}
		if werr := r.poll(route, deadline, idle); werr != nil {
			return "", fmt.Errorf("%w; waiting for it to settle: %w", err, werr)
		}
	}
}

// busyRoute is the route whose deploy state a change waits on when the
// gateway says it is busy: the route a route change or a deploy is about,
// or the route an attachment change attaches to.
func (r *run) busyRoute(c *Change) (*Change, bool) {
	switch c.Kind {
	case KindRoute:
		return c, true
	case KindAttachment:
		path := AttachTarget(c)
		api, ok := r.routeAPI[path]
		if !ok {
			return nil, false
		}
		id, _ := r.Lookup(path)
		return &Change{Action: c.Action, Kind: KindRoute, API: api, Resource: path, ID: id}, true
	}
	return nil, false
}

// A settledFunc says whether a route's deploy state ends a wait of a
// change, and with what error.
type settledFunc func(a Action, d model.Deploy) (bool, error)

// maxFailedReads is how many deploy-state reads in a row may fail before
// a wait gives up: a read that fails (after the provider's own retries)
// says nothing about the deploy, which goes on at the gateway.
const maxFailedReads = 5

// poll reads a route's deploy state with backoff until done says the
// wait is over, the deadline passes or the apply is interrupted. A read
// that fails is read again, as long as the deadline allows and no more
// than maxFailedReads fail in a row. Between reads it holds no worker
// slot.
func (r *run) poll(c *Change, deadline time.Time, done settledFunc) error {
	apiID, routeID := r.routeIDs(c)
	wait := r.opts.PollInterval
	failed := 0
	for {
		if err := r.sleep(min(wait, time.Until(deadline))); err != nil {
			return err
		}
		st, err := call(r, func(ctx context.Context) (RouteState, error) { return r.readRoute(ctx, apiID, routeID) })
		if err != nil {
			if failed++; failed >= maxFailedReads || !time.Now().Before(deadline) {
				return fmt.Errorf("reading the route's deploy state failed %d times in a row (the deploy may go on at the gateway): %w", failed, err)
			}
			wait = min(2*wait, r.opts.MaxPollInterval)
			continue
		}
		failed = 0
		d := st.Deploy
		if over, err := done(c.Action, d); over {
			if err == nil && c.Action == Deploy {
				r.recordRoute(c.Resource, st)
			}
			return err
		}
		if !time.Now().Before(deadline) {
			return fmt.Errorf("still %s after %s (--deploy-timeout)", d.Status, r.opts.DeployTimeout)
		}
		wait = min(2*wait, r.opts.MaxPollInterval)
	}
}

// sleep waits d, or returns an error when the apply is interrupted.
func (r *run) sleep(d time.Duration) error {
	t := time.NewTimer(max(d, 0))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-r.stop.Done():
		return errors.New("interrupted while waiting for the route's deploy state: the deploy goes on at the gateway; run apply again to see it through")
	}
}

// routeIDs are the live IDs of a route change's HTTP API (at the path
// the route's gateway kind gives it) and route.
func (r *run) routeIDs(c *Change) (apiID, routeID string) {
	if k := ownerOf(c); k != nil {
		apiID, _ = r.Lookup(k.RouteAPIPath(c.API))
	}
	routeID = c.ID
	if id, ok := r.Lookup(c.Resource); ok && routeID == "" {
		routeID = id
	}
	return apiID, routeID
}

// settled ends the wait of a deploy or undeploy.
func settled(a Action, d model.Deploy) (bool, error) {
	switch {
	case a == Deploy && d.Status == StatusDeployed:
		return true, nil
	case a == Undeploy && (d.Status == StatusNotDeployed || d.Status == ""):
		return true, nil
	case d.Status == "DeployFailed" || d.Status == "UndeployFailed":
		msg := d.ErrorMessage
		if msg == "" {
			msg = "no error message"
		}
		return true, fmt.Errorf("deploy status %s: %s", d.Status, msg)
	}
	return false, nil
}

// idle ends the wait for a busy route: any state but a transition.
func idle(_ Action, d model.Deploy) (bool, error) {
	return d.Status != "Deploying" && d.Status != "Undeploying", nil
}
