package huawei

import (
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// liveDocument is the live document of the resource a Huawei create or
// attach is about, normalised as Diff normalises it, or nil when the
// instance has none.
func liveDocument(live *model.Live, c *gwsync.Change) gwsync.Document {
	x := indexLive(stateOf(&live.State))
	switch want := c.After.(type) {
	case *EnvironmentDoc:
		if e := x.envs[c.Name]; e != nil {
			return environmentDoc(e, e.Remark)
		}
	case *GroupDoc:
		if g := x.groups[c.Name]; g != nil {
			return groupDoc(g, g.Remark)
		}
	case *VariableDoc:
		if v := x.variables[c.Resource]; v != nil {
			return variableDoc(v)
		}
	case *APIDoc:
		if a := x.apis[c.Name]; a != nil {
			return liveAPIDoc(a, a.Remark, want)
		}
	case *ThrottleDoc, *ACLDoc, *PluginDoc:
		if p := x.policies[c.Resource]; p != nil {
			remark := ""
			if p.remark != nil {
				remark = *p.remark
			}
			return p.doc(remark)
		}
	case *BindingDoc:
		if b, found := x.bindings[c.Resource]; found {
			return b.doc
		}
	case *DomainDoc:
		if d := x.domains[c.Name]; d != nil {
			return liveDomainDoc(d, want)
		}
	}
	return nil
}
