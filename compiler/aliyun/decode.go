package aliyun

import (
	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// decoder decodes an APIG desired state.
type decoder struct{ *compiler.Decoding }

// decode builds the typed model from a schema-checked value, keeping the
// position of every resource and of the fields rules talk about.
func (c decoder) decode(v *compiler.Node) *model.Desired {
	s := &alimodel.State{}
	d := &model.Desired{State: s}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "gateway":
			d.Gateway = c.Gateway(f)
		case "environments":
			s.Environments = compiler.Each(f, c.environment)
		case "services":
			s.Services = compiler.Each(f, c.service)
		case "domains":
			s.Domains = compiler.Each(f, c.domain)
		case "policies":
			s.Policies = compiler.Each(f, c.policy)
		case "httpApis":
			s.HTTPAPIs = compiler.Each(f, c.httpAPI)
		case "probes":
			d.Probes = compiler.Each(f, c.Probe)
		}
	}
	compiler.SortByName(s.Environments, func(e *alimodel.Environment) string { return e.Name })
	compiler.SortByName(s.Services, func(e *alimodel.Service) string { return e.Name })
	compiler.SortByName(s.Domains, func(e *alimodel.Domain) string { return e.Name })
	compiler.SortByName(s.Policies, func(e *alimodel.Policy) string { return e.Name })
	compiler.SortByName(s.HTTPAPIs, func(e *alimodel.HTTPAPI) string { return e.Name })
	compiler.SortByName(d.Probes, func(e *model.Probe) string { return e.Name })
	return d
}

func (c decoder) environment(name string, v *compiler.Node) *alimodel.Environment {
	e := &alimodel.Environment{Name: name, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "id":
			e.ID = f.Str()
		case "alias":
			e.Alias = f.Str()
		case "description":
			e.Description = f.Str()
		}
	}
	return e
}

func (c decoder) service(name string, v *compiler.Node) *alimodel.Service {
	s := &alimodel.Service{Name: name, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "sourceType":
			s.SourceType = f.Str()
		case "addresses":
			s.Addresses = c.Refs(f)
		case "namespace":
			s.Namespace = f.Str()
		case "groupName":
			s.GroupName = f.Str()
		case "protocol":
			s.Protocol = f.Str()
		case "dnsServers":
			s.DNSServers = f.Strs()
		case "ports":
			for _, p := range f.Elems() {
				s.Ports = append(s.Ports, servicePort(p))
			}
		case "healthCheck":
			s.HealthCheck, _ = f.Plain().(map[string]any)
		}
	}
	return s
}

func servicePort(v *compiler.Node) alimodel.ServicePort {
	var p alimodel.ServicePort
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "name":
			p.Name = f.Str()
		case "port":
			p.Port = f.Int()
		case "protocol":
			p.Protocol = f.Str()
		}
	}
	return p
}

func (c decoder) domain(name string, v *compiler.Node) *alimodel.Domain {
	d := &alimodel.Domain{Name: name, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "protocol":
			d.Protocol, d.ProtocolPos = f.Str(), c.Pos(f)
		case "certIdentifier":
			d.CertIdentifier = f.Str()
		case "caCertIdentifier":
			d.CACertIdentifier = f.Str()
		case "mTLSEnabled":
			d.MTLSEnabled = f.Bool()
		case "forceHttps":
			d.ForceHTTPS = f.Bool()
		case "http2Option":
			d.HTTP2Option = f.Str()
		case "tlsMin":
			d.TLSMin = f.Str()
		case "tlsMax":
			d.TLSMax = f.Str()
		case "policies":
			d.Policies = c.Refs(f)
		}
	}
	return d
}

func (c decoder) policy(name string, v *compiler.Node) *alimodel.Policy {
	p := &alimodel.Policy{Name: name, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "className":
			p.ClassName = f.Str()
		case "description":
			p.Description = f.Str()
		case "config":
			p.Config, _ = f.Plain().(map[string]any)
			p.ConfigPos = c.FieldPositions(f)
		}
	}
	return p
}

func (c decoder) httpAPI(name string, v *compiler.Node) *alimodel.HTTPAPI {
	a := &alimodel.HTTPAPI{Name: name, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "description":
			a.Description = f.Str()
		case "protocols":
			a.Protocols = f.Strs()
		case "basePath":
			a.BasePath = f.Str()
		case "policies":
			a.Policies = c.Refs(f)
		case "routes":
			a.Routes = compiler.Each(f, func(rn string, r *compiler.Node) *model.Route { return c.route(name, rn, r) })
		}
	}
	compiler.SortByName(a.Routes, func(r *model.Route) string { return r.Name })
	return a
}

func (c decoder) route(api, name string, v *compiler.Node) *model.Route {
	r := &model.Route{Name: name, API: api, Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "description":
			r.Description = f.Str()
		case "environment":
			r.Environment = model.Ref{Name: f.Str(), Pos: c.Pos(f)}
		case "domains":
			r.Domains = c.Refs(f)
		case "match":
			r.Match = c.match(f)
		case "backend":
			r.Backend = c.backend(f)
		case "policies":
			r.Policies = c.Refs(f)
		}
	}
	return r
}

func (c decoder) match(v *compiler.Node) model.Match {
	m := model.Match{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "path":
			m.Path = model.PathMatch{Type: f.Get("type").Str(), Value: f.Get("value").Str(), Pos: c.Pos(f)}
		case "methods":
			m.Methods = f.Strs()
		case "headers":
			m.Headers = c.conditions(f)
		case "queryParams":
			m.QueryParams = c.conditions(f)
		case "ignoreUriCase":
			m.IgnoreURICase = f.Bool()
		}
	}
	return m
}

func (c decoder) conditions(v *compiler.Node) []model.Condition {
	var out []model.Condition
	for _, e := range v.Elems() {
		cond := model.Condition{Pos: c.Pos(e)}
		for _, fld := range e.Fields() {
			switch f := fld.Value; fld.Name {
			case "name":
				cond.Name = f.Str()
			case "type":
				cond.Type = f.Str()
			case "value":
				cond.Value = f.Str()
			}
		}
		out = append(out, cond)
	}
	return out
}

func (c decoder) backend(v *compiler.Node) model.Backend {
	b := model.Backend{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "scene":
			b.Scene = f.Str()
		case "services":
			for _, e := range f.Elems() {
				b.Services = append(b.Services, c.backendService(e))
			}
		}
	}
	return b
}

func (c decoder) backendService(v *compiler.Node) model.BackendService {
	s := model.BackendService{Pos: c.Pos(v)}
	for _, fld := range v.Fields() {
		switch f := fld.Value; fld.Name {
		case "service":
			s.Service = model.Ref{Name: f.Str(), Pos: c.Pos(f)}
		case "protocol":
			s.Protocol = f.Str()
		case "port":
			s.Port = f.Int()
		case "weight":
			s.Weight, s.HasWeight = f.Int(), true
		case "version":
			s.Version = f.Str()
		}
	}
	return s
}
