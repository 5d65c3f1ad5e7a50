package aliyun

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// routes plans the routes and their deploys, then the undeclared routes
// and the HTTP APIs that may go with them.
func (df *differ) routes() {
	for _, r := range df.want.Routes() {
		df.route(r)
	}
	for _, lr := range df.have.Routes() {
		if !df.Declared["routes."+lr.Name] {
			df.undeclaredRoute(lr)
		}
	}
	df.pruneAPIs()
}

func (df *differ) route(r *model.Route) {
	path := r.Path()
	want := routeDoc(r, gwsync.WithMarker(r.Description, df.Opts.Owner))
	live := df.idx.routes[r.Name]
	if live == nil {
		df.Add(&gwsync.Change{Action: gwsync.Create, Kind: gwsync.KindRoute, Name: r.Name, API: r.API, Resource: path, After: want, Pos: r.Pos})
		df.deploy(r, "", model.Deploy{}, "a new route is deployed once created")
		return
	}
	own, ok := df.Claim(gwsync.KindRoute, r.Name, path, r.Pos, live.Description)
	if !ok {
		return
	}
	have := routeDoc(live, live.Description)
	if live.API != r.API {
		df.replaceRoute(r, live, have, want, own)
		return
	}
	d := df.Live.Deploys[path]
	if gwsync.EqualDocs(have, want) || df.UnmarkedOnly(gwsync.KindRoute, r.Name, path, own, have, routeDoc(r, r.Description)) {
		df.deploy(r, df.ID(path), d, deployReason(d, r.Environment.Name))
		return
	}
	c := &gwsync.Change{Action: gwsync.Update, Kind: gwsync.KindRoute, Name: r.Name, API: r.API, Resource: path, ID: df.ID(path),
		Before: have, After: want, Fields: gwsync.FieldChanges(have, want), Pos: r.Pos, Reason: df.AdoptReason(own)}
	df.Add(c)
	df.deploy(r, c.ID, d, "the route changed; a deployed route serves its old configuration until deployed again")
}

// deployReason says why an unchanged route must be deployed, or "" if it
// is served as wanted.
func deployReason(d model.Deploy, env string) string {
	switch {
	case d.Status == gwsync.StatusDeployed && d.Environment == env:
		return ""
	case d.Status == gwsync.StatusDeployed:
		return fmt.Sprintf("deployed in environment %q, wanted in %q", d.Environment, env)
	case d.Status == "" || d.Status == gwsync.StatusNotDeployed:
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
	var before gwsync.Document
	if d.Status != "" {
		before = &gwsync.DeployDoc{Environment: d.Environment, Status: d.Status}
	}
	df.Add(&gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: r.Name, API: r.API, Resource: r.Path(), ID: id,
		Before: before, After: &gwsync.DeployDoc{Environment: r.Environment.Name}, Pos: r.Pos, Reason: reason})
}

// undeploy plans taking a live route offline before it is deleted.
func (df *differ) undeploy(lr *model.Route, reason string) {
	d := df.Live.Deploys[lr.Path()]
	if d.Status == "" || d.Status == gwsync.StatusNotDeployed {
		return
	}
	df.Add(&gwsync.Change{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: lr.Name, API: lr.API, Resource: lr.Path(), ID: df.ID(lr.Path()),
		Before: &gwsync.DeployDoc{Environment: d.Environment, Status: d.Status}, Reason: reason})
}

// replaceRoute moves a route to another HTTP API: a route cannot change
// its API, so it is undeployed, deleted and created again.
func (df *differ) replaceRoute(r *model.Route, live *model.Route, have, want *gwsync.RouteDoc, own gwsync.Ownership) {
	why := fmt.Sprintf("moves from HTTP API %q to %q, and a route cannot change its API", live.API, r.API)
	if own != gwsync.Ours {
		df.refuseUnmarkedReplace(gwsync.KindRoute, r.Name, live.Path(), r.Pos, why)
		return
	}
	if foreign := df.foreignAttachments(live.Path()); len(foreign) > 0 {
		df.refuseForeign(gwsync.KindRoute, r.Name, live.Path(), r.Pos, why, foreign)
		return
	}
	df.Gone[live.Path()] = true
	df.undeploy(live, "the route is replaced: "+why)
	df.Add(&gwsync.Change{Action: gwsync.Replace, Kind: gwsync.KindRoute, Name: r.Name, API: r.API, Resource: r.Path(), ID: df.ID(live.Path()),
		Before: have, After: want, Fields: gwsync.FieldChanges(have, want), Pos: r.Pos, Reason: why})
	df.deploy(r, "", model.Deploy{}, "the route is created again in its new HTTP API")
}

// undeclaredRoute decides about a live route the desired state does not
// declare: drift inside an HTTP API it declares, or a route of an API it
// does not.
func (df *differ) undeclaredRoute(lr *model.Route) {
	path := lr.Path()
	where := fmt.Sprintf(" in HTTP API %q", lr.API)
	if df.Declared[alimodel.HTTPAPIPath(lr.API)] {
		where = fmt.Sprintf(" in HTTP API %q, which this desired state declares (drift)", lr.API)
	}
	if !df.Undeclared(gwsync.KindRoute, lr.Name, path, lr.Description, where) {
		return
	}
	if foreign := df.foreignAttachments(path); len(foreign) > 0 {
		df.Note(gwsync.KindRoute, lr.Name, path, "not declared, but policies this desired state does not manage are attached to it ("+
			gwsync.ListNames(foreign)+"), and deleting it would detach them; left alone")
		return
	}
	c := df.Prune(gwsync.KindRoute, lr.Name, path, routeDoc(lr, lr.Description), where)
	c.API = lr.API
	df.undeploy(lr, c.Reason)
}

// foreignAttachments names the policies attached to a live resource that
// this desired state neither declares nor owns.
func (df *differ) foreignAttachments(resource string) []string {
	var out []string
	for _, a := range df.have.Attachments {
		if a.Resource != resource || df.Declared[alimodel.PolicyPath(a.Policy.Name)] {
			continue
		}
		// An undeclared policy being pruned goes anyway; any other is foreign.
		if !df.Gone[alimodel.PolicyPath(a.Policy.Name)] {
			out = append(out, a.Policy.Name)
		}
	}
	return out
}

// refuseForeign records that a resource cannot be replaced without
// detaching policies this desired state does not manage.
func (df *differ) refuseForeign(k gwsync.Kind, name, path string, pos model.Pos, why string, foreign []string) {
	df.Errorf(diag.RuleLiveReplace, path, pos,
		"%s %q (%s) must be deleted and created again (%s), but policies this desired state does not manage are attached to it (%s) and would be detached: detach them first, or keep the %s where it is",
		k, name, df.ID(path), why, gwsync.ListNames(foreign), k)
}
