package aliyun

import (
	"cmp"
	"fmt"

	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// policies plans the policies: create, update (config compared
// canonically), or replace when the className changes.
func (df *differ) policies() {
	for _, p := range df.want.Policies {
		df.policy(p)
	}
	for _, lp := range df.have.Policies {
		path := alimodel.PolicyPath(lp.Name)
		if df.Declared[path] || !df.Undeclared(gwsync.KindPolicy, lp.Name, path, lp.Description, "") || df.attachedElsewhere(lp) {
			continue
		}
		df.Prune(gwsync.KindPolicy, lp.Name, path, policyDoc(lp, lp.Description), "")
	}
}

// attachedElsewhere reports (with a note) a policy gwsync would prune that
// is attached to a resource this desired state does not manage: deleting
// it would take that attachment, which gwsync did not make, with it.
func (df *differ) attachedElsewhere(lp *alimodel.Policy) bool {
	for _, la := range df.have.Attachments {
		if la.Policy.Name == lp.Name && !df.manages(la.Resource) {
			df.Note(gwsync.KindPolicy, lp.Name, alimodel.PolicyPath(lp.Name), fmt.Sprintf(
				"not declared and carries this desired state's marker, but it is attached to %s, which this desired state does not manage (attachment %s): gwsync did not make that attachment and will not remove it; detach it there, and the policy is deleted with the next prune",
				la.Resource, cmp.Or(df.ID(alimodel.AttachmentKey(la.Policy.Name, la.Resource)), "of unknown ID")))
			return true
		}
	}
	return false
}

// manages reports whether a resource is this desired state's: declared
// here, or a live route or HTTP API that carries its marker.
func (df *differ) manages(path string) bool {
	if df.Declared[path] {
		return true
	}
	for _, a := range df.have.HTTPAPIs {
		if alimodel.HTTPAPIPath(a.Name) == path {
			own, _ := gwsync.OwnerOf(a.Description, df.Opts.Owner)
			return own == gwsync.Ours
		}
		for _, r := range a.Routes {
			if r.Path() == path {
				own, _ := gwsync.OwnerOf(r.Description, df.Opts.Owner)
				return own == gwsync.Ours
			}
		}
	}
	return false
}

func (df *differ) policy(p *alimodel.Policy) {
	path := alimodel.PolicyPath(p.Name)
	want := policyDoc(p, gwsync.WithMarker(p.Description, df.Opts.Owner))
	live := df.idx.policies[p.Name]
	if live == nil {
		df.Compare(gwsync.KindPolicy, p.Name, path, p.Pos, nil, want)
		return
	}
	own, ok := df.Claim(gwsync.KindPolicy, p.Name, path, p.Pos, live.Description)
	if !ok {
		return
	}
	have := policyDoc(live, live.Description)
	have.Config = livePolicyConfig(have.Config, want.Config)
	if have.ClassName != want.ClassName {
		why := "className " + have.ClassName + " becomes " + want.ClassName + ", which APIG cannot change in place"
		if own != gwsync.Ours {
			df.refuseUnmarkedReplace(gwsync.KindPolicy, p.Name, path, p.Pos, why)
			return
		}
		df.Gone[path] = true
		df.replacedPolicies[p.Name] = true
		df.Add(&gwsync.Change{Action: gwsync.Replace, Kind: gwsync.KindPolicy, Name: p.Name, Resource: path, ID: df.ID(path), Before: have, After: want,
			Fields: gwsync.FieldChanges(have, want), Pos: p.Pos, Reason: why + "; its attachments are detached first and attached again"})
		return
	}
	df.Adopt(gwsync.KindPolicy, p.Name, path, p.Pos, own, have, want, &gwsync.PolicyDoc{ClassName: want.ClassName, Description: p.Description, Config: want.Config})
}

// httpAPIs plans the HTTP APIs. Undeclared ones are pruned after the
// routes (see pruneAPIs), since an API goes only with all its routes.
func (df *differ) httpAPIs() {
	for _, a := range df.want.HTTPAPIs {
		path := alimodel.HTTPAPIPath(a.Name)
		want := httpAPIDoc(a, gwsync.WithMarker(a.Description, df.Opts.Owner))
		if live := df.idx.apis[a.Name]; live != nil {
			df.Marked(gwsync.KindHTTPAPI, a.Name, path, a.Pos, &live.Description, httpAPIDoc(live, live.Description), want, httpAPIDoc(a, a.Description))
		} else {
			df.Marked(gwsync.KindHTTPAPI, a.Name, path, a.Pos, nil, nil, want, nil)
		}
	}
}

// pruneAPIs deletes the undeclared HTTP APIs this desired state owns,
// with --prune, when every route in them goes too.
func (df *differ) pruneAPIs() {
	for _, a := range df.have.HTTPAPIs {
		path := alimodel.HTTPAPIPath(a.Name)
		if df.Declared[path] {
			continue
		}
		var staying []string
		for _, r := range a.Routes {
			if !df.Gone[r.Path()] {
				staying = append(staying, r.Name)
			}
		}
		df.PruneHolder(gwsync.KindHTTPAPI, a.Name, path, a.Description, httpAPIDoc(a, a.Description), "routes", staying)
	}
}
