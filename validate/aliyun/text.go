package aliyun

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/validate"
)

// checkText refuses names and match values that hold a control character
// (see validate.CheckControl); package validate checks the probes'.
func checkText(d *model.Desired, out *[]diag.Finding) {
	s := alimodel.Of(d)
	for _, e := range s.Environments {
		validate.CheckName("environment", e.Name, alimodel.EnvironmentPath(e.Name), e.Pos, out)
	}
	for _, sv := range s.Services {
		validate.CheckName("service", sv.Name, alimodel.ServicePath(sv.Name), sv.Pos, out)
	}
	for _, dm := range s.Domains {
		validate.CheckName("domain", dm.Name, alimodel.DomainPath(dm.Name), dm.Pos, out)
	}
	for _, p := range s.Policies {
		validate.CheckName("policy", p.Name, alimodel.PolicyPath(p.Name), p.Pos, out)
	}
	for _, a := range s.HTTPAPIs {
		validate.CheckName("HTTP API", a.Name, alimodel.HTTPAPIPath(a.Name), a.Pos, out)
		for _, r := range a.Routes {
			checkRouteText(r, out)
		}
	}
}

// checkRouteText checks a route's name, path and conditions.
func checkRouteText(r *model.Route, out *[]diag.Finding) {
	validate.CheckControl(fmt.Sprintf("route name %q", r.Name), r.Name, r.Path(), r.Pos, out)
	if r.Match.Path.Type == model.PathRegex { // the kind's path rule holds other paths to reqpath
		validate.CheckControl(fmt.Sprintf("match.path.value %q", r.Match.Path.Value), r.Match.Path.Value, r.Path(), r.Match.Path.Pos, out)
	}
	for _, c := range append(append([]model.Condition(nil), r.Match.Headers...), r.Match.QueryParams...) {
		validate.CheckControl(fmt.Sprintf("condition %q", c.Name), c.Name+c.Value, r.Path(), c.Pos, out)
	}
}
