package aliyun

import (
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// liveDocument is the live document of the resource an APIG create or
// attach is about, normalised as Diff normalises it against the wanted
// document, or nil when the gateway has no such resource.
func liveDocument(live *model.Live, c *gwsync.Change) gwsync.Document {
	x := indexLive(stateOf(&live.State))
	switch want := c.After.(type) {
	case *gwsync.ServiceDoc:
		if s := x.services[c.Name]; s != nil {
			return liveServiceDoc(s, want)
		}
	case *gwsync.DomainDoc:
		if d := x.domains[c.Name]; d != nil {
			return liveDomainDoc(d, want)
		}
	case *gwsync.PolicyDoc:
		if p := x.policies[c.Name]; p != nil {
			have := policyDoc(p, p.Description)
			have.Config = livePolicyConfig(have.Config, want.Config)
			return have
		}
	case *gwsync.HTTPAPIDoc:
		if a := x.apis[c.Name]; a != nil {
			return httpAPIDoc(a, a.Description)
		}
	case *gwsync.RouteDoc:
		if rt := x.routes[c.Name]; rt != nil {
			return routeDoc(rt, rt.Description)
		}
	case *gwsync.AttachmentDoc:
		if at := x.attachments[c.Resource]; at != nil {
			return attachmentDoc(at)
		}
	}
	return nil
}
