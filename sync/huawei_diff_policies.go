package sync

import (
	"fmt"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// hwPolicy is a throttle, an ACL or a plugin, seen alike.
type hwPolicy struct {
	kind Kind   // KindThrottle, KindACL or KindPlugin
	list string // hwmodel.KindThrottle, HuaweiKindACL or HuaweiKindPlugin
	name string
	// remark is the policy's remark (without the marker when desired, as
	// read when live); nil for an ACL, which has none.
	remark *string
	doc    func(remark string) Document
	pos    model.Pos
}

func (p *hwPolicy) path() string { return hwmodel.PolicyPath(p.list, p.name) }

// hwPolicies lists a state's throttles, ACLs and plugins.
func hwPolicies(h *hwmodel.State) []*hwPolicy {
	var out []*hwPolicy
	for _, t := range h.Throttles {
		out = append(out, &hwPolicy{kind: KindThrottle, list: hwmodel.KindThrottle, name: t.Name, remark: &t.Remark,
			doc: func(r string) Document { return hwThrottleDoc(t, r) }, pos: t.Pos})
	}
	for _, a := range h.ACLs {
		out = append(out, &hwPolicy{kind: KindACL, list: hwmodel.KindACL, name: a.Name,
			doc: func(string) Document { return hwACLDoc(a) }, pos: a.Pos})
	}
	for _, p := range h.Plugins {
		out = append(out, &hwPolicy{kind: KindPlugin, list: hwmodel.KindPlugin, name: p.Name, remark: &p.Remark,
			doc: func(r string) Document { return hwPluginDoc(p, r) }, pos: p.Pos})
	}
	return out
}

// policies plans the throttles, ACLs and plugins: create, update, and
// delete of the undeclared ones this desired state owns (with --prune).
func (hd *hwDiffer) policies() {
	for _, p := range hwPolicies(hd.want) {
		hd.policy(p, hd.x.policies[p.path()])
	}
	for _, lp := range hwPolicies(hd.have) {
		if !hd.declared[lp.path()] {
			hd.undeclaredPolicy(lp)
		}
	}
}

func (hd *hwDiffer) policy(p, live *hwPolicy) {
	path := p.path()
	if p.remark == nil {
		// An ACL: no remark, so no marker; a live one is adopted as is.
		var have Document
		if live != nil {
			have = live.doc("")
		}
		hd.compare(p.kind, p.name, path, p.pos, have, p.doc(""))
		return
	}
	want, bare := p.doc(WithMarker(*p.remark, hd.opts.Owner)), p.doc(*p.remark)
	if live == nil {
		hd.marked(p.kind, p.name, path, p.pos, nil, nil, want, bare)
		return
	}
	hd.marked(p.kind, p.name, path, p.pos, live.remark, live.doc(*live.remark), want, bare)
}

func (hd *hwDiffer) undeclaredPolicy(lp *hwPolicy) {
	path := lp.path()
	if lp.remark == nil {
		hd.note(lp.kind, lp.name, path, "not declared; an ACL has no remark to carry the ownership marker, so gwsync never deletes one; left alone")
		return
	}
	if !hd.undeclared(lp.kind, lp.name, path, *lp.remark, "") {
		return
	}
	hd.gone[path] = true
	hd.add(&Change{Action: Delete, Kind: lp.kind, Name: lp.name, Resource: path, ID: hd.id(path),
		Before: lp.doc(*lp.remark), Reason: hd.pruneReason("")})
}

// hwBinding is one policy bound to one API in one environment.
type hwBinding struct {
	key string
	doc *HuaweiBindingDoc
	pos model.Pos
}

// hwBindings lists a state's bindings, each keyed by HuaweiBindingKey.
func hwBindings(h *hwmodel.State) []hwBinding {
	var out []hwBinding
	for _, r := range h.Bindings() {
		group := ""
		if a := h.API(r.Binding.API.Name); a != nil {
			group = a.Group
		}
		doc := &HuaweiBindingDoc{PolicyKind: r.Kind, Policy: r.Name, Group: group, API: r.Binding.API.Name, Env: r.Binding.Env.Name}
		if r.Kind == hwmodel.KindPlugin {
			doc.PluginType = r.Type
		}
		pos := r.Binding.Pos
		if !pos.IsValid() {
			pos = r.PolicyPos
		}
		out = append(out, hwBinding{key: HuaweiBindingKey(r.Kind, r.Name, group, doc.API, doc.Env), doc: doc, pos: pos})
	}
	return out
}

// bindings plans the bindings: bind what is declared and missing, unbind
// what is live and no longer declared, or whose policy or API goes away.
func (hd *hwDiffer) bindings() {
	wanted := map[string]bool{}
	for _, b := range hwBindings(hd.want) {
		if wanted[b.key] {
			continue
		}
		wanted[b.key] = true
		if _, ok := hd.x.bindings[b.key]; !ok {
			hd.add(&Change{Action: Attach, Kind: KindBinding, Name: b.doc.Policy, Resource: b.key, After: b.doc, Pos: b.pos})
		}
	}
	for _, b := range hwBindings(hd.have) {
		if !wanted[b.key] {
			hd.liveBinding(b)
		}
	}
}

// liveBinding decides about a live binding the desired state does not
// declare.
func (hd *hwDiffer) liveBinding(b hwBinding) {
	policy := hwmodel.PolicyPath(b.doc.PolicyKind, b.doc.Policy)
	api := hwmodel.APIPath(b.doc.Group, b.doc.API)
	switch {
	case hd.gone[policy]:
		hd.unbind(b, fmt.Sprintf("policy %q is deleted", b.doc.Policy))
	case hd.gone[api]:
		hd.unbind(b, fmt.Sprintf("API %q is deleted", b.doc.API))
	case hd.declared[policy]:
		hd.unbind(b, fmt.Sprintf("policy %q no longer binds API %q in %s", b.doc.Policy, b.doc.API, b.doc.Env))
	case hd.declared["apis."+b.doc.API]:
		hd.note(KindBinding, b.doc.Policy, b.key, fmt.Sprintf("policy %q, which this desired state does not manage, is bound to API %q in %s; left alone",
			b.doc.Policy, b.doc.API, b.doc.Env))
	}
}

func (hd *hwDiffer) unbind(b hwBinding, reason string) {
	hd.add(&Change{Action: Detach, Kind: KindBinding, Name: b.doc.Policy, Resource: b.key, ID: hd.id(b.key), Before: b.doc, Reason: reason})
}
