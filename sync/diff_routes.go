package sync

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Live deploy states gwsync reads.
const (
	statusDeployed    = "Deployed"
	statusNotDeployed = "NotDeployed"
)

// routes plans the routes and their deploys, then the undeclared routes
// and the HTTP APIs that may go with them.
func (df *differ) routes() {
	for _, r := range df.d.Routes() {
		df.route(r)
	}
	for _, lr := range df.live.State.Routes() {
		if !df.declared["routes."+lr.Name] {
			df.undeclaredRoute(lr)
		}
	}
	df.pruneAPIs()
}

func (df *differ) route(r *model.Route) {
	path := r.Path()
	want := routeDoc(r, WithMarker(r.Description, df.opts.Owner))
	live := df.idx.routes[r.Name]
	if live == nil {
		df.add(&Change{Action: Create, Kind: KindRoute, Name: r.Name, API: r.API, Resource: path, After: want, Pos: r.Pos})
		df.deploy(r, "", model.Deploy{}, "a new route is deployed once created")
		return
	}
	own, ok := df.claim(KindRoute, r.Name, path, r.Pos, live.Description)
	if !ok {
		return
	}
	have := routeDoc(live, live.Description)
	if live.API != r.API {
		df.replaceRoute(r, live, have, want, own)
		return
	}
	d := df.live.Deploys[path]
	if equalDocs(have, want) || df.unmarkedOnly(KindRoute, r.Name, path, own, have, routeDoc(r, r.Description)) {
		df.deploy(r, df.id(path), d, deployReason(d, r.Environment.Name))
		return
	}
	c := &Change{Action: Update, Kind: KindRoute, Name: r.Name, API: r.API, Resource: path, ID: df.id(path),
		Before: have, After: want, Fields: fieldChanges(have, want), Pos: r.Pos, Reason: adoptReason(own)}
	df.add(c)
	df.deploy(r, c.ID, d, "the route changed; a deployed route serves its old configuration until deployed again")
}

// deployReason says why an unchanged route must be deployed, or "" if it
// is served as wanted.
func deployReason(d model.Deploy, env string) string {
	switch {
	case d.Status == statusDeployed && d.Environment == env:
		return ""
	case d.Status == statusDeployed:
		return fmt.Sprintf("deployed in environment %q, wanted in %q", d.Environment, env)
	case d.Status == "" || d.Status == statusNotDeployed:
		return "not deployed"
	case d.ErrorMessage != "":
		return fmt.Sprintf("live deploy status is %s: %s", d.Status, d.ErrorMessage)
	}
	return "live deploy status is " + d.Status
}

// deploy plans a route's deploy, if reason is not empty.
func (df *differ) deploy(r *model.Route, id string, d model.Deploy, reason string) {
	if reason == "" {
		return
	}
	var before Document
	if d.Status != "" {
		before = &DeployDoc{Environment: d.Environment, Status: d.Status}
	}
	df.add(&Change{Action: Deploy, Kind: KindRoute, Name: r.Name, API: r.API, Resource: r.Path(), ID: id,
		Before: before, After: &DeployDoc{Environment: r.Environment.Name}, Pos: r.Pos, Reason: reason})
}

// undeploy plans taking a live route offline before it is deleted.
func (df *differ) undeploy(lr *model.Route, reason string) {
	d := df.live.Deploys[lr.Path()]
	if d.Status == "" || d.Status == statusNotDeployed {
		return
	}
	df.add(&Change{Action: Undeploy, Kind: KindRoute, Name: lr.Name, API: lr.API, Resource: lr.Path(), ID: df.id(lr.Path()),
		Before: &DeployDoc{Environment: d.Environment, Status: d.Status}, Reason: reason})
}

// replaceRoute moves a route to another HTTP API: a route cannot change
// its API, so it is undeployed, deleted and created again.
func (df *differ) replaceRoute(r *model.Route, live *model.Route, have, want *RouteDoc, own ownership) {
	why := fmt.Sprintf("moves from HTTP API %q to %q, and a route cannot change its API", live.API, r.API)
	if own != ours {
		df.refuseUnmarkedReplace(KindRoute, r.Name, live.Path(), r.Pos, why)
		return
	}
	if foreign := df.foreignAttachments(live.Path()); len(foreign) > 0 {
		df.refuseForeign(KindRoute, r.Name, live.Path(), r.Pos, why, foreign)
		return
	}
	df.gone[live.Path()] = true
	df.undeploy(live, "the route is replaced: "+why)
	df.add(&Change{Action: Replace, Kind: KindRoute, Name: r.Name, API: r.API, Resource: r.Path(), ID: df.id(live.Path()),
		Before: have, After: want, Fields: fieldChanges(have, want), Pos: r.Pos, Reason: why})
	df.deploy(r, "", model.Deploy{}, "the route is created again in its new HTTP API")
}

// undeclaredRoute decides about a live route the desired state does not
// declare: drift inside an HTTP API it declares, or a route of an API it
// does not.
func (df *differ) undeclaredRoute(lr *model.Route) {
	path := lr.Path()
	where := fmt.Sprintf(" in HTTP API %q", lr.API)
	if df.declared[model.HTTPAPIPath(lr.API)] {
		where = fmt.Sprintf(" in HTTP API %q, which this desired state declares (drift)", lr.API)
	}
	if !df.undeclared(KindRoute, lr.Name, path, lr.Description, where) {
		return
	}
	if foreign := df.foreignAttachments(path); len(foreign) > 0 {
		df.note(KindRoute, lr.Name, path, "not declared, but policies this desired state does not manage are attached to it ("+
			listNames(foreign)+"), and deleting it would detach them; left alone")
		return
	}
	df.gone[path] = true
	reason := df.pruneReason(where)
	df.undeploy(lr, reason)
	df.add(&Change{Action: Delete, Kind: KindRoute, Name: lr.Name, API: lr.API, Resource: path, ID: df.id(path),
		Before: routeDoc(lr, lr.Description), Reason: reason})
}

// foreignAttachments names the policies attached to a live resource that
// this desired state neither declares nor owns.
func (df *differ) foreignAttachments(resource string) []string {
	var out []string
	for _, a := range df.live.State.Attachments {
		if a.Resource != resource || df.declared[model.PolicyPath(a.Policy.Name)] {
			continue
		}
		// An undeclared policy being pruned goes anyway; any other is foreign.
		if !df.gone[model.PolicyPath(a.Policy.Name)] {
			out = append(out, a.Policy.Name)
		}
	}
	return out
}

// refuseForeign records that a resource cannot be replaced without
// detaching policies this desired state does not manage.
func (df *differ) refuseForeign(k Kind, name, path string, pos model.Pos, why string, foreign []string) {
	df.errorf(diag.RuleLiveReplace, path, pos,
		"%s %q (%s) must be deleted and created again (%s), but policies this desired state does not manage are attached to it (%s) and would be detached: detach them first, or keep the %s where it is",
		k, name, df.id(path), why, listNames(foreign), k)
}
