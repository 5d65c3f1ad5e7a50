package aliyun

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/validate"
)

// maxRouteName is the longest route name APIG accepts.
const maxRouteName = 64

// checkRouteNames applies APIG's route name rule: at most 64 characters,
// only lowercase letters, digits, "-" and ".".
func checkRouteNames(d *model.Desired, out *[]diag.Finding) {
	for _, r := range alimodel.Of(d).Routes() {
		if msg := routeNameProblem(r.Name); msg != "" {
			*out = append(*out, diag.Errorf(alidiag.RuleRouteName, r.Path(), r.Pos, msg))
		}
	}
}

// routeNameProblem says what is wrong with a route name, or "".
func routeNameProblem(name string) string {
	var upper, other []string
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '.':
		case c >= 'A' && c <= 'Z':
			upper = validate.AppendOnce(upper, string(c))
		default:
			other = validate.AppendOnce(other, fmt.Sprintf("%q", c))
		}
	}
	var problems []string
	if n := len([]rune(name)); n > maxRouteName {
		problems = append(problems, fmt.Sprintf("is %d characters long (at most %d)", n, maxRouteName))
	}
	if len(upper) > 0 {
		problems = append(problems, "has uppercase letters ("+strings.Join(upper, " ")+")")
	}
	if len(other) > 0 {
		problems = append(problems, "has characters APIG does not allow ("+strings.Join(other, " ")+")")
	}
	if len(problems) == 0 {
		return ""
	}
	return fmt.Sprintf("route name %q %s; rename it using only lowercase letters, digits, \"-\" and \".\", e.g. %q",
		name, strings.Join(problems, " and "), suggestRouteName(name))
}

// suggestRouteName proposes a valid name close to name.
func suggestRouteName(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if len(s) > maxRouteName {
		s = s[:maxRouteName]
	}
	return s
}

// checkDuplicateRoutes finds route names used twice in one gateway (route
// names are unique per gateway, across HTTP APIs).
func checkDuplicateRoutes(d *model.Desired, out *[]diag.Finding) {
	first := map[string]*model.Route{}
	for _, r := range alimodel.Of(d).Routes() {
		f, seen := first[r.Name]
		if !seen {
			first[r.Name] = r
			continue
		}
		msg := fmt.Sprintf("route name %q is already used in HTTP API %q; route names are unique per gateway: rename one of them", r.Name, f.API)
		fd := diag.Errorf(alidiag.RuleDuplicateName, r.Path(), r.Pos, msg)
		fd.Related = []diag.Related{{Resource: f.Path(), Pos: f.Pos}}
		*out = append(*out, fd)
	}
}

// checkBackends applies the backend rules: SingleService has exactly one
// service; MultiServiceByRatio weights sum to 100.
func checkBackends(d *model.Desired, out *[]diag.Finding) {
	for _, r := range alimodel.Of(d).Routes() {
		b := r.Backend
		switch b.Scene {
		case model.SceneSingle:
			if n := len(b.Services); n != 1 {
				msg := fmt.Sprintf("backend scene SingleService needs exactly one service, not %d; list one service, or use scene MultiServiceByRatio to split traffic", n)
				*out = append(*out, diag.Errorf(alidiag.RuleSingleServiceBackend, r.Path(), b.Pos, msg))
			}
		case model.SceneRatio:
			checkWeights(r, out)
		}
	}
}

func checkWeights(r *model.Route, out *[]diag.Finding) {
	sum, parts := 0, []string{}
	for _, s := range r.Backend.Services {
		sum += s.Weight
		parts = append(parts, fmt.Sprintf("%s=%d", s.Service.Name, s.Weight))
	}
	if sum == 100 {
		return
	}
	msg := fmt.Sprintf("MultiServiceByRatio weights sum to %d (%s), not 100; adjust the weights so they add up to 100", sum, strings.Join(parts, ", "))
	if len(parts) == 0 {
		msg = "MultiServiceByRatio has no services; list the services with weights that add up to 100"
	}
	*out = append(*out, diag.Errorf(alidiag.RuleBackendWeights, r.Path(), r.Backend.Pos, msg))
}

// checkDeployable finds routes that cannot be deployed: no domain, or no
// environment to create them in.
func checkDeployable(d *model.Desired, out *[]diag.Finding) {
	st := alimodel.Of(d)
	for _, r := range st.Routes() {
		if len(r.Domains) == 0 {
			msg := "route has no domain, so it cannot be deployed; add domains: [\"<domain>\"] naming a declared domain"
			*out = append(*out, diag.Errorf(alidiag.RuleRouteUndeployable, r.Path(), r.Pos, msg))
		}
		if r.Environment.Name == "" {
			msg := "route has no environment, so APIG cannot create or deploy it; add environment: \"<name>\" naming a declared environment"
			if len(st.Environments) == 1 {
				msg = fmt.Sprintf("route has no environment, so APIG cannot create or deploy it; add environment: %q", st.Environments[0].Name)
			}
			*out = append(*out, diag.Errorf(alidiag.RuleRouteUndeployable, r.Path(), r.Pos, msg))
		}
	}
}
