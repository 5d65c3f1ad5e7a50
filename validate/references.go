package validate

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// names is the set of declared names of one resource kind.
type names struct {
	kind  string // "environment", "domain", ...
	field string // top-level field they are declared in
	set   map[string]bool
	list  []string
}

func newNames[T any](kind, field string, items []T, name func(T) string) names {
	n := names{kind: kind, field: field, set: make(map[string]bool, len(items))}
	for _, it := range items {
		n.set[name(it)] = true
		n.list = append(n.list, name(it))
	}
	return n
}

// refer checks one reference, appending a reference finding if it names
// nothing declared.
func (n names) refer(ref model.Ref, resource, what string, out *[]diag.Finding) {
	if n.set[ref.Name] {
		return
	}
	msg := fmt.Sprintf("%s %q is not declared in %s; %s", what, ref.Name, n.field, suggest(ref.Name, n.list, "declare it or use "))
	*out = append(*out, diag.Errorf(diag.RuleReference, resource, ref.Pos, msg))
}

func checkReferences(d *model.Desired, out *[]diag.Finding) {
	envs := newNames("environment", "environments", d.Environments, func(e *model.Environment) string { return e.Name })
	doms := newNames("domain", "domains", d.Domains, func(e *model.Domain) string { return e.Name })
	svcs := newNames("service", "services", d.Services, func(e *model.Service) string { return e.Name })
	pols := newNames("policy", "policies", d.Policies, func(e *model.Policy) string { return e.Name })
	for _, dom := range d.Domains {
		for _, p := range dom.Policies {
			pols.refer(p, model.DomainPath(dom.Name), "policy", out)
		}
	}
	for _, api := range d.HTTPAPIs {
		for _, p := range api.Policies {
			pols.refer(p, model.HTTPAPIPath(api.Name), "policy", out)
		}
		for _, r := range api.Routes {
			if r.Environment.Name != "" {
				envs.refer(r.Environment, r.Path(), "environment", out)
			}
			for _, dm := range r.Domains {
				doms.refer(dm, r.Path(), "domain", out)
			}
			for _, s := range r.Backend.Services {
				svcs.refer(s.Service, r.Path(), "backend service", out)
			}
			for _, p := range r.Policies {
				pols.refer(p, r.Path(), "policy", out)
			}
		}
	}
}
