package sync

import (
	"cmp"
	"slices"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// DriftKind says how the live gateway departs from the desired state.
type DriftKind string

// Drift kinds, in the order views list them.
const (
	// DriftChanged is a declared resource whose live form differs: it
	// was changed out of band (or the desired state changed since the
	// last apply).
	DriftChanged DriftKind = "changed"
	// DriftDeleted is a declared resource missing from the gateway: it
	// was deleted out of band, or never applied.
	DriftDeleted DriftKind = "deleted"
	// DriftUnmanaged is a live resource the desired state does not
	// declare, inside what it manages: a route added by hand to a
	// declared HTTP API, a policy attached by hand to a declared resource.
	DriftUnmanaged DriftKind = "unmanaged"
	// DriftUndeployed is a declared route that does not serve as
	// declared: not deployed, its deploy failed, or deployed in another
	// environment.
	DriftUndeployed DriftKind = "undeployed"
)

// DriftKinds lists the drift kinds in the order views show them.
func DriftKinds() []DriftKind {
	return []DriftKind{DriftChanged, DriftDeleted, DriftUnmanaged, DriftUndeployed}
}

// DriftItem is one way the live gateway departs from the desired state.
type DriftItem struct {
	Kind DriftKind
	// Type is the kind of resource (route, policy, attachment, ...).
	Type Kind
	// Name is the resource's name; for an attachment, the policy's.
	Name string
	// API is a route's HTTP API.
	API string
	// Resource is the resource path (model.RoutePath, ...); for an
	// attachment, model.AttachmentKey.
	Resource string
	// ID is the live ID ("" for a resource missing from the gateway).
	ID string
	// Fields lists what differs, each with the live value as Before and
	// the desired one as After (nil: absent). A missing resource has
	// every desired field, an unmanaged one every live field.
	Fields []FieldChange
	// Reason says what was found, in words.
	Reason string
	// Pos is where the resource is declared; for an unmanaged one, where
	// the declared resource that holds it is (its HTTP API, the resource
	// a policy is attached to).
	Pos model.Pos
	// LeftAlone marks drift the plan does not change (an unmarked route
	// added by hand, ...): reconciling leaves it in place.
	LeftAlone bool
}

// DriftSummary counts drift items by kind.
type DriftSummary map[DriftKind]int

// SummarizeDrift counts items by kind; every kind is present, with 0 when
// absent.
func SummarizeDrift(items []DriftItem) DriftSummary {
	s := DriftSummary{}
	for _, k := range DriftKinds() {
		s[k] = 0
	}
	for _, it := range items {
		s[it.Kind]++
	}
	return s
}

// Drift classifies a plan made by Diff(d, live, ...) as drift: each change
// becomes an item of the kind that explains it, and what the plan leaves
// alone inside what d manages (routes added by hand to a declared HTTP
// API, policies attached by hand to a declared resource) becomes an
// unmanaged item. Changes that only follow from another (the deploy of an
// updated route, the attachments of a recreated policy) are folded into
// it. Items are sorted by kind, and within a kind come in plan order (the
// order apply would fix them), then what the plan leaves alone.
func Drift(p *Plan, d *model.Desired, live *model.Live) []DriftItem {
	c := newDriftClassifier(p, d, live)
	for _, ch := range p.Changes {
		if it, ok := c.change(ch); ok {
			c.items = append(c.items, it)
		}
	}
	for _, n := range p.Notes {
		if it, ok := c.note(n); ok {
			c.items = append(c.items, it)
		}
	}
	slices.SortStableFunc(c.items, func(a, b DriftItem) int { return cmp.Compare(driftRank(a.Kind), driftRank(b.Kind)) })
	return c.items
}

// driftRank places a kind in DriftKinds' order.
func driftRank(k DriftKind) int { return slices.Index(DriftKinds(), k) }

// driftClassifier is the state of one Drift call.
type driftClassifier struct {
	d     *model.Desired
	live  *model.Live
	items []DriftItem
	// reconfigured holds the route paths that a create, update or
	// replace touches (their deploys follow from it); created the
	// resource paths created or replaced (their attachments follow);
	// removed the resource paths deleted or replaced (their detaches
	// follow).
	reconfigured, created, removed map[string]bool
	// attaches and detaches are the attachment changes by key.
	attaches, detaches map[string]*Change
	// declaredAt holds where each declared resource path is declared.
	declaredAt map[string]model.Pos
}

func newDriftClassifier(p *Plan, d *model.Desired, live *model.Live) *driftClassifier {
	c := &driftClassifier{d: d, live: live, reconfigured: map[string]bool{}, created: map[string]bool{}, removed: map[string]bool{},
		attaches: map[string]*Change{}, detaches: map[string]*Change{}, declaredAt: declaredPositions(d)}
	for _, ch := range p.Changes {
		c.index(ch)
	}
	return c
}

// index records what a change makes follow from it.
func (c *driftClassifier) index(ch *Change) {
	paths := []string{ch.Resource}
	if old := replacedRoutePath(ch); old != "" {
		paths = append(paths, old)
	}
	for _, path := range paths {
		switch ch.Action {
		case Create, Update:
			c.reconfigured[path] = true
			c.created[path] = ch.Action == Create || c.created[path]
		case Replace:
			c.reconfigured[path], c.created[path], c.removed[path] = true, true, true
		case Delete:
			c.removed[path] = true
		case Attach:
			c.attaches[path] = ch
		case Detach:
			c.detaches[path] = ch
		}
	}
}

// replacedRoutePath is the live path of a route a replace moves to
// another HTTP API, or "".
func replacedRoutePath(ch *Change) string {
	if ch.Action != Replace || ch.Kind != KindRoute {
		return ""
	}
	if rd, ok := ch.Before.(*RouteDoc); ok && rd != nil && rd.API != ch.API {
		return model.RoutePath(rd.API, ch.Name)
	}
	return ""
}

// declaredPositions maps each declared resource path to its position.
func declaredPositions(d *model.Desired) map[string]model.Pos {
	at := map[string]model.Pos{}
	for _, s := range d.Services {
		at[model.ServicePath(s.Name)] = s.Pos
	}
	for _, dm := range d.Domains {
		at[model.DomainPath(dm.Name)] = dm.Pos
	}
	for _, p := range d.Policies {
		at[model.PolicyPath(p.Name)] = p.Pos
	}
	for _, a := range d.HTTPAPIs {
		at[model.HTTPAPIPath(a.Name)] = a.Pos
		for _, r := range a.Routes {
			at[r.Path()] = r.Pos
		}
	}
	if hwmodel.Of(d) != nil {
		hwDeclaredPositions(hwmodel.Of(d), at)
	}
	return at
}

// hwDeclaredPositions adds the declared Huawei resources to at.
func hwDeclaredPositions(h *hwmodel.State, at map[string]model.Pos) {
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
	for _, t := range h.Throttles {
		at[hwmodel.PolicyPath(hwmodel.KindThrottle, t.Name)] = t.Pos
	}
	for _, a := range h.ACLs {
		at[hwmodel.PolicyPath(hwmodel.KindACL, a.Name)] = a.Pos
	}
	for _, p := range h.Plugins {
		at[hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name)] = p.Pos
	}
}

// item starts a drift item about a change's resource.
func item(k DriftKind, ch *Change, reason string) DriftItem {
	return DriftItem{Kind: k, Type: ch.Kind, Name: ch.Name, API: ch.API, Resource: ch.Resource, ID: ch.ID, Reason: reason, Pos: ch.Pos}
}

// change classifies one change; ok is false for a change that follows
// from another.
func (c *driftClassifier) change(ch *Change) (DriftItem, bool) {
	switch ch.Action {
	case Update:
		it := item(DriftChanged, ch, ch.Reason)
		it.Fields = ch.Fields
		return it, true
	case Replace:
		it := item(DriftChanged, ch, "must be replaced: "+ch.Reason)
		it.Fields = ch.Fields
		return it, true
	case Create:
		it := item(DriftDeleted, ch, "missing: declared, but not on the gateway")
		it.Fields = fieldChanges(nil, ch.After)
		return it, true
	case Delete:
		it := item(DriftUnmanaged, ch, ch.Reason)
		it.Fields, it.Pos = fieldChanges(ch.Before, nil), c.holderPos(ch.Kind, ch.Resource, ch.API)
		return it, true
	case Deploy:
		return c.deploy(ch)
	case Attach:
		return c.attach(ch)
	case Detach:
		return c.detach(ch)
	}
	return DriftItem{}, false // undeploys go with the delete or replace they precede
}

// deploy classifies a route's deploy: drift of its own unless the route
// is created, updated or replaced anyway.
func (c *driftClassifier) deploy(ch *Change) (DriftItem, bool) {
	if c.reconfigured[ch.Resource] || c.reconfigured[publishedAPI(ch)] {
		return DriftItem{}, false
	}
	it := item(DriftUndeployed, ch, ch.Reason)
	it.Fields = deployFields(ch)
	return it, true
}

// deployFields says how a route's live deploy state differs from the
// desired one: its environment and its status.
func deployFields(ch *Change) []FieldChange {
	var have, want DeployDoc
	if d, ok := ch.Before.(*DeployDoc); ok && d != nil {
		have = *d
	}
	if d, ok := ch.After.(*DeployDoc); ok && d != nil {
		want = *d
	}
	var out []FieldChange
	if have.Environment != want.Environment {
		out = append(out, FieldChange{Path: "/environment", Before: absentIfEmpty(have.Environment), After: absentIfEmpty(want.Environment)})
	}
	if status := cmp.Or(have.Status, statusNotDeployed); status != statusDeployed {
		out = append(out, FieldChange{Path: "/status", Before: status, After: statusDeployed})
	}
	return out
}

// absentIfEmpty is nil for "", so an empty value shows as absent.
func absentIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// attach classifies an attachment the plan makes: missing (detached out
// of band), changed when the plan detaches it first to attach it again
// differently, or nothing of its own when its policy or resource is
// created anyway.
func (c *driftClassifier) attach(ch *Change) (DriftItem, bool) {
	policy, target := attachEnds(ch)
	if c.created[policy] || c.created[target] {
		return DriftItem{}, false
	}
	it := item(DriftDeleted, ch, "missing: declared, but the policy is not attached")
	it.Fields = fieldChanges(nil, ch.After)
	if det := c.detaches[ch.Resource]; det != nil {
		it.Kind, it.ID, it.Reason, it.Fields = DriftChanged, det.ID, det.Reason, fieldChanges(det.Before, ch.After)
	}
	return it, true
}

// detach classifies an attachment the plan removes: unmanaged (attached
// out of band, or left over), unless it goes with its policy or resource
// or is attached again (see attach).
func (c *driftClassifier) detach(ch *Change) (DriftItem, bool) {
	policy, target := attachEnds(ch)
	if c.removed[policy] || c.removed[target] || c.attaches[ch.Resource] != nil {
		return DriftItem{}, false
	}
	it := item(DriftUnmanaged, ch, "attached, but not declared: "+ch.Reason)
	it.Fields, it.Pos = fieldChanges(ch.Before, nil), c.declaredAt[target]
	return it, true
}

// note classifies what the plan leaves alone: drift when it sits inside
// what the desired state declares (a route in a declared HTTP API, a
// policy attached to a declared resource), nothing otherwise.
func (c *driftClassifier) note(n Note) (DriftItem, bool) {
	switch n.Kind {
	case KindRoute:
		// A declared route noted for its missing marker is in step.
		lr := c.liveRoute(n.Resource)
		if lr == nil || c.isDeclared(n.Resource) || !c.isDeclared(model.HTTPAPIPath(lr.API)) {
			return DriftItem{}, false
		}
		return DriftItem{Kind: DriftUnmanaged, Type: KindRoute, Name: lr.Name, API: lr.API, Resource: n.Resource, ID: n.ID,
			Fields: fieldChanges(routeDoc(lr, lr.Description), nil), Reason: n.Reason,
			Pos: c.declaredAt[model.HTTPAPIPath(lr.API)], LeftAlone: true}, true
	case KindAttachment:
		la := c.liveAttachment(n.Resource)
		if la == nil || !c.isDeclared(la.Resource) || c.isDeclared(model.PolicyPath(la.Policy.Name)) {
			return DriftItem{}, false
		}
		return DriftItem{Kind: DriftUnmanaged, Type: KindAttachment, Name: la.Policy.Name, Resource: n.Resource, ID: n.ID,
			Fields: fieldChanges(attachmentDoc(la), nil), Reason: n.Reason, Pos: c.declaredAt[la.Resource], LeftAlone: true}, true
	}
	return DriftItem{}, false
}

// holderPos is where the declared resource holding an undeclared one is:
// a route's HTTP API; none for other kinds.
func (c *driftClassifier) holderPos(k Kind, resource, api string) model.Pos {
	if k == KindRoute && api != "" {
		return c.declaredAt[model.HTTPAPIPath(api)]
	}
	return c.declaredAt[resource]
}

func (c *driftClassifier) isDeclared(path string) bool {
	_, ok := c.declaredAt[path]
	return ok
}

func (c *driftClassifier) liveRoute(path string) *model.Route {
	for _, r := range c.live.State.Routes() {
		if r.Path() == path {
			return r
		}
	}
	return nil
}

func (c *driftClassifier) liveAttachment(key string) *model.Attachment {
	for _, a := range c.live.State.Attachments {
		if model.AttachmentKey(a.Policy.Name, a.Resource) == key {
			return a
		}
	}
	return nil
}

// attachEnds are the resource paths of the policy and the resource an
// attachment (or a Huawei binding) joins.
func attachEnds(ch *Change) (policy, target string) {
	for _, d := range []Document{ch.After, ch.Before} {
		if b, ok := d.(*HuaweiBindingDoc); ok {
			return hwmodel.PolicyPath(b.PolicyKind, b.Policy), hwmodel.APIPath(b.Group, b.API)
		}
	}
	return model.PolicyPath(ch.Name), attachTarget(ch)
}

// publishedAPI is the resource path of the API a Huawei publish is
// about, or "".
func publishedAPI(ch *Change) string {
	if ch.Kind != KindAPI {
		return ""
	}
	api, _, _ := ParseHuaweiPublicationKey(ch.Resource)
	return api
}
