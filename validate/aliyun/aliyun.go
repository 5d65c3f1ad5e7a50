// Package aliyun holds the offline rules of Alibaba Cloud APIG desired
// states: names and match values free of control characters,
// references, route names, backends, deployability, domains,
// services, match paths, policy configs and attachments, and route
// overlap decided by package conflicts' engine. Desired runs them;
// package validate runs the rules every kind shares.
package aliyun

import (
	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/reqpath"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/validate"
)

// check is one rule family: it appends its findings about d to out.
type check func(d *model.Desired, out *[]diag.Finding)

// checks are every rule family but route overlap, in no particular order
// (findings are sorted at the end).
var checks = []check{
	checkText,
	checkReferences,
	checkRouteNames,
	checkDuplicateRoutes,
	checkPaths,
	checkBackends,
	checkDeployable,
	checkDomains,
	checkServices,
	checkPolicyConfigs,
	checkPolicyAttachments,
}

// Desired runs every APIG rule over d and appends the findings to out
// (none when d holds no APIG state).
//
// Route overlap, the costliest family, runs beside the others.
func Desired(d *model.Desired, out *[]diag.Finding) {
	if alimodel.Of(d) == nil {
		return
	}
	overlaps := make(chan []diag.Finding, 1)
	go func() {
		var out []diag.Finding
		checkRouteOverlap(d, &out)
		overlaps <- out
	}()
	for _, c := range checks {
		c(d, out)
	}
	*out = append(*out, <-overlaps...)
}

// ProbeDomains are the domains a probe of d may name: its declared
// domains.
func ProbeDomains(d *model.Desired) validate.Names {
	var domains []*alimodel.Domain
	if s := alimodel.Of(d); s != nil {
		domains = s.Domains
	}
	return validate.NewNames("domain", "domains", domains, func(e *alimodel.Domain) string { return e.Name })
}

// checkRouteOverlap runs the overlap engine over the routes whose paths
// are well formed; checkPaths reports the others, once.
func checkRouteOverlap(d *model.Desired, out *[]diag.Finding) {
	var routes []*model.Route
	for _, r := range alimodel.Of(d).Routes() {
		if r.Match.Path.Type == model.PathRegex || reqpath.Problem(r.Match.Path.Value) == "" {
			routes = append(routes, r)
		}
	}
	*out = append(*out, conflicts.Routes(routes)...)
}
