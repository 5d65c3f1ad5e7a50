package huawei

import (
	"fmt"
	"slices"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// domains plans the domains bound to the declared groups. A domain bound
// to another group is unbound there first, if this desired state manages
// that group (declares it, or deletes it).
func (hd *differ) domains() {
	for _, g := range hd.want.Groups {
		for _, d := range g.Domains {
			path := hwmodel.DomainPath(g.Name, d.Name)
			want := domainDoc(d)
			live := hd.x.domains[d.Name]
			switch {
			case live == nil:
				hd.Compare(gwsync.KindDomain, d.Name, path, d.Pos, nil, want)
			case live.Group != g.Name:
				hd.moveDomain(d, live, want)
			default:
				hd.Compare(gwsync.KindDomain, d.Name, path, d.Pos, liveDomainDoc(live, want), want)
			}
		}
	}
}

func (hd *differ) moveDomain(d *hwmodel.Domain, live *hwmodel.Domain, want *DomainDoc) {
	oldGroup := hwmodel.GroupPath(live.Group)
	oldPath := hwmodel.DomainPath(live.Group, d.Name)
	if !hd.Declared[oldGroup] && !hd.Gone[oldGroup] {
		hd.Errorf(diag.RuleLiveReplace, hwmodel.DomainPath(d.Group, d.Name), d.Pos,
			"domain %q is bound to group %q (%s), which this desired state does not manage, and a domain is bound to one group at a time: unbind it there first, or declare that group",
			d.Name, live.Group, hd.ID(oldGroup))
		return
	}
	hd.movedDomains[d.Name] = true
	hd.Gone[oldPath] = true
	why := fmt.Sprintf("moves from group %q to %q; a domain is bound to one group at a time", live.Group, d.Group)
	hd.Add(&gwsync.Change{Action: gwsync.Delete, Kind: gwsync.KindDomain, Name: d.Name, Resource: oldPath, ID: hd.ID(oldPath), Before: domainDoc(live), Reason: why})
	hd.Add(&gwsync.Change{Action: gwsync.Create, Kind: gwsync.KindDomain, Name: d.Name, Resource: hwmodel.DomainPath(d.Group, d.Name), After: want, Pos: d.Pos, Reason: why})
}

// pruneGroupContents decides about the live variables and domains of the
// declared groups that the desired state does not declare: they carry no
// marker of their own, so they follow their group's.
func (hd *differ) pruneGroupContents() {
	wantVars, wantDomains := map[string]bool{}, map[string]bool{}
	for _, g := range hd.want.Groups {
		for _, v := range g.Variables {
			wantVars[hwmodel.VariablePath(g.Name, v.Env.Name, v.Name)] = true
		}
		for _, d := range g.Domains {
			wantDomains[d.Name] = true
		}
	}
	for _, g := range hd.have.Groups {
		if !hd.Declared[hwmodel.GroupPath(g.Name)] {
			continue
		}
		for _, v := range g.Variables {
			path := hwmodel.VariablePath(g.Name, v.Env.Name, v.Name)
			if !wantVars[path] && hd.groupContent(KindVariable, v.Name, path, g.Name, fmt.Sprintf(" for %s in group %q", v.Env.Name, g.Name)) {
				hd.Prune(KindVariable, v.Name, path, variableDoc(v), fmt.Sprintf(" in group %q, which carries this desired state's marker", g.Name))
			}
		}
		for _, d := range g.Domains {
			path := hwmodel.DomainPath(g.Name, d.Name)
			if !wantDomains[d.Name] && !hd.movedDomains[d.Name] && hd.groupContent(gwsync.KindDomain, d.Name, path, g.Name, fmt.Sprintf(" in group %q", g.Name)) {
				hd.Prune(gwsync.KindDomain, d.Name, path, domainDoc(d), fmt.Sprintf(" in group %q, which carries this desired state's marker", g.Name))
			}
		}
	}
}

// groupContent decides about an undeclared variable or domain of a
// declared group: it may be pruned (true) with --prune when the group
// carries this desired state's marker; otherwise a note says why not.
func (hd *differ) groupContent(k gwsync.Kind, name, path, group, where string) bool {
	switch {
	case !hd.groupsOurs[group]:
		hd.Note(k, name, path, fmt.Sprintf("not declared%s; a %s carries no ownership marker and group %q does not carry this desired state's, so left alone", where, k, group))
	case !hd.Opts.Prune:
		hd.Keep(k, name, path, fmt.Sprintf("not declared%s, which carries this desired state's marker %s: kept (--keep-removed); plan without --keep-removed to delete it", where, gwsync.Marker(hd.Opts.Owner)))
	default:
		return true
	}
	return false
}

// pruneGroups deletes the undeclared groups this desired state owns, with
// --prune, when every API in them goes (or moves to a declared group);
// their domains and variables go with them.
func (hd *differ) pruneGroups() {
	for _, g := range hd.have.Groups {
		path := hwmodel.GroupPath(g.Name)
		if hd.Declared[path] {
			continue
		}
		var staying []string
		for _, a := range g.APIs {
			if !hd.Gone[a.Path()] && !hd.Declared["apis."+a.Name] {
				staying = append(staying, a.Name)
			}
		}
		c := hd.PruneHolder(KindGroup, g.Name, path, g.Remark, groupDoc(g, g.Remark), "APIs", staying)
		if c == nil {
			continue
		}
		c.Reason += "; its domains and variables go with it"
		for _, v := range g.Variables {
			hd.Gone[hwmodel.VariablePath(g.Name, v.Env.Name, v.Name)] = true
		}
	}
}

// pruneEnvironments deletes the undeclared environments this desired state
// owns, with --prune, when no API stays published there and no variable
// stays defined there.
func (hd *differ) pruneEnvironments() {
	offline := map[string]bool{}
	for _, c := range hd.Plan.Changes {
		if c.Kind == KindAPI && c.Action == gwsync.Undeploy {
			offline[c.Resource] = true
		}
	}
	for _, e := range hd.have.Environments {
		path := hwmodel.EnvironmentPath(e.Name)
		if e.Name == hwmodel.ReleaseEnv || hd.Declared[path] || !hd.Undeclared(KindEnvironment, e.Name, path, e.Remark, "") {
			continue
		}
		var staying []string
		for _, a := range hd.have.APIs() {
			if slices.ContainsFunc(a.Publish, func(r model.Ref) bool { return r.Name == e.Name }) && !offline[PublicationKey(a.Group, a.Name, e.Name)] {
				staying = append(staying, "API "+a.Name)
			}
		}
		for vpath, v := range hd.x.variables {
			if v.Env.Name == e.Name && !hd.Gone[vpath] {
				staying = append(staying, fmt.Sprintf("variable %s of group %s", v.Name, v.Group))
			}
		}
		if len(staying) > 0 {
			slices.Sort(staying)
			hd.Note(KindEnvironment, e.Name, path, "not declared, but what gwsync does not delete is still published or defined there ("+gwsync.ListNames(staying)+"); left alone")
			continue
		}
		hd.Prune(KindEnvironment, e.Name, path, environmentDoc(e, e.Remark), "")
	}
}
