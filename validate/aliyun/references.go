package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/validate"
)

// checkReferences checks the names routes, HTTP APIs and domains refer
// to: environments, domains, backend services and policies.
func checkReferences(d *model.Desired, out *[]diag.Finding) {
	st := alimodel.Of(d)
	envs := validate.NewNames("environment", "environments", st.Environments, func(e *alimodel.Environment) string { return e.Name })
	doms := validate.NewNames("domain", "domains", st.Domains, func(e *alimodel.Domain) string { return e.Name })
	svcs := validate.NewNames("service", "services", st.Services, func(e *alimodel.Service) string { return e.Name })
	pols := validate.NewNames("policy", "policies", st.Policies, func(e *alimodel.Policy) string { return e.Name })
	for _, dom := range st.Domains {
		for _, p := range dom.Policies {
			pols.Refer(p, alimodel.DomainPath(dom.Name), "policy", out)
		}
	}
	for _, api := range st.HTTPAPIs {
		for _, p := range api.Policies {
			pols.Refer(p, alimodel.HTTPAPIPath(api.Name), "policy", out)
		}
		for _, r := range api.Routes {
			if r.Environment.Name != "" {
				envs.Refer(r.Environment, r.Path(), "environment", out)
			}
			for _, dm := range r.Domains {
				doms.Refer(dm, r.Path(), "domain", out)
			}
			for _, s := range r.Backend.Services {
				svcs.Refer(s.Service, r.Path(), "backend service", out)
			}
			for _, p := range r.Policies {
				pols.Refer(p, r.Path(), "policy", out)
			}
		}
	}
}
