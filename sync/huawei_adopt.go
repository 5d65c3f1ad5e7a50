package sync

import (
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// hwLiveDocOf is liveDocOf for a Huawei create or attach: the live
// document of the resource it is about, normalised as diffHuawei
// normalises it, or nil when the instance has none; ok is false for a
// change of another provider.
func hwLiveDocOf(live *model.Live, c *Change) (doc Document, ok bool) {
	h := hwmodel.Of(&live.State)
	if h == nil {
		h = &hwmodel.State{}
	}
	x := indexHuawei(h)
	switch want := c.After.(type) {
	case *HuaweiEnvironmentDoc:
		if e := x.envs[c.Name]; e != nil {
			return hwEnvironmentDoc(e, e.Remark), true
		}
	case *HuaweiGroupDoc:
		if g := x.groups[c.Name]; g != nil {
			return hwGroupDoc(g, g.Remark), true
		}
	case *HuaweiVariableDoc:
		if v := x.variables[c.Resource]; v != nil {
			return hwVariableDoc(v), true
		}
	case *HuaweiAPIDoc:
		if a := x.apis[c.Name]; a != nil {
			return hwLiveAPIDoc(a, a.Remark, want), true
		}
	case *HuaweiThrottleDoc, *HuaweiACLDoc, *HuaweiPluginDoc:
		if p := x.policies[c.Resource]; p != nil {
			remark := ""
			if p.remark != nil {
				remark = *p.remark
			}
			return p.doc(remark), true
		}
	case *HuaweiBindingDoc:
		if b, found := x.bindings[c.Resource]; found {
			return b.doc, true
		}
	case *HuaweiDomainDoc:
		if d := x.domains[c.Name]; d != nil {
			return hwLiveDomainDoc(d, want), true
		}
	default:
		return nil, false
	}
	return nil, true
}
