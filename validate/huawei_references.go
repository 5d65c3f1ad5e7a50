package validate

import (
	"github.com/gwsync/gwsync/diag"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// checkHWReferences checks the names a Huawei desired state refers by: the
// environments APIs are published to and variables are defined for (RELEASE
// too must be declared to be used), and the APIs and environments policies
// bind to. They are the contract's reference rule.
func checkHWReferences(h *hwmodel.State, out *[]diag.Finding) {
	envs := newNames("environment", "environments", h.Environments, func(e *hwmodel.Environment) string { return e.Name })
	apis := newNames("API", "the groups' apis", h.APIs(), func(a *hwmodel.API) string { return a.Name })
	for _, g := range h.Groups {
		seen := map[string]bool{}
		for _, v := range g.Variables {
			if !seen[v.Env.Name] {
				seen[v.Env.Name] = true
				envs.refer(v.Env, hwmodel.GroupPath(g.Name), "environment", out)
			}
		}
		for _, a := range g.APIs {
			for _, e := range a.Publish {
				envs.refer(e, a.Path(), "environment", out)
			}
		}
	}
	for _, b := range h.Bindings() {
		res := hwmodel.PolicyPath(b.Kind, b.Name)
		apis.refer(b.Binding.API, res, "API", out)
		envs.refer(b.Binding.Env, res, "environment", out)
	}
}
