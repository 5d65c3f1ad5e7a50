package huawei

import (
	"fmt"
	"slices"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// The Huawei Cloud APIG diff. Resources are matched by name: environments,
// groups, APIs (unique per instance), throttles, ACLs and plugins; a
// group's domains by domain name and its variables by environment and
// name. Ownership works as for other kinds (see sync.Differ), with the
// marker at the end of the remark: environments, groups, APIs, throttles
// and plugins carry it; an ACL has no remark, and a group's domains and
// variables have none either, so they carry no marker: an ACL is never
// pruned, and a domain or a variable is pruned only with the group that
// carries the marker it belongs to.
//
// Publishing: an API is published to each environment its publish list
// names; a changed API is published again in each of them (a published
// API serves its old definition until then); an environment dropped from
// the list is taken offline, and an API that goes is taken offline first.

// Diff is sync's Diff for a Huawei desired state: its changes and notes
// in the order they were found (sync.Diff orders them by the step table).
func Diff(d *model.Desired, live *model.Live, opts gwsync.Options) (*gwsync.Plan, []diag.Finding) {
	hd := newDiffer(d, live, opts)
	hd.environments()
	hd.groups()
	hd.variables()
	hd.policies()
	hd.apis()
	hd.pruneAPIs()
	hd.bindings()
	hd.pruneGroups()
	hd.domains()
	hd.pruneGroupContents()
	hd.pruneEnvironments()
	return hd.Result()
}

// differ is the state of one Huawei diff: the shared differ (notes,
// findings, ownership) and the Huawei live index.
type differ struct {
	*gwsync.Differ
	want, have *hwmodel.State
	x          liveIndex
	// groupsOurs holds the declared groups whose live remark carries this
	// desired state's marker: their domains and variables may be pruned.
	groupsOurs map[string]bool
	// movedDomains are the live domains a desired group takes over.
	movedDomains map[string]bool
}

// liveIndex finds live Huawei resources by name.
type liveIndex struct {
	envs      map[string]*hwmodel.Environment
	groups    map[string]*hwmodel.Group
	apis      map[string]*hwmodel.API
	domains   map[string]*hwmodel.Domain
	variables map[string]*hwmodel.Variable // by resource path
	policies  map[string]*hwPolicy         // by resource path
	bindings  map[string]hwBinding         // by binding key
}

// markerField is where a Huawei resource carries the ownership marker.
const markerField = "remark"

func newDiffer(d *model.Desired, live *model.Live, opts gwsync.Options) *differ {
	hd := &differ{Differ: gwsync.NewDiffer(d, live, opts, markerField), want: stateOf(d), have: stateOf(&live.State),
		groupsOurs: map[string]bool{}, movedDomains: map[string]bool{}}
	hd.x = indexLive(hd.have)
	hd.declare()
	return hd
}

// stateOf is d's Huawei state, or an empty one.
func stateOf(d *model.Desired) *hwmodel.State {
	if h := hwmodel.Of(d); h != nil {
		return h
	}
	return &hwmodel.State{}
}

func indexLive(h *hwmodel.State) liveIndex {
	x := liveIndex{envs: gwsync.ByName(h.Environments, func(e *hwmodel.Environment) string { return e.Name }),
		groups:    gwsync.ByName(h.Groups, func(g *hwmodel.Group) string { return g.Name }),
		apis:      gwsync.ByName(h.APIs(), func(a *hwmodel.API) string { return a.Name }),
		domains:   map[string]*hwmodel.Domain{},
		variables: map[string]*hwmodel.Variable{}, policies: map[string]*hwPolicy{}, bindings: map[string]hwBinding{}}
	for _, g := range h.Groups {
		for _, d := range g.Domains {
			x.domains[d.Name] = d
		}
		for _, v := range g.Variables {
			x.variables[hwmodel.VariablePath(v.Group, v.Env.Name, v.Name)] = v
		}
	}
	for _, p := range policiesOf(h) {
		x.policies[p.path()] = p
	}
	for _, b := range bindingsOf(h) {
		x.bindings[b.key] = b
	}
	return x
}

// declare marks what the desired state declares: the resource path of
// each resource (as drift places them, see declaredPositions), and each
// API by name ("apis.NAME"), since an API's name is unique per instance
// whatever its group.
func (hd *differ) declare() {
	at := map[string]model.Pos{}
	declaredPositions(hd.want, at)
	for path := range at {
		hd.Declared[path] = true
	}
	for _, a := range hd.want.APIs() {
		hd.Declared["apis."+a.Name] = true
	}
}

// environments plans the declared environments (RELEASE is every
// instance's own and never written).
func (hd *differ) environments() {
	for _, e := range hd.want.Environments {
		if e.Name == hwmodel.ReleaseEnv {
			continue
		}
		path := hwmodel.EnvironmentPath(e.Name)
		want := environmentDoc(e, gwsync.WithMarker(e.Remark, hd.Opts.Owner))
		if live := hd.x.envs[e.Name]; live != nil {
			hd.Marked(KindEnvironment, e.Name, path, e.Pos, &live.Remark, environmentDoc(live, live.Remark), want, environmentDoc(e, e.Remark))
		} else {
			hd.Marked(KindEnvironment, e.Name, path, e.Pos, nil, nil, want, nil)
		}
	}
}

// groups plans the declared groups, without their contents.
func (hd *differ) groups() {
	for _, g := range hd.want.Groups {
		path := hwmodel.GroupPath(g.Name)
		want := groupDoc(g, gwsync.WithMarker(g.Remark, hd.Opts.Owner))
		live := hd.x.groups[g.Name]
		if live == nil {
			hd.Marked(KindGroup, g.Name, path, g.Pos, nil, nil, want, nil)
			continue
		}
		if own, _ := gwsync.OwnerOf(live.Remark, hd.Opts.Owner); own == gwsync.Ours {
			hd.groupsOurs[g.Name] = true
		}
		hd.Marked(KindGroup, g.Name, path, g.Pos, &live.Remark, groupDoc(live, live.Remark), want, groupDoc(g, g.Remark))
	}
}

// variables plans the declared environment variables.
func (hd *differ) variables() {
	for _, g := range hd.want.Groups {
		for _, v := range g.Variables {
			path := hwmodel.VariablePath(g.Name, v.Env.Name, v.Name)
			want := variableDoc(v)
			var have gwsync.Document
			if live := hd.x.variables[path]; live != nil {
				have = variableDoc(live)
			}
			hd.Compare(KindVariable, v.Name, path, v.Pos, have, want)
		}
	}
}

// apis plans the declared APIs and their publications.
func (hd *differ) apis() {
	for _, a := range hd.want.APIs() {
		hd.api(a)
	}
}

func (hd *differ) api(a *hwmodel.API) {
	path := a.Path()
	want := apiDoc(a, gwsync.WithMarker(a.Remark, hd.Opts.Owner))
	envs := gwsync.SortedSet(gwsync.RefNames(a.Publish))
	live := hd.x.apis[a.Name]
	if live == nil {
		hd.Add(&gwsync.Change{Action: gwsync.Create, Kind: KindAPI, Name: a.Name, Resource: path, After: want, Pos: a.Pos})
		for _, env := range envs {
			hd.publish(a, "", env, false, "a new API is published to each environment it lists")
		}
		return
	}
	livePath := live.Path()
	own, ok := hd.Claim(KindAPI, a.Name, livePath, a.Pos, live.Remark)
	if !ok {
		return
	}
	have := liveAPIDoc(live, live.Remark, want)
	if live.Group != a.Group {
		hd.moveAPI(a, live, have, want, own)
		return
	}
	changed := !gwsync.EqualDocs(have, want) && !hd.UnmarkedOnly(KindAPI, a.Name, livePath, own, have, apiDoc(a, a.Remark))
	id := hd.ID(livePath)
	if changed {
		hd.Add(&gwsync.Change{Action: gwsync.Update, Kind: KindAPI, Name: a.Name, Resource: path, ID: id, Before: have, After: want,
			Fields: gwsync.FieldChanges(have, want), Pos: a.Pos, Reason: hd.AdoptReason(own)})
	}
	liveEnvs := gwsync.SortedSet(gwsync.RefNames(live.Publish))
	for _, env := range envs {
		switch {
		case !slices.Contains(liveEnvs, env):
			hd.publish(a, id, env, false, fmt.Sprintf("not published in %s", env))
		case changed:
			hd.publish(a, id, env, true, fmt.Sprintf("the API changed; it serves its old definition in %s until published again", env))
		}
	}
	for _, env := range liveEnvs {
		if !slices.Contains(envs, env) {
			hd.offline(live, env, fmt.Sprintf("its publish list no longer names %s", env))
		}
	}
}

// publish plans publishing an API in env (again, when online).
func (hd *differ) publish(a *hwmodel.API, id, env string, online bool, reason string) {
	var before gwsync.Document
	if online {
		before = &gwsync.DeployDoc{Environment: env, Status: statusOnline}
	}
	hd.Add(&gwsync.Change{Action: gwsync.Deploy, Kind: KindAPI, Name: a.Name, Resource: PublicationKey(a.Group, a.Name, env), ID: id,
		Before: before, After: &gwsync.DeployDoc{Environment: env}, Pos: a.Pos, Reason: reason})
}

// statusOnline is the status of a live publication.
const statusOnline = "online"

// offline plans taking a live API offline in env.
func (hd *differ) offline(la *hwmodel.API, env, reason string) {
	hd.Add(&gwsync.Change{Action: gwsync.Undeploy, Kind: KindAPI, Name: la.Name, Resource: PublicationKey(la.Group, la.Name, env),
		ID: hd.ID(la.Path()), Before: &gwsync.DeployDoc{Environment: env, Status: statusOnline}, Reason: reason})
}

// pruneAPIs deletes the undeclared APIs this desired state owns, with
// --prune, taking them offline first, unless policies this desired state
// does not manage are bound to them.
func (hd *differ) pruneAPIs() {
	for _, la := range hd.have.APIs() {
		if hd.Declared["apis."+la.Name] {
			continue
		}
		path := la.Path()
		where := fmt.Sprintf(" in group %q", la.Group)
		if hd.Declared[hwmodel.GroupPath(la.Group)] {
			where += ", which this desired state declares (drift)"
		}
		if !hd.Undeclared(KindAPI, la.Name, path, la.Remark, where) {
			continue
		}
		if foreign := hd.foreignBindings(la.Name); len(foreign) > 0 {
			hd.Note(KindAPI, la.Name, path, "not declared, but policies this desired state does not manage are bound to it ("+
				gwsync.ListNames(foreign)+"), and deleting it would unbind them; left alone")
			continue
		}
		c := hd.Prune(KindAPI, la.Name, path, apiDoc(la, la.Remark), where)
		for _, env := range gwsync.SortedSet(gwsync.RefNames(la.Publish)) {
			hd.offline(la, env, "the API is deleted: "+c.Reason)
		}
	}
}

// foreignBindings names the policies bound to a live API that this
// desired state neither declares nor deletes.
func (hd *differ) foreignBindings(api string) []string {
	var out []string
	for _, b := range hd.x.bindings {
		path := hwmodel.PolicyPath(b.doc.PolicyKind, b.doc.Policy)
		if b.doc.API == api && !hd.Declared[path] && !hd.Gone[path] && !slices.Contains(out, b.doc.Policy) {
			out = append(out, b.doc.Policy)
		}
	}
	slices.Sort(out)
	return out
}

// moveAPI plans an API that moves to another group: an API cannot change
// its group, so it is taken offline, deleted and created again in its new
// group (its name is unique per instance, so the delete goes first), then
// published and bound again. gwsync does so only for an API it made and
// that no policy it does not manage is bound to.
func (hd *differ) moveAPI(a, live *hwmodel.API, have, want *APIDoc, own gwsync.Ownership) {
	livePath := live.Path()
	why := fmt.Sprintf("moves from group %q to %q, and an API cannot change its group", live.Group, a.Group)
	if own != gwsync.Ours {
		hd.Errorf(diag.RuleLiveReplace, livePath, a.Pos,
			"api %q (%s) must be deleted and created again (%s), but gwsync did not create it (no ownership marker in its remark) and will not delete it: keep it in group %q, or delete the live one yourself",
			a.Name, hd.ID(livePath), why, live.Group)
		return
	}
	if foreign := hd.foreignBindings(a.Name); len(foreign) > 0 {
		hd.Errorf(diag.RuleLiveReplace, livePath, a.Pos,
			"api %q (%s) must be deleted and created again (%s), but policies this desired state does not manage are bound to it (%s) and would be unbound: unbind them first, or keep it in group %q",
			a.Name, hd.ID(livePath), why, gwsync.ListNames(foreign), live.Group)
		return
	}
	hd.Gone[livePath] = true
	for _, env := range gwsync.SortedSet(gwsync.RefNames(live.Publish)) {
		hd.offline(live, env, "the API is deleted and created again: "+why)
	}
	hd.Add(&gwsync.Change{Action: gwsync.Delete, Kind: KindAPI, Name: a.Name, Resource: livePath, ID: hd.ID(livePath), Before: have, Reason: why})
	hd.Add(&gwsync.Change{Action: gwsync.Create, Kind: KindAPI, Name: a.Name, Resource: a.Path(), After: want, Fields: gwsync.FieldChanges(have, want), Pos: a.Pos, Reason: why})
	for _, env := range gwsync.SortedSet(gwsync.RefNames(a.Publish)) {
		hd.publish(a, "", env, false, "the API is created again in its new group")
	}
}
