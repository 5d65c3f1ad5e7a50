package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/validate"
)

// checkReferences checks the names routes, HTTP APIs and domains refer
// to: environments, domains, backend services and policies.
func checkReferences(d *model.Desired, out *[]diag.Finding) {
	envs := validate.NewNames("environment", "environments", d.Environments, func(e *model.Environment) string { return e.Name })
	doms := validate.NewNames("domain", "domains", d.Domains, func(e *model.Domain) string { return e.Name })
	svcs := validate.NewNames("service", "services", d.Services, func(e *model.Service) string { return e.Name })
	pols := validate.NewNames("policy", "policies", d.Policies, func(e *model.Policy) string { return e.Name })
	for _, dom := range d.Domains {
		for _, p := range dom.Policies {
			pols.Refer(p, model.DomainPath(dom.Name), "policy", out)
		}
	}
	for _, api := range d.HTTPAPIs {
		for _, p := range api.Policies {
			pols.Refer(p, model.HTTPAPIPath(api.Name), "policy", out)
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
