package huawei

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// DesiredCounts counts a Huawei desired state's APIs, groups, bound
// domains, policies (throttles, ACLs and plugins) and environments.
func (Kind) DesiredCounts(d *model.Desired) []report.Count {
	h := hwmodel.Of(d)
	if h == nil {
		h = &hwmodel.State{}
	}
	domains := 0
	for _, g := range h.Groups {
		domains += len(g.Domains)
	}
	return []report.Count{
		{N: len(h.APIs()), Noun: "API"}, {N: len(h.Groups), Noun: "group"}, {N: domains, Noun: "domain"},
		{N: len(h.Throttles) + len(h.ACLs) + len(h.Plugins), Noun: "policy"}, {N: len(h.Environments), Noun: "environment"},
	}
}

// ChangeTitle names a binding change: "bind throttle t to api a (new) in
// environment "RELEASE"", or is "" for any other change.
func (Kind) ChangeTitle(c *sync.Change) string {
	for _, d := range []sync.Document{c.After, c.Before} {
		if b, ok := d.(*hwsync.BindingDoc); ok && b != nil {
			kind := strings.TrimSuffix(b.PolicyKind, "s")
			if c.Action == sync.Detach {
				return fmt.Sprintf("%s %s %s from api %s (%s) in environment %q", c.Term().Verb, kind, b.Policy, b.API, report.LiveRef(c), b.Env)
			}
			return fmt.Sprintf("%s %s %s to api %s (%s) in environment %q", c.Term().Verb, kind, b.Policy, b.API, report.LiveRef(c), b.Env)
		}
	}
	return ""
}
