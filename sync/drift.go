package sync

import (
	"cmp"
	"slices"

	"github.com/gwsync/gwsync/model"
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
	// attachment, its key as the kind names it.
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
	c := &driftClassifier{live: live, reconfigured: map[string]bool{}, created: map[string]bool{}, removed: map[string]bool{},
		attaches: map[string]*Change{}, detaches: map[string]*Change{}, declaredAt: declaredPositions(d)}
	for _, ch := range p.Changes {
		c.index(ch)
	}
	return c
}

// index records what a change makes follow from it.
func (c *driftClassifier) index(ch *Change) {
	paths := append([]string{ch.Resource}, changeDrift(ch).Also...)
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

// changeDrift is what the gateway kind ch is of says of it for drift.
func changeDrift(ch *Change) ChangeDrift {
	if k := ownerOf(ch); k != nil {
		return k.ChangeDrift(ch)
	}
	return ChangeDrift{}
}

// declaredPositions maps each resource path d declares to its position,
// as each gateway kind reads its part of d.
func declaredPositions(d *model.Desired) map[string]model.Pos {
	at := map[string]model.Pos{}
	for _, k := range planners() {
		k.DeclaredPositions(d, at)
	}
	return at
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
		it.Fields = FieldChanges(nil, ch.After)
		return it, true
	case Delete:
		it := item(DriftUnmanaged, ch, ch.Reason)
		it.Fields, it.Pos = FieldChanges(ch.Before, nil), c.declaredAt[cmp.Or(changeDrift(ch).Holder, ch.Resource)]
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
	if c.reconfigured[ch.Resource] || c.reconfigured[changeDrift(ch).Published] {
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
	if status := cmp.Or(have.Status, StatusNotDeployed); status != StatusDeployed {
		out = append(out, FieldChange{Path: "/status", Before: status, After: StatusDeployed})
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
	ends := changeDrift(ch)
	if c.created[ends.Policy] || c.created[ends.Target] {
		return DriftItem{}, false
	}
	it := item(DriftDeleted, ch, "missing: declared, but the policy is not attached")
	it.Fields = FieldChanges(nil, ch.After)
	if det := c.detaches[ch.Resource]; det != nil {
		it.Kind, it.ID, it.Reason, it.Fields = DriftChanged, det.ID, det.Reason, FieldChanges(det.Before, ch.After)
	}
	return it, true
}

// detach classifies an attachment the plan removes: unmanaged (attached
// out of band, or left over), unless it goes with its policy or resource
// or is attached again (see attach).
func (c *driftClassifier) detach(ch *Change) (DriftItem, bool) {
	ends := changeDrift(ch)
	if c.removed[ends.Policy] || c.removed[ends.Target] || c.attaches[ch.Resource] != nil {
		return DriftItem{}, false
	}
	it := item(DriftUnmanaged, ch, "attached, but not declared: "+ch.Reason)
	it.Fields, it.Pos = FieldChanges(ch.Before, nil), c.declaredAt[ends.Target]
	return it, true
}

// note classifies what the plan leaves alone: drift when it sits inside
// what the desired state declares (a route in a declared HTTP API, a
// policy attached to a declared resource), as the gateway kind whose
// resource kind it is says; nothing otherwise.
func (c *driftClassifier) note(n Note) (DriftItem, bool) {
	if k := ownerOfKind(n.Kind); k != nil {
		return k.DriftNote(n, c.live, c.declaredAt)
	}
	return DriftItem{}, false
}
