package huawei

import (
	"fmt"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// hwPolicy is a throttle, an ACL or a plugin, seen alike.
type hwPolicy struct {
	kind gwsync.Kind // KindThrottle, KindACL or KindPlugin
	list string      // hwmodel.KindThrottle, KindACL or KindPlugin
	name string
	// remark is the policy's remark (without the marker when desired, as
	// read when live); nil for an ACL, which has none.
	remark *string
	doc    func(remark string) gwsync.Document
	pos    model.Pos
}

func (p *hwPolicy) path() string { return hwmodel.PolicyPath(p.list, p.name) }

// policiesOf lists a state's throttles, ACLs and plugins.
func policiesOf(h *hwmodel.State) []*hwPolicy {
	var out []*hwPolicy
	for _, t := range h.Throttles {
		out = append(out, &hwPolicy{kind: KindThrottle, list: hwmodel.KindThrottle, name: t.Name, remark: &t.Remark,
			doc: func(r string) gwsync.Document { return throttleDoc(t, r) }, pos: t.Pos})
	}
	for _, a := range h.ACLs {
		out = append(out, &hwPolicy{kind: KindACL, list: hwmodel.KindACL, name: a.Name,
			doc: func(string) gwsync.Document { return aclDoc(a) }, pos: a.Pos})
	}
	for _, p := range h.Plugins {
		out = append(out, &hwPolicy{kind: KindPlugin, list: hwmodel.KindPlugin, name: p.Name, remark: &p.Remark,
			doc: func(r string) gwsync.Document { return pluginDoc(p, r) }, pos: p.Pos})
	}
	return out
}

// policies plans the throttles, ACLs and plugins: create, update, and
// delete of the undeclared ones this desired state owns (with --prune).
func (hd *differ) policies() {
	for _, p := range policiesOf(hd.want) {
		hd.policy(p, hd.x.policies[p.path()])
	}
	for _, lp := range policiesOf(hd.have) {
		if !hd.Declared[lp.path()] {
			hd.undeclaredPolicy(lp)
		}
	}
}

func (hd *differ) policy(p, live *hwPolicy) {
	path := p.path()
	if p.remark == nil {
		// An ACL: no remark, so no marker; a live one is adopted as is.
		var have gwsync.Document
		if live != nil {
			have = live.doc("")
		}
		hd.Compare(p.kind, p.name, path, p.pos, have, p.doc(""))
		return
	}
	want, bare := p.doc(gwsync.WithMarker(*p.remark, hd.Opts.Owner)), p.doc(*p.remark)
	if live == nil {
		hd.Marked(p.kind, p.name, path, p.pos, nil, nil, want, bare)
		return
	}
	hd.Marked(p.kind, p.name, path, p.pos, live.remark, live.doc(*live.remark), want, bare)
}

func (hd *differ) undeclaredPolicy(lp *hwPolicy) {
	path := lp.path()
	if lp.remark == nil {
		hd.Note(lp.kind, lp.name, path, "not declared; an ACL has no remark to carry the ownership marker, so gwsync never deletes one; left alone")
		return
	}
	if !hd.Undeclared(lp.kind, lp.name, path, *lp.remark, "") {
		return
	}
	hd.Prune(lp.kind, lp.name, path, lp.doc(*lp.remark), "")
}

// hwBinding is one policy bound to one API in one environment.
type hwBinding struct {
	key string
	doc *BindingDoc
	pos model.Pos
}

// bindingsOf lists a state's bindings, each keyed by BindingKey.
func bindingsOf(h *hwmodel.State) []hwBinding {
	var out []hwBinding
	for _, r := range h.Bindings() {
		group := ""
		if a := h.API(r.Binding.API.Name); a != nil {
			group = a.Group
		}
		doc := &BindingDoc{PolicyKind: r.Kind, Policy: r.Name, Group: group, API: r.Binding.API.Name, Env: r.Binding.Env.Name}
		if r.Kind == hwmodel.KindPlugin {
			doc.PluginType = r.Type
		}
		pos := r.Binding.Pos
		if !pos.IsValid() {
			pos = r.PolicyPos
		}
		out = append(out, hwBinding{key: BindingKey(r.Kind, r.Name, group, doc.API, doc.Env), doc: doc, pos: pos})
	}
	return out
}

// bindings plans the bindings: bind what is declared and missing, unbind
// what is live and no longer declared, or whose policy or API goes away.
func (hd *differ) bindings() {
	wanted := map[string]bool{}
	for _, b := range bindingsOf(hd.want) {
		if wanted[b.key] {
			continue
		}
		wanted[b.key] = true
		if _, ok := hd.x.bindings[b.key]; !ok {
			hd.Add(&gwsync.Change{Action: gwsync.Attach, Kind: KindBinding, Name: b.doc.Policy, Resource: b.key, After: b.doc, Pos: b.pos})
		}
	}
	for _, b := range bindingsOf(hd.have) {
		if !wanted[b.key] {
			hd.liveBinding(b)
		}
	}
}

// liveBinding decides about a live binding the desired state does not
// declare.
func (hd *differ) liveBinding(b hwBinding) {
	policy := hwmodel.PolicyPath(b.doc.PolicyKind, b.doc.Policy)
	api := hwmodel.APIPath(b.doc.Group, b.doc.API)
	switch {
	case hd.Gone[policy]:
		hd.unbind(b, fmt.Sprintf("policy %q is deleted", b.doc.Policy))
	case hd.Gone[api]:
		hd.unbind(b, fmt.Sprintf("API %q is deleted", b.doc.API))
	case hd.Declared[policy]:
		hd.unbind(b, fmt.Sprintf("policy %q no longer binds API %q in %s", b.doc.Policy, b.doc.API, b.doc.Env))
	case hd.Declared["apis."+b.doc.API]:
		hd.Note(KindBinding, b.doc.Policy, b.key, fmt.Sprintf("policy %q, which this desired state does not manage, is bound to API %q in %s; left alone",
			b.doc.Policy, b.doc.API, b.doc.Env))
	}
}

func (hd *differ) unbind(b hwBinding, reason string) {
	hd.Add(&gwsync.Change{Action: gwsync.Detach, Kind: KindBinding, Name: b.doc.Policy, Resource: b.key, ID: hd.ID(b.key), Before: b.doc, Reason: reason})
}
