// Package aliyun is the dump of an Alibaba Cloud API Gateway (APIG), or
// of the embedded APIG gateway (provider local): the live gateway
// written in the shape of the contract's schema, with the writing helpers
// of package dump.
//
// Policy configs are written as structured CUE, without what the compiler
// fills in (IpAccessControl's target fields); a policy is attached by the
// policies lists of the domains, HTTP APIs and routes it is attached to.
// What the desired state cannot express (a policy class gwsync does not
// model, an attachment to a resource gwsync does not manage or in an
// environment it cannot name, a route that is not deployed, what another
// desired state marks) is left out. The read's notes are not copied: each
// has a structured counterpart the dump reads itself (the live state's
// Unmanaged, a
// policy config that does not decode).
package aliyun

import (
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// Build writes a live APIG gateway as a desired state; opts.Split is
// dump.SplitSingle or dump.SplitPerAPI.
func Build(live *model.Live, opts dump.Options) (*dump.Result, error) {
	st := alimodel.Of(&live.State)
	if st == nil {
		st = &alimodel.State{}
	}
	sel := choose(live, st, opts.Gateway.Owner)
	w := newWriter(live, sel, opts)
	if err := w.files(); err != nil {
		return nil, err
	}
	policies, apis, routes := sel.counts()
	return w.Result(sel.owner,
		dump.Count{N: len(st.Services), Noun: "service"},
		dump.Count{N: len(st.Domains), Noun: "domain"},
		dump.Count{N: policies, Noun: "policy"},
		dump.Count{N: apis, Noun: "HTTP API"},
		dump.Count{N: routes, Noun: "route"},
	), nil
}
