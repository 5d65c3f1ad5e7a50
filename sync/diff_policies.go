package sync

import (
	"cmp"
	"fmt"

	"github.com/gwsync/gwsync/model"
)

// policies plans the policies: create, update (config compared
// canonically), or replace when the className changes.
func (df *differ) policies() {
	for _, p := range df.d.Policies {
		df.policy(p)
	}
	for _, lp := range df.live.State.Policies {
		path := model.PolicyPath(lp.Name)
		if df.declared[path] || !df.undeclared(KindPolicy, lp.Name, path, lp.Description, "") || df.attachedElsewhere(lp) {
			continue
		}
		df.gone[path] = true
		df.add(&Change{Action: Delete, Kind: KindPolicy, Name: lp.Name, Resource: path, ID: df.id(path),
			Before: policyDoc(lp, lp.Description), Reason: df.pruneReason("")})
	}
}

// attachedElsewhere reports (with a note) a policy gwsync would prune that
// is attached to a resource this desired state does not manage: deleting
// it would take that attachment, which gwsync did not make, with it.
func (df *differ) attachedElsewhere(lp *model.Policy) bool {
	for _, la := range df.live.State.Attachments {
		if la.Policy.Name == lp.Name && !df.manages(la.Resource) {
			df.note(KindPolicy, lp.Name, model.PolicyPath(lp.Name), fmt.Sprintf(
				"not declared and carries this desired state's marker, but it is attached to %s, which this desired state does not manage (attachment %s): gwsync did not make that attachment and will not remove it; detach it there, and the policy is deleted with the next prune",
				la.Resource, cmp.Or(df.id(model.AttachmentKey(la.Policy.Name, la.Resource)), "of unknown ID")))
			return true
		}
	}
	return false
}

// manages reports whether a resource is this desired state's: declared
// here, or a live route or HTTP API that carries its marker.
func (df *differ) manages(path string) bool {
	if df.declared[path] {
		return true
	}
	for _, a := range df.live.State.HTTPAPIs {
		if model.HTTPAPIPath(a.Name) == path {
			own, _ := ownerOf(a.Description, df.opts.Owner)
			return own == ours
		}
		for _, r := range a.Routes {
			if r.Path() == path {
				own, _ := ownerOf(r.Description, df.opts.Owner)
				return own == ours
			}
		}
	}
	return false
}

func (df *differ) policy(p *model.Policy) {
	path := model.PolicyPath(p.Name)
	want := policyDoc(p, WithMarker(p.Description, df.opts.Owner))
	live := df.idx.policies[p.Name]
	if live == nil {
		df.compare(KindPolicy, p.Name, path, p.Pos, nil, want)
		return
	}
	own, ok := df.claim(KindPolicy, p.Name, path, p.Pos, live.Description)
	if !ok {
		return
	}
	have := policyDoc(live, live.Description)
	have.Config = livePolicyConfig(have.Config, want.Config)
	if have.ClassName != want.ClassName {
		why := "className " + have.ClassName + " becomes " + want.ClassName + ", which APIG cannot change in place"
		if own != ours {
			df.refuseUnmarkedReplace(KindPolicy, p.Name, path, p.Pos, why)
			return
		}
		df.gone[path] = true
		df.replacedPolicies[p.Name] = true
		df.add(&Change{Action: Replace, Kind: KindPolicy, Name: p.Name, Resource: path, ID: df.id(path), Before: have, After: want,
			Fields: fieldChanges(have, want), Pos: p.Pos, Reason: why + "; its attachments are detached first and attached again"})
		return
	}
	if df.unmarkedOnly(KindPolicy, p.Name, path, own, have, &PolicyDoc{ClassName: want.ClassName, Description: p.Description, Config: want.Config}) {
		return
	}
	if c := df.compare(KindPolicy, p.Name, path, p.Pos, have, want); c != nil {
		c.Reason = adoptReason(own)
	}
}

// httpAPIs plans the HTTP APIs. Undeclared ones are pruned after the
// routes (see pruneAPIs), since an API goes only with all its routes.
func (df *differ) httpAPIs() {
	for _, a := range df.d.HTTPAPIs {
		path := model.HTTPAPIPath(a.Name)
		want := httpAPIDoc(a, WithMarker(a.Description, df.opts.Owner))
		live := df.idx.apis[a.Name]
		if live == nil {
			df.compare(KindHTTPAPI, a.Name, path, a.Pos, nil, want)
			continue
		}
		own, ok := df.claim(KindHTTPAPI, a.Name, path, a.Pos, live.Description)
		if !ok {
			continue
		}
		have := httpAPIDoc(live, live.Description)
		if df.unmarkedOnly(KindHTTPAPI, a.Name, path, own, have, httpAPIDoc(a, a.Description)) {
			continue
		}
		if c := df.compare(KindHTTPAPI, a.Name, path, a.Pos, have, want); c != nil {
			c.Reason = adoptReason(own)
		}
	}
}

// pruneAPIs deletes the undeclared HTTP APIs this desired state owns,
// with --prune, when every route in them goes too.
func (df *differ) pruneAPIs() {
	for _, a := range df.live.State.HTTPAPIs {
		path := model.HTTPAPIPath(a.Name)
		if df.declared[path] || !df.undeclared(KindHTTPAPI, a.Name, path, a.Description, "") {
			continue
		}
		var staying []string
		for _, r := range a.Routes {
			if !df.gone[r.Path()] {
				staying = append(staying, r.Name)
			}
		}
		if len(staying) > 0 {
			df.note(KindHTTPAPI, a.Name, path, "not declared, but it still holds routes gwsync does not delete ("+listNames(staying)+"); left alone")
			continue
		}
		df.gone[path] = true
		df.add(&Change{Action: Delete, Kind: KindHTTPAPI, Name: a.Name, Resource: path, ID: df.id(path),
			Before: httpAPIDoc(a, a.Description), Reason: df.pruneReason("")})
	}
}
