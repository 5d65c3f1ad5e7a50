package aliyun

import (
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// declaredPositions adds the declared APIG resources of d to at, by
// resource path.
func declaredPositions(st *alimodel.State, at map[string]model.Pos) {
	for _, s := range st.Services {
		at[alimodel.ServicePath(s.Name)] = s.Pos
	}
	for _, dm := range st.Domains {
		at[alimodel.DomainPath(dm.Name)] = dm.Pos
	}
	for _, p := range st.Policies {
		at[alimodel.PolicyPath(p.Name)] = p.Pos
	}
	for _, a := range st.HTTPAPIs {
		at[alimodel.HTTPAPIPath(a.Name)] = a.Pos
		for _, r := range a.Routes {
			at[r.Path()] = r.Pos
		}
	}
}

// changeDrift says what drift needs of an APIG change: the live path a
// route replace moves away from, the policy and resource an attachment
// joins, and the HTTP API that holds a deleted route.
func changeDrift(c *gwsync.Change) gwsync.ChangeDrift {
	var out gwsync.ChangeDrift
	if old := replacedRoutePath(c); old != "" {
		out.Also = []string{old}
	}
	if c.Kind == gwsync.KindAttachment {
		out.Policy, out.Target = alimodel.PolicyPath(c.Name), gwsync.AttachTarget(c)
	}
	if c.Kind == gwsync.KindRoute && c.API != "" {
		out.Holder = alimodel.HTTPAPIPath(c.API)
	}
	return out
}

// replacedRoutePath is the live path of a route a replace moves to
// another HTTP API, or "".
func replacedRoutePath(c *gwsync.Change) string {
	if c.Action != gwsync.Replace || c.Kind != gwsync.KindRoute {
		return ""
	}
	if rd, ok := c.Before.(*gwsync.RouteDoc); ok && rd != nil && rd.API != c.API {
		return model.RoutePath(rd.API, c.Name)
	}
	return ""
}

// driftNote classifies what an APIG plan leaves alone: drift when it
// sits inside what the desired state declares (a route added by hand to
// a declared HTTP API, a policy attached by hand to a declared
// resource), nothing otherwise.
func driftNote(n gwsync.Note, live *model.Live, declaredAt map[string]model.Pos) (gwsync.DriftItem, bool) {
	isDeclared := func(path string) bool {
		_, ok := declaredAt[path]
		return ok
	}
	switch n.Kind {
	case gwsync.KindRoute:
		// A declared route noted for its missing marker is in step.
		lr := liveRoute(live, n.Resource)
		if lr == nil || isDeclared(n.Resource) || !isDeclared(alimodel.HTTPAPIPath(lr.API)) {
			return gwsync.DriftItem{}, false
		}
		return gwsync.DriftItem{Kind: gwsync.DriftUnmanaged, Type: gwsync.KindRoute, Name: lr.Name, API: lr.API, Resource: n.Resource, ID: n.ID,
			Fields: gwsync.FieldChanges(routeDoc(lr, lr.Description), nil), Reason: n.Reason,
			Pos: declaredAt[alimodel.HTTPAPIPath(lr.API)], LeftAlone: true}, true
	case gwsync.KindAttachment:
		la := liveAttachment(live, n.Resource)
		if la == nil || !isDeclared(la.Resource) || isDeclared(alimodel.PolicyPath(la.Policy.Name)) {
			return gwsync.DriftItem{}, false
		}
		return gwsync.DriftItem{Kind: gwsync.DriftUnmanaged, Type: gwsync.KindAttachment, Name: la.Policy.Name, Resource: n.Resource, ID: n.ID,
			Fields: gwsync.FieldChanges(attachmentDoc(la), nil), Reason: n.Reason, Pos: declaredAt[la.Resource], LeftAlone: true}, true
	}
	return gwsync.DriftItem{}, false
}

func liveRoute(live *model.Live, path string) *model.Route {
	for _, r := range stateOf(&live.State).Routes() {
		if r.Path() == path {
			return r
		}
	}
	return nil
}

func liveAttachment(live *model.Live, key string) *alimodel.Attachment {
	for _, a := range stateOf(&live.State).Attachments {
		if alimodel.AttachmentKey(a.Policy.Name, a.Resource) == key {
			return a
		}
	}
	return nil
}

// hashDesired puts each APIG resource of d, as the document it is
// written as (ownership markers included), into a desired state's hash.
func hashDesired(st *alimodel.State, opts gwsync.Options, put func(kind, name string, v any)) {
	for _, e := range st.Environments {
		put("environment", e.Name, e.ID)
	}
	for _, s := range st.Services {
		put("service", s.Name, serviceDoc(s))
	}
	for _, dm := range st.Domains {
		put("domain", dm.Name, domainDoc(dm))
	}
	for _, p := range st.Policies {
		put("policy", p.Name, policyDoc(p, gwsync.WithMarker(p.Description, opts.Owner)))
	}
	for _, a := range st.HTTPAPIs {
		put("httpApi", a.Name, httpAPIDoc(a, gwsync.WithMarker(a.Description, opts.Owner)))
		for _, r := range a.Routes {
			put("route", r.Name, routeDoc(r, gwsync.WithMarker(r.Description, opts.Owner)))
		}
	}
	for _, at := range st.Attachments {
		put("attachment", at.Policy.Name, attachmentDoc(at))
	}
}
