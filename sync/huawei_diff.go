package sync

import (
	"fmt"
	"slices"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// The Huawei Cloud APIG diff. Resources are matched by name: environments,
// groups, APIs (unique per instance), throttles, ACLs and plugins; a
// group's domains by domain name and its variables by environment and
// name. Ownership works as for Aliyun, with the marker at the end of the
// remark: environments, groups, APIs, throttles and plugins carry it; an
// ACL has no remark, and a group's domains and variables have none either,
// so they carry no marker: an ACL is never pruned, and a domain or a
// variable is pruned only with the group that carries the marker it
// belongs to.
//
// Publishing: an API is published to each environment its publish list
// names; a changed API is published again in each of them (a published
// API serves its old definition until then); an environment dropped from
// the list is taken offline, and an API that goes is taken offline first.

// diffHuawei is Diff for a Huawei desired state.
func diffHuawei(d *model.Desired, live *model.Live, opts Options) (*Plan, []diag.Finding) {
	hd := newHuaweiDiffer(d, live, opts)
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
	sortHuaweiChanges(hd.plan.Changes)
	sortHuaweiNotes(hd.plan.Notes)
	return hd.plan, diag.Sort(hd.findings)
}

// hwDiffer is the state of one Huawei diff: the shared differ (notes,
// findings, ownership) and the Huawei live index.
type hwDiffer struct {
	*differ
	want, have *hwmodel.State
	x          hwIndex
	// groupsOurs holds the declared groups whose live remark carries this
	// desired state's marker: their domains and variables may be pruned.
	groupsOurs map[string]bool
	// movedDomains are the live domains a desired group takes over.
	movedDomains map[string]bool
}

// hwIndex finds live Huawei resources by name.
type hwIndex struct {
	envs      map[string]*hwmodel.Environment
	groups    map[string]*hwmodel.Group
	apis      map[string]*hwmodel.API
	domains   map[string]*hwmodel.Domain
	variables map[string]*hwmodel.Variable // by resource path
	policies  map[string]*hwPolicy         // by resource path
	bindings  map[string]hwBinding         // by binding key
}

func newHuaweiDiffer(d *model.Desired, live *model.Live, opts Options) *hwDiffer {
	have := hwmodel.Of(&live.State)
	if have == nil {
		have = &hwmodel.State{}
	}
	hd := &hwDiffer{differ: newDiffer(d, live, opts), want: hwmodel.Of(d), have: have,
		groupsOurs: map[string]bool{}, movedDomains: map[string]bool{}}
	hd.x = indexHuawei(have)
	hd.declareHuawei()
	return hd
}

func indexHuawei(h *hwmodel.State) hwIndex {
	x := hwIndex{envs: byName(h.Environments, func(e *hwmodel.Environment) string { return e.Name }),
		groups:    byName(h.Groups, func(g *hwmodel.Group) string { return g.Name }),
		apis:      byName(h.APIs(), func(a *hwmodel.API) string { return a.Name }),
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
	for _, p := range hwPolicies(h) {
		x.policies[p.path()] = p
	}
	for _, b := range hwBindings(h) {
		x.bindings[b.key] = b
	}
	return x
}

func (hd *hwDiffer) declareHuawei() {
	for _, e := range hd.want.Environments {
		hd.declared[hwmodel.EnvironmentPath(e.Name)] = true
	}
	for _, g := range hd.want.Groups {
		hd.declared[hwmodel.GroupPath(g.Name)] = true
		for _, a := range g.APIs {
			hd.declared["apis."+a.Name] = true
		}
	}
	for _, p := range hwPolicies(hd.want) {
		hd.declared[p.path()] = true
	}
}

// hwClaim is claim for a Huawei resource, whose marker is in its remark.
func (hd *hwDiffer) hwClaim(k Kind, name, path string, pos model.Pos, remark string) (ownership, bool) {
	own, other := ownerOf(remark, hd.opts.Owner)
	if own == otherOwner {
		hd.errorf(diag.RuleLiveOwner, path, pos,
			"%s %q (%s) is managed by another desired state (%s, marker %s in its remark), not by this one (%s): a resource belongs to one desired state; remove it from one of them",
			k, name, hd.id(path), ownerName(other), Marker(other), ownerName(hd.opts.Owner))
		return own, false
	}
	return own, true
}

// hwAdoptReason explains an update of a resource gwsync did not create.
func hwAdoptReason(own ownership) string {
	switch own {
	case unmarked:
		return "adopts a live resource gwsync did not create: its remark gains the ownership marker"
	case unnamed:
		return "adopts a live resource marked [gwsync] without an owner: its remark gains this desired state's marker"
	}
	return ""
}

// marked plans the create or update of a resource that carries the
// marker in its remark: have and want are its live and desired documents
// (have nil when missing), bare the desired one without the marker.
func (hd *hwDiffer) marked(k Kind, name, path string, pos model.Pos, liveRemark *string, have, want, bare Document) *Change {
	if liveRemark == nil {
		return hd.compare(k, name, path, pos, nil, want)
	}
	own, ok := hd.hwClaim(k, name, path, pos, *liveRemark)
	if !ok || hd.unmarkedOnly(k, name, path, own, have, bare) {
		return nil
	}
	c := hd.compare(k, name, path, pos, have, want)
	if c != nil {
		c.Reason = hwAdoptReason(own)
	}
	return c
}

// environments plans the declared environments (RELEASE is every
// instance's own and never written).
func (hd *hwDiffer) environments() {
	for _, e := range hd.want.Environments {
		if e.Name == hwmodel.ReleaseEnv {
			continue
		}
		path := hwmodel.EnvironmentPath(e.Name)
		want := hwEnvironmentDoc(e, WithMarker(e.Remark, hd.opts.Owner))
		if live := hd.x.envs[e.Name]; live != nil {
			hd.marked(KindEnvironment, e.Name, path, e.Pos, &live.Remark, hwEnvironmentDoc(live, live.Remark), want, hwEnvironmentDoc(e, e.Remark))
		} else {
			hd.marked(KindEnvironment, e.Name, path, e.Pos, nil, nil, want, nil)
		}
	}
}

// groups plans the declared groups, without their contents.
func (hd *hwDiffer) groups() {
	for _, g := range hd.want.Groups {
		path := hwmodel.GroupPath(g.Name)
		want := hwGroupDoc(g, WithMarker(g.Remark, hd.opts.Owner))
		live := hd.x.groups[g.Name]
		if live == nil {
			hd.marked(KindGroup, g.Name, path, g.Pos, nil, nil, want, nil)
			continue
		}
		if own, _ := ownerOf(live.Remark, hd.opts.Owner); own == ours {
			hd.groupsOurs[g.Name] = true
		}
		hd.marked(KindGroup, g.Name, path, g.Pos, &live.Remark, hwGroupDoc(live, live.Remark), want, hwGroupDoc(g, g.Remark))
	}
}

// variables plans the declared environment variables.
func (hd *hwDiffer) variables() {
	for _, g := range hd.want.Groups {
		for _, v := range g.Variables {
			path := hwmodel.VariablePath(g.Name, v.Env.Name, v.Name)
			want := hwVariableDoc(v)
			var have Document
			if live := hd.x.variables[path]; live != nil {
				have = hwVariableDoc(live)
			}
			hd.compare(KindVariable, v.Name, path, v.Pos, have, want)
		}
	}
}

// apis plans the declared APIs and their publications.
func (hd *hwDiffer) apis() {
	for _, a := range hd.want.APIs() {
		hd.api(a)
	}
}

func (hd *hwDiffer) api(a *hwmodel.API) {
	path := a.Path()
	want := hwAPIDoc(a, WithMarker(a.Remark, hd.opts.Owner))
	envs := sortedSet(refNames(a.Publish))
	live := hd.x.apis[a.Name]
	if live == nil {
		hd.add(&Change{Action: Create, Kind: KindAPI, Name: a.Name, Resource: path, After: want, Pos: a.Pos})
		for _, env := range envs {
			hd.publish(a, "", env, false, "a new API is published to each environment it lists")
		}
		return
	}
	livePath := live.Path()
	own, ok := hd.hwClaim(KindAPI, a.Name, livePath, a.Pos, live.Remark)
	if !ok {
		return
	}
	have := hwLiveAPIDoc(live, live.Remark, want)
	if live.Group != a.Group {
		hd.moveAPI(a, live, have, want, own)
		return
	}
	changed := !equalDocs(have, want) && !hd.unmarkedOnly(KindAPI, a.Name, livePath, own, have, hwAPIDoc(a, a.Remark))
	id := hd.id(livePath)
	if changed {
		hd.add(&Change{Action: Update, Kind: KindAPI, Name: a.Name, Resource: path, ID: id, Before: have, After: want,
			Fields: fieldChanges(have, want), Pos: a.Pos, Reason: hwAdoptReason(own)})
	}
	liveEnvs := sortedSet(refNames(live.Publish))
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
func (hd *hwDiffer) publish(a *hwmodel.API, id, env string, online bool, reason string) {
	var before Document
	if online {
		before = &DeployDoc{Environment: env, Status: hwOnline}
	}
	hd.add(&Change{Action: Deploy, Kind: KindAPI, Name: a.Name, Resource: HuaweiPublicationKey(a.Group, a.Name, env), ID: id,
		Before: before, After: &DeployDoc{Environment: env}, Pos: a.Pos, Reason: reason})
}

// hwOnline is the status of a live publication.
const hwOnline = "online"

// offline plans taking a live API offline in env.
func (hd *hwDiffer) offline(la *hwmodel.API, env, reason string) {
	hd.add(&Change{Action: Undeploy, Kind: KindAPI, Name: la.Name, Resource: HuaweiPublicationKey(la.Group, la.Name, env),
		ID: hd.id(la.Path()), Before: &DeployDoc{Environment: env, Status: hwOnline}, Reason: reason})
}

// pruneAPIs deletes the undeclared APIs this desired state owns, with
// --prune, taking them offline first, unless policies this desired state
// does not manage are bound to them.
func (hd *hwDiffer) pruneAPIs() {
	for _, la := range hd.have.APIs() {
		if hd.declared["apis."+la.Name] {
			continue
		}
		path := la.Path()
		where := fmt.Sprintf(" in group %q", la.Group)
		if hd.declared[hwmodel.GroupPath(la.Group)] {
			where += ", which this desired state declares (drift)"
		}
		if !hd.undeclared(KindAPI, la.Name, path, la.Remark, where) {
			continue
		}
		if foreign := hd.foreignBindings(la.Name); len(foreign) > 0 {
			hd.note(KindAPI, la.Name, path, "not declared, but policies this desired state does not manage are bound to it ("+
				listNames(foreign)+"), and deleting it would unbind them; left alone")
			continue
		}
		hd.gone[path] = true
		reason := hd.pruneReason(where)
		for _, env := range sortedSet(refNames(la.Publish)) {
			hd.offline(la, env, "the API is deleted: "+reason)
		}
		hd.add(&Change{Action: Delete, Kind: KindAPI, Name: la.Name, Resource: path, ID: hd.id(path),
			Before: hwAPIDoc(la, la.Remark), Reason: reason})
	}
}

// foreignBindings names the policies bound to a live API that this
// desired state neither declares nor deletes.
func (hd *hwDiffer) foreignBindings(api string) []string {
	var out []string
	for _, b := range hd.x.bindings {
		path := hwmodel.PolicyPath(b.doc.PolicyKind, b.doc.Policy)
		if b.doc.API == api && !hd.declared[path] && !hd.gone[path] && !slices.Contains(out, b.doc.Policy) {
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
func (hd *hwDiffer) moveAPI(a, live *hwmodel.API, have, want *HuaweiAPIDoc, own ownership) {
	livePath := live.Path()
	why := fmt.Sprintf("moves from group %q to %q, and an API cannot change its group", live.Group, a.Group)
	if own != ours {
		hd.errorf(diag.RuleLiveReplace, livePath, a.Pos,
			"api %q (%s) must be deleted and created again (%s), but gwsync did not create it (no ownership marker in its remark) and will not delete it: keep it in group %q, or delete the live one yourself",
			a.Name, hd.id(livePath), why, live.Group)
		return
	}
	if foreign := hd.foreignBindings(a.Name); len(foreign) > 0 {
		hd.errorf(diag.RuleLiveReplace, livePath, a.Pos,
			"api %q (%s) must be deleted and created again (%s), but policies this desired state does not manage are bound to it (%s) and would be unbound: unbind them first, or keep it in group %q",
			a.Name, hd.id(livePath), why, listNames(foreign), live.Group)
		return
	}
	hd.gone[livePath] = true
	for _, env := range sortedSet(refNames(live.Publish)) {
		hd.offline(live, env, "the API is deleted and created again: "+why)
	}
	hd.add(&Change{Action: Delete, Kind: KindAPI, Name: a.Name, Resource: livePath, ID: hd.id(livePath), Before: have, Reason: why})
	hd.add(&Change{Action: Create, Kind: KindAPI, Name: a.Name, Resource: a.Path(), After: want, Fields: fieldChanges(have, want), Pos: a.Pos, Reason: why})
	for _, env := range sortedSet(refNames(a.Publish)) {
		hd.publish(a, "", env, false, "the API is created again in its new group")
	}
}
