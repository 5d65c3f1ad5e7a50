package huawei

import (
	"github.com/gwsync/gwsync/diag"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/validate"
)

// checkHWReferences checks the names a Huawei desired state refers by: the
// environments APIs are published to and variables are defined for (RELEASE
// too must be declared to be used), and the APIs and environments policies
// bind to. They are the contract's reference rule.
func checkHWReferences(h *hwmodel.State, out *[]diag.Finding) {
	envs := validate.NewNames("environment", "environments", h.Environments, func(e *hwmodel.Environment) string { return e.Name })
	apis := validate.NewNames("API", "the groups' apis", h.APIs(), func(a *hwmodel.API) string { return a.Name })
	for _, g := range h.Groups {
		seen := map[string]bool{}
		for _, v := range g.Variables {
			if !seen[v.Env.Name] {
				seen[v.Env.Name] = true
				envs.Refer(v.Env, hwmodel.GroupPath(g.Name), "environment", out)
			}
		}
		for _, a := range g.APIs {
			for _, e := range a.Publish {
				envs.Refer(e, a.Path(), "environment", out)
			}
		}
	}
	for _, b := range h.Bindings() {
		res := hwmodel.PolicyPath(b.Kind, b.Name)
		apis.Refer(b.Binding.API, res, "API", out)
		envs.Refer(b.Binding.Env, res, "environment", out)
	}
}
