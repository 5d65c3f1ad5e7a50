package aliyun

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/schema"
)

// Live deploy status of a route that serves traffic.
const statusDeployed = "Deployed"

// selection decides what of a live gateway the desired state can express:
// the rest is left out, each with the reason.
type selection struct {
	live *model.Live
	// state is the live gateway's APIG state.
	state *alimodel.State
	owner string
	// envs holds the gateway's environment names.
	envs map[string]bool
	// out maps the resource path of each left-out resource to why.
	out map[string]string
	// attached maps a resource path to the attachments written in its
	// policies list; byPolicy maps a policy name to the same.
	attached map[string][]*alimodel.Attachment
	byPolicy map[string][]*alimodel.Attachment
	// routes maps a route path to its live route.
	routes map[string]*model.Route
}

// choose selects what the dump writes, for owner ("" lets the dump pick
// the owner that marks most resources).
func choose(live *model.Live, state *alimodel.State, owner string) *selection {
	s := &selection{live: live, state: state, envs: map[string]bool{}, out: map[string]string{},
		attached: map[string][]*alimodel.Attachment{}, byPolicy: map[string][]*alimodel.Attachment{}, routes: map[string]*model.Route{}}
	s.owner = cmp.Or(owner, pickOwner(state))
	for _, e := range state.Environments {
		s.envs[e.Name] = true
	}
	s.chooseAPIs()
	s.choosePolicies()
	s.chooseAttachments()
	return s
}

// pickOwner is the owner whose marker is on most routes, HTTP APIs and
// policies (ties to the first by name; "" for the default owner or when
// nothing is marked).
func pickOwner(state *alimodel.State) string { return dump.MostMarked(descriptions(state)) }

func descriptions(state *alimodel.State) []string {
	var out []string
	for _, p := range state.Policies {
		out = append(out, p.Description)
	}
	for _, a := range state.HTTPAPIs {
		out = append(out, a.Description)
		for _, r := range a.Routes {
			out = append(out, r.Description)
		}
	}
	return out
}

// otherOwner says why a resource marked by another desired state is left
// out, or "" when it is not.
func (s *selection) otherOwner(description string) string {
	return dump.OtherOwnerWhy("description", s.owner, description)
}

func (s *selection) chooseAPIs() {
	for _, a := range s.state.HTTPAPIs {
		for _, r := range a.Routes {
			s.routes[r.Path()] = r
		}
		if why := s.otherOwner(a.Description); why != "" {
			s.out[alimodel.HTTPAPIPath(a.Name)] = why
			continue // its routes are written inside it, as a comment
		}
		for _, r := range a.Routes {
			if why := s.routeOut(r); why != "" {
				s.out[r.Path()] = why
			}
		}
	}
}

// routeOut says why a live route cannot be declared as it is, or "".
func (s *selection) routeOut(r *model.Route) string {
	d := s.live.Deploys[r.Path()]
	env := r.Environment.Name
	switch {
	case s.otherOwner(r.Description) != "":
		return s.otherOwner(r.Description)
	case env != "" && !s.envs[env]:
		return fmt.Sprintf("its environment %q is not one of the gateway's (%s)", env, s.envList())
	case d.Status != statusDeployed:
		return "it is " + deployState(d) + ", and gwsync deploys every route it declares: uncomment it to have gwsync deploy it"
	case d.Environment != env:
		return fmt.Sprintf("it is set to environment %q but deployed in %q, which the desired state cannot say: uncomment it to have gwsync deploy it in %q", env, d.Environment, env)
	}
	return ""
}

func deployState(d model.Deploy) string {
	switch {
	case d.Status == "":
		return "not deployed"
	case d.ErrorMessage != "":
		return fmt.Sprintf("%s (%s)", d.Status, d.ErrorMessage)
	}
	return d.Status
}

func (s *selection) envList() string {
	var names []string
	for n := range s.envs {
		names = append(names, fmt.Sprintf("%q", n))
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func (s *selection) choosePolicies() {
	for _, p := range s.state.Policies {
		if why := s.policyOut(p); why != "" {
			s.out[alimodel.PolicyPath(p.Name)] = why
		}
	}
}

// policyOut says why a live policy cannot be declared, or "". A policy is
// declared only with all its attachments: declaring it without one would
// make gwsync detach it.
func (s *selection) policyOut(p *alimodel.Policy) string {
	if why := s.otherOwner(p.Description); why != "" {
		return why
	}
	if _, ok := schema.LookupClass(p.ClassName); !ok {
		return fmt.Sprintf("className %s is not one gwsync models", p.ClassName)
	}
	if liveConfig(p) == nil {
		return "its config is not a JSON object, and the desired state writes configs as structured CUE"
	}
	var why []string
	for _, a := range s.state.Attachments {
		if a.Policy.Name == p.Name {
			why = append(why, s.attachmentOut(a)...)
		}
	}
	for _, u := range s.state.Unmanaged {
		if u.Policy == p.Name {
			why = append(why, fmt.Sprintf("it is attached to %s %s%s (%s), which gwsync does not manage", u.ResourceType, u.ResourceID, inEnv(u.Environment), u.ID))
		}
	}
	return strings.Join(why, "; ")
}

func inEnv(env string) string {
	if env == "" {
		return ""
	}
	return fmt.Sprintf(" in environment %q", env)
}

// attachmentOut says why a live attachment cannot be written in a policies
// list, if it cannot.
func (s *selection) attachmentOut(a *alimodel.Attachment) []string {
	switch a.ResourceType {
	case alimodel.AttachDomain, alimodel.AttachHTTPAPI:
		if a.Environment != "" {
			return []string{fmt.Sprintf("it is attached to %s in environment %q only, and the desired state attaches %s policies in every environment",
				a.Resource, a.Environment, a.ResourceType)}
		}
	case alimodel.AttachRoute:
		if r := s.routes[a.Resource]; r != nil && a.Environment != r.Environment.Name {
			return []string{fmt.Sprintf("it is attached to %s in environment %q, and the desired state attaches a route's policies in the route's environment (%q)",
				a.Resource, envLabel(a.Environment), r.Environment.Name)}
		}
	default:
		return []string{fmt.Sprintf("it is attached to %s (%s), and the desired state cannot attach policies to a %s", a.Resource, a.ResourceType, a.ResourceType)}
	}
	return nil
}

func envLabel(env string) string { return cmp.Or(env, "*") }

// chooseAttachments keeps the attachments of declared policies to
// declared resources, sorted by policy name per resource.
func (s *selection) chooseAttachments() {
	for _, a := range s.state.Attachments {
		if s.left(alimodel.PolicyPath(a.Policy.Name)) || s.left(a.Resource) || s.holderLeft(a.Resource) {
			continue
		}
		s.attached[a.Resource] = append(s.attached[a.Resource], a)
		s.byPolicy[a.Policy.Name] = append(s.byPolicy[a.Policy.Name], a)
	}
	for _, as := range s.attached {
		slices.SortFunc(as, func(x, y *alimodel.Attachment) int { return cmp.Compare(x.Policy.Name, y.Policy.Name) })
	}
}

// left reports whether the resource at path is left out.
func (s *selection) left(path string) bool {
	_, ok := s.out[path]
	return ok
}

// holderLeft reports whether a route's HTTP API is left out (and the route
// with it).
func (s *selection) holderLeft(path string) bool {
	r := s.routes[path]
	return r != nil && s.left(alimodel.HTTPAPIPath(r.API))
}

// policyNames are the names of the policies written in path's list.
func (s *selection) policyNames(path string) []string {
	var out []string
	for _, a := range s.attached[path] {
		out = append(out, a.Policy.Name)
	}
	return out
}

// counts are the policies, HTTP APIs and routes written.
func (s *selection) counts() (policies, apis, routes int) {
	for _, p := range s.state.Policies {
		if !s.left(alimodel.PolicyPath(p.Name)) {
			policies++
		}
	}
	for _, a := range s.state.HTTPAPIs {
		if s.left(alimodel.HTTPAPIPath(a.Name)) {
			continue
		}
		apis++
		for _, r := range a.Routes {
			if !s.left(r.Path()) {
				routes++
			}
		}
	}
	return policies, apis, routes
}
