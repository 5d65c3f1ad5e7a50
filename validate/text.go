package validate

import (
	"fmt"
	"unicode"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// checkText refuses names and match values that hold a control character
// (newline, carriage return, tab, NUL, escape, Unicode line separators and
// bidirectional overrides): the gateway cannot hold them, and pull-request
// text that reaches a CI log could start a line with a workflow command.
func checkText(d *model.Desired, out *[]diag.Finding) {
	named := func(kind, name, path string, pos model.Pos) {
		checkControl(fmt.Sprintf("%s name %q", kind, name), name, path, pos, out)
	}
	for _, e := range d.Environments {
		named("environment", e.Name, model.EnvironmentPath(e.Name), e.Pos)
	}
	for _, s := range d.Services {
		named("service", s.Name, model.ServicePath(s.Name), s.Pos)
	}
	for _, dm := range d.Domains {
		named("domain", dm.Name, model.DomainPath(dm.Name), dm.Pos)
	}
	for _, p := range d.Policies {
		named("policy", p.Name, model.PolicyPath(p.Name), p.Pos)
	}
	for _, a := range d.HTTPAPIs {
		named("HTTP API", a.Name, model.HTTPAPIPath(a.Name), a.Pos)
		for _, r := range a.Routes {
			checkRouteText(r, out)
		}
	}
	for _, p := range d.Probes {
		named("probe", p.Name, model.ProbePath(p.Name), p.Pos)
	}
}

// checkRouteText checks a route's name, path and conditions.
func checkRouteText(r *model.Route, out *[]diag.Finding) {
	checkControl(fmt.Sprintf("route name %q", r.Name), r.Name, r.Path(), r.Pos, out)
	if r.Match.Path.Type == model.PathRegex { // the kind's path rule holds other paths to reqpath
		checkControl(fmt.Sprintf("match.path.value %q", r.Match.Path.Value), r.Match.Path.Value, r.Path(), r.Match.Path.Pos, out)
	}
	for _, c := range append(append([]model.Condition(nil), r.Match.Headers...), r.Match.QueryParams...) {
		checkControl(fmt.Sprintf("condition %q", c.Name), c.Name+c.Value, r.Path(), c.Pos, out)
	}
}

// checkControl reports the first control character of s.
func checkControl(what, s, path string, pos model.Pos, out *[]diag.Finding) {
	for _, r := range s {
		if isControl(r) {
			msg := fmt.Sprintf("%s holds the control character %U: names and match values cannot hold one (the gateway refuses them, and they would reach CI logs); remove it", what, r)
			*out = append(*out, diag.Errorf(diag.RuleSchema, path, pos, msg))
			return
		}
	}
}

// isControl reports a rune that must not appear in a name or path: C0
// and C1 controls, DEL, line and paragraph separators, and the
// bidirectional formatting characters that make text read otherwise.
func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		('\u202a' <= r && r <= '\u202e') || ('\u2066' <= r && r <= '\u2069')
}
