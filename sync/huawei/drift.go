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
