// Package validate runs every offline rule over a compiled desired state and
// returns findings, each with its contract rule ID, severity, a message that
// says what to change, the resource path and its position.
//
// One file per rule family; route overlap and policy attachment constraints
// come from package conflicts.
package validate

import (
	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/reqpath"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// check is one rule family: it appends its findings about d to out.
type check func(d *model.Desired, out *[]diag.Finding)

// checks are every rule family, in no particular order (findings are
// sorted at the end).
var checks = []check{
	checkReferences,
	checkRouteNames,
	checkDuplicateRoutes,
	checkPaths,
	checkText,
	checkBackends,
	checkDeployable,
	checkDomains,
	checkServices,
	checkPolicyConfigs,
	checkPolicyAttachments,
	checkProbes,
}

// Desired validates a compiled desired state and returns its findings,
// sorted and each reported once.
//
// Route overlap, the costliest family, runs beside the others.
func Desired(d *model.Desired) []diag.Finding {
	overlaps := make(chan []diag.Finding, 1)
	go func() {
		var out []diag.Finding
		checkRouteOverlap(d, &out)
		overlaps <- out
	}()
	var out []diag.Finding
	for _, c := range checks {
		c(d, &out)
	}
	if hwmodel.Of(d) != nil {
		checkHuawei(hwmodel.Of(d), &out)
	}
	return diag.Sort(append(out, <-overlaps...))
}

func checkPolicyAttachments(d *model.Desired, out *[]diag.Finding) {
	*out = append(*out, conflicts.Policies(d)...)
}

// checkRouteOverlap runs the overlap engine over the routes whose paths
// are well formed; checkPaths reports the others, once.
func checkRouteOverlap(d *model.Desired, out *[]diag.Finding) {
	var routes []*model.Route
	for _, r := range d.Routes() {
		if r.Match.Path.Type == model.PathRegex || reqpath.Problem(r.Match.Path.Value) == "" {
			routes = append(routes, r)
		}
	}
	*out = append(*out, conflicts.Routes(routes)...)
}
