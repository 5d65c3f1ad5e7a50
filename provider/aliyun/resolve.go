package aliyun

import (
	"encoding/json"
	"fmt"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// resolver turns a snapshot into the live model: IDs become names, and the
// API's spellings become the desired state's.
type resolver struct {
	live *model.Live
	// st is live's APIG state.
	st       *alimodel.State
	envs     map[string]string    // env ID -> name
	services map[string]string    // service ID -> name
	domains  map[string]string    // domain ID -> name
	apis     map[string]string    // API ID -> name
	routes   map[string][2]string // route ID -> route path and name
}

func resolve(s *snapshot) *model.Live {
	r := &resolver{
		live: &model.Live{IDs: map[string]string{}, Deploys: map[string]model.Deploy{}, Fingerprints: map[string]string{}},
		st:   &alimodel.State{},
		envs: map[string]string{}, services: map[string]string{}, domains: map[string]string{},
		apis: map[string]string{}, routes: map[string][2]string{},
	}
	r.live.State = model.Desired{Gateway: model.Gateway{Provider: "aliyun", ID: s.gateway.GatewayID}, State: r.st}
	r.environments(s.gateway)
	r.addServices(s.services)
	r.addDomains(s.domains)
	r.addAPIs(s)
	r.addPolicies(s.policies)
	return r.live
}

// record notes a resource's ID and fingerprint.
func (r *resolver) record(path, id string, doc []byte) {
	r.live.IDs[path] = id
	r.live.Fingerprints[path] = fingerprint(doc)
}

func (r *resolver) environments(gw wireGateway) {
	for _, e := range gw.Environments {
		r.envs[e.EnvironmentID] = e.Name
		r.live.IDs[alimodel.EnvironmentPath(e.Name)] = e.EnvironmentID
		r.st.Environments = append(r.st.Environments, &alimodel.Environment{Name: e.Name, ID: e.EnvironmentID, Alias: e.Alias})
	}
}

func (r *resolver) addServices(items []raw[wireService]) {
	for _, it := range items {
		sv := it.v
		r.services[sv.ServiceID] = sv.Name
		r.record(alimodel.ServicePath(sv.Name), sv.ServiceID, it.doc)
		out := &alimodel.Service{Name: sv.Name, SourceType: sv.SourceType, Namespace: sv.Namespace, GroupName: sv.GroupName,
			Protocol: sv.Protocol, HealthCheck: sv.HealthCheck}
		for _, a := range sv.Addresses {
			out.Addresses = append(out.Addresses, model.Ref{Name: a})
		}
		for _, p := range sv.Ports {
			out.Ports = append(out.Ports, alimodel.ServicePort{Name: p.Name, Port: p.Port, Protocol: p.Protocol})
		}
		r.st.Services = append(r.st.Services, out)
	}
}

func (r *resolver) addDomains(items []raw[wireDomain]) {
	for _, it := range items {
		d := it.v
		r.domains[d.DomainID] = d.Name
		r.record(alimodel.DomainPath(d.Name), d.DomainID, it.doc)
		r.st.Domains = append(r.st.Domains, &alimodel.Domain{
			Name: d.Name, Protocol: d.Protocol, CertIdentifier: d.CertIdentifier, CACertIdentifier: d.CACertIdentifier,
			MTLSEnabled: d.MTLSEnabled, ForceHTTPS: d.ForceHTTPS, TLSMin: d.TLSMin, TLSMax: d.TLSMax, HTTP2Option: d.HTTP2Option,
		})
	}
}

func (r *resolver) addAPIs(s *snapshot) {
	for _, it := range s.apis {
		a := it.v
		r.apis[a.HTTPAPIID] = a.Name
		r.record(alimodel.HTTPAPIPath(a.Name), a.HTTPAPIID, it.doc)
		api := &alimodel.HTTPAPI{Name: a.Name, Description: a.Description, Protocols: a.Protocols, BasePath: a.BasePath}
		for _, rt := range s.routes[a.HTTPAPIID] {
			api.Routes = append(api.Routes, r.route(a.Name, rt))
		}
		r.st.HTTPAPIs = append(r.st.HTTPAPIs, api)
	}
}

func (r *resolver) route(api string, it raw[wireRoute]) *model.Route {
	w := it.v
	path := model.RoutePath(api, w.Name)
	r.routes[w.RouteID] = [2]string{path, w.Name}
	r.record(path, w.RouteID, it.doc)
	env := r.envs[w.EnvironmentInfo.EnvironmentID]
	if env == "" {
		env = w.EnvironmentInfo.Name
	}
	r.live.Deploys[path] = model.Deploy{Status: w.DeployStatus, ErrorMessage: failureNote(w), Environment: env}
	out := &model.Route{Name: w.Name, API: api, Description: w.Description, Environment: model.Ref{Name: env},
		Match: liveMatch(w), Backend: r.backend(w)}
	for _, d := range w.DomainInfos {
		out.Domains = append(out.Domains, model.Ref{Name: r.name(r.domains, d.DomainID, d.Name)})
	}
	return out
}

// name is the name of a resource by ID, or the name the answer gave.
func (r *resolver) name(byID map[string]string, id, fallback string) string {
	if n, ok := byID[id]; ok {
		return n
	}
	if fallback != "" {
		return fallback
	}
	return id
}

func liveMatch(w wireRoute) model.Match {
	m := model.Match{Path: model.PathMatch{Type: w.Match.Path.Type, Value: w.Match.Path.Value},
		Methods: w.Match.Methods, IgnoreURICase: w.Match.IgnoreURICase}
	m.Headers = conditions(w.Match.Headers)
	m.QueryParams = conditions(w.Match.QueryParams)
	return m
}

func conditions(cs []wireCondition) []model.Condition {
	var out []model.Condition
	for _, c := range cs {
		out = append(out, model.Condition{Name: c.Name, Type: c.Type, Value: c.Value})
	}
	return out
}

// backend reads a route's backend, folding the response's scene spelling
// ("Single") into the request's ("SingleService").
func (r *resolver) backend(w wireRoute) model.Backend {
	b := model.Backend{Scene: w.Backend.Scene}
	if b.Scene == "Single" {
		b.Scene = model.SceneSingle
	}
	for _, s := range w.Backend.Services {
		b.Services = append(b.Services, model.BackendService{
			Service: model.Ref{Name: r.name(r.services, s.ServiceID, s.Name)}, Protocol: s.Protocol,
			Port: s.Port, Weight: s.Weight, HasWeight: s.Weight != 0, Version: s.Version,
		})
	}
	return b
}

func (r *resolver) addPolicies(items []raw[wirePolicy]) {
	for _, it := range items {
		p := it.v
		if isLease(p.Name) {
			continue // an apply's lease, not a policy of the desired state
		}
		r.record(alimodel.PolicyPath(p.Name), p.PolicyID, it.doc)
		out := &alimodel.Policy{Name: p.Name, ClassName: p.ClassName, Description: p.Description, ConfigJSON: p.Config}
		if err := json.Unmarshal([]byte(p.Config), &out.Config); err != nil {
			r.live.Notes = append(r.live.Notes, fmt.Sprintf("policy %q (%s): its config is not a JSON object: %v", p.Name, p.PolicyID, err))
		}
		r.st.Policies = append(r.st.Policies, out)
		for _, at := range p.Attachments {
			r.addAttachment(p, at)
		}
	}
}

func (r *resolver) addAttachment(p wirePolicy, at wireAttachment) {
	path, name, ok := r.attachTarget(at)
	if !ok {
		r.live.Notes = append(r.live.Notes, fmt.Sprintf("policy %q is attached to %s %s (%s), which gwsync does not manage; left alone",
			p.Name, at.AttachResourceType, at.AttachResourceID, at.PolicyAttachmentID))
		r.st.Unmanaged = append(r.st.Unmanaged, alimodel.UnmanagedAttachment{Policy: p.Name, ResourceType: at.AttachResourceType,
			ResourceID: at.AttachResourceID, ID: at.PolicyAttachmentID, Environment: r.envName(at.EnvironmentID)})
		return
	}
	env := r.envs[at.EnvironmentID]
	r.live.IDs[alimodel.AttachmentKey(p.Name, path)] = at.PolicyAttachmentID
	r.st.Attachments = append(r.st.Attachments, &alimodel.Attachment{
		Policy: model.Ref{Name: p.Name}, ResourceType: at.AttachResourceType, Resource: path, ResourceName: name, Environment: env,
	})
}

// envName is an attachment's environment by name: "" for every one ("*"),
// the ID itself when the gateway lists no such environment.
func (r *resolver) envName(id string) string {
	if id == "" || id == "*" {
		return ""
	}
	if name, ok := r.envs[id]; ok {
		return name
	}
	return id
}

// attachTarget finds the resource an attachment points at.
func (r *resolver) attachTarget(at wireAttachment) (path, name string, ok bool) {
	switch at.AttachResourceType {
	case alimodel.AttachDomain:
		name, ok = r.domains[at.AttachResourceID]
		return alimodel.DomainPath(name), name, ok
	case alimodel.AttachHTTPAPI:
		name, ok = r.apis[at.AttachResourceID]
		return alimodel.HTTPAPIPath(name), name, ok
	case alimodel.AttachRoute:
		rt, ok := r.routes[at.AttachResourceID]
		return rt[0], rt[1], ok
	case alimodel.AttachService:
		name, ok = r.services[at.AttachResourceID]
		return alimodel.ServicePath(name), name, ok
	}
	return "", "", false
}
