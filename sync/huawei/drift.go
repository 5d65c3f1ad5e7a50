package huawei

import (
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// declaredPositions adds the declared Huawei resources to at, by
// resource path.
func declaredPositions(h *hwmodel.State, at map[string]model.Pos) {
	for _, e := range h.Environments {
		at[hwmodel.EnvironmentPath(e.Name)] = e.Pos
	}
	for _, g := range h.Groups {
		at[hwmodel.GroupPath(g.Name)] = g.Pos
		for _, dm := range g.Domains {
			at[hwmodel.DomainPath(g.Name, dm.Name)] = dm.Pos
		}
		for _, a := range g.APIs {
			at[a.Path()] = a.Pos
		}
	}
	for _, p := range policiesOf(h) {
		at[p.path()] = p.pos
	}
}

// changeDrift says what drift needs of a Huawei change: the API a
// publish is about, and the policy and API a binding joins.
func changeDrift(c *gwsync.Change) gwsync.ChangeDrift {
	var out gwsync.ChangeDrift
	if c.Kind == KindAPI {
		out.Published, _, _ = ParsePublicationKey(c.Resource)
	}
	for _, d := range []gwsync.Document{c.After, c.Before} {
		if b, ok := d.(*BindingDoc); ok {
			out.Policy, out.Target = hwmodel.PolicyPath(b.PolicyKind, b.Policy), hwmodel.APIPath(b.Group, b.API)
			break
		}
	}
	return out
}

// hashDesired puts each resource of a Huawei state into a desired
// state's hash as the document the diff would write for it, markers
// included: environments, groups with their domains, variables and APIs
// (and the environments each is published to), policies and bindings.
func hashDesired(h *hwmodel.State, opts gwsync.Options, put func(kind, name string, v any)) {
	marked := func(remark string) string { return gwsync.WithMarker(remark, opts.Owner) }
	for _, e := range h.Environments {
		put("environment", e.Name, environmentDoc(e, marked(e.Remark)))
	}
	for _, g := range h.Groups {
		put("group", g.Name, groupDoc(g, marked(g.Remark)))
		for _, d := range g.Domains {
			put("domain", hwmodel.DomainPath(g.Name, d.Name), domainDoc(d))
		}
		for _, v := range g.Variables {
			put("variable", hwmodel.VariablePath(g.Name, v.Env.Name, v.Name), variableDoc(v))
		}
		for _, a := range g.APIs {
			put("api", a.Path(), apiDoc(a, marked(a.Remark)))
			put("publish", a.Path(), gwsync.RefNames(a.Publish))
		}
	}
	for _, p := range policiesOf(h) {
		remark := ""
		if p.remark != nil {
			remark = marked(*p.remark)
		}
		put("policy", p.path(), p.doc(remark))
	}
	for _, b := range bindingsOf(h) {
		put("binding", b.key, b.doc)
	}
}
