package compiler

import (
	"cmp"
	"slices"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/model"
)

// decode builds the typed model from a schema-checked value, keeping the
// position of every resource and of the fields rules talk about.
func (c *compilation) decode(v *node) *model.Desired {
	d := &model.Desired{}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "gateway":
			d.Gateway = c.gateway(f)
		case "environments":
			d.Environments = each(f, c.environment)
		case "services":
			d.Services = each(f, c.service)
		case "domains":
			d.Domains = each(f, c.domain)
		case "policies":
			d.Policies = each(f, c.policy)
		case "httpApis":
			d.HTTPAPIs = each(f, c.httpAPI)
		case "probes":
			d.Probes = each(f, c.probe)
		}
	}
	sortByName(d.Environments, func(e *model.Environment) string { return e.Name })
	sortByName(d.Services, func(e *model.Service) string { return e.Name })
	sortByName(d.Domains, func(e *model.Domain) string { return e.Name })
	sortByName(d.Policies, func(e *model.Policy) string { return e.Name })
	sortByName(d.HTTPAPIs, func(e *model.HTTPAPI) string { return e.Name })
	sortByName(d.Probes, func(e *model.Probe) string { return e.Name })
	return d
}

func (c *compilation) gateway(v *node) model.Gateway {
	g := model.Gateway{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "provider":
			g.Provider = str(f)
		case "id":
			g.ID = str(f)
		case "region":
			g.Region = str(f)
		case "owner":
			g.Owner = str(f)
		}
	}
	return g
}

func (c *compilation) environment(name string, v *node) *model.Environment {
	e := &model.Environment{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "id":
			e.ID = str(f)
		case "alias":
			e.Alias = str(f)
		case "description":
			e.Description = str(f)
		}
	}
	return e
}

func (c *compilation) service(name string, v *node) *model.Service {
	s := &model.Service{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "sourceType":
			s.SourceType = str(f)
		case "addresses":
			s.Addresses = c.refs(f)
		case "namespace":
			s.Namespace = str(f)
		case "groupName":
			s.GroupName = str(f)
		case "protocol":
			s.Protocol = str(f)
		case "dnsServers":
			s.DNSServers = strs(f)
		case "ports":
			for _, p := range f.elems {
				s.Ports = append(s.Ports, servicePort(p))
			}
		case "healthCheck":
			s.HealthCheck, _ = f.plain().(map[string]any)
		}
	}
	return s
}

func servicePort(v *node) model.ServicePort {
	var p model.ServicePort
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "name":
			p.Name = str(f)
		case "port":
			p.Port = integer(f)
		case "protocol":
			p.Protocol = str(f)
		}
	}
	return p
}

func (c *compilation) domain(name string, v *node) *model.Domain {
	d := &model.Domain{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "protocol":
			d.Protocol, d.ProtocolPos = str(f), c.pos(f.pos)
		case "certIdentifier":
			d.CertIdentifier = str(f)
		case "caCertIdentifier":
			d.CACertIdentifier = str(f)
		case "mTLSEnabled":
			d.MTLSEnabled = boolean(f)
		case "forceHttps":
			d.ForceHTTPS = boolean(f)
		case "http2Option":
			d.HTTP2Option = str(f)
		case "tlsMin":
			d.TLSMin = str(f)
		case "tlsMax":
			d.TLSMax = str(f)
		case "policies":
			d.Policies = c.refs(f)
		}
	}
	return d
}

func (c *compilation) policy(name string, v *node) *model.Policy {
	p := &model.Policy{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "className":
			p.ClassName = str(f)
		case "description":
			p.Description = str(f)
		case "config":
			at := map[string]token.Pos{}
			f.positions("", at)
			p.Config, _ = f.plain().(map[string]any)
			p.ConfigPos = make(map[string]model.Pos, len(at))
			for ptr, pos := range at {
				p.ConfigPos[ptr] = c.pos(pos)
			}
		}
	}
	return p
}

func (c *compilation) httpAPI(name string, v *node) *model.HTTPAPI {
	a := &model.HTTPAPI{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "description":
			a.Description = str(f)
		case "protocols":
			a.Protocols = strs(f)
		case "basePath":
			a.BasePath = str(f)
		case "policies":
			a.Policies = c.refs(f)
		case "routes":
			a.Routes = each(f, func(rn string, r *node) *model.Route { return c.route(name, rn, r) })
		}
	}
	sortByName(a.Routes, func(r *model.Route) string { return r.Name })
	return a
}

func (c *compilation) route(api, name string, v *node) *model.Route {
	r := &model.Route{Name: name, API: api, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "description":
			r.Description = str(f)
		case "environment":
			r.Environment = model.Ref{Name: str(f), Pos: c.pos(f.pos)}
		case "domains":
			r.Domains = c.refs(f)
		case "match":
			r.Match = c.match(f)
		case "backend":
			r.Backend = c.backend(f)
		case "policies":
			r.Policies = c.refs(f)
		}
	}
	return r
}

func (c *compilation) match(v *node) model.Match {
	m := model.Match{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "path":
			m.Path = model.PathMatch{Type: str(f.get("type")), Value: str(f.get("value")), Pos: c.pos(f.pos)}
		case "methods":
			m.Methods = strs(f)
		case "headers":
			m.Headers = c.conditions(f)
		case "queryParams":
			m.QueryParams = c.conditions(f)
		case "ignoreUriCase":
			m.IgnoreURICase = boolean(f)
		}
	}
	return m
}

func (c *compilation) conditions(v *node) []model.Condition {
	var out []model.Condition
	for _, e := range v.elems {
		cond := model.Condition{Pos: c.pos(e.pos)}
		for _, fld := range e.fields {
			switch f := fld.val; fld.name {
			case "name":
				cond.Name = str(f)
			case "type":
				cond.Type = str(f)
			case "value":
				cond.Value = str(f)
			}
		}
		out = append(out, cond)
	}
	return out
}

func (c *compilation) backend(v *node) model.Backend {
	b := model.Backend{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "scene":
			b.Scene = str(f)
		case "services":
			for _, e := range f.elems {
				b.Services = append(b.Services, c.backendService(e))
			}
		}
	}
	return b
}

func (c *compilation) backendService(v *node) model.BackendService {
	s := model.BackendService{Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "service":
			s.Service = model.Ref{Name: str(f), Pos: c.pos(f.pos)}
		case "protocol":
			s.Protocol = str(f)
		case "port":
			s.Port = integer(f)
		case "weight":
			s.Weight, s.HasWeight = integer(f), true
		case "version":
			s.Version = str(f)
		}
	}
	return s
}

func (c *compilation) probe(name string, v *node) *model.Probe {
	p := &model.Probe{Name: name, Pos: c.pos(v.pos)}
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "request":
			c.probeRequest(p, f)
		case "source":
			p.Source, p.SourcePos = str(f), c.pos(f.pos)
		case "expect":
			c.probeExpect(p, f)
		}
	}
	return p
}

func (c *compilation) probeExpect(p *model.Probe, v *node) {
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "status":
			p.Status = integer(f)
		case "headers":
			p.ExpectHeaders = each(f, c.headerExpectation)
		case "location":
			p.Location, p.HasLocation, p.LocationPos = str(f), true, c.pos(f.pos)
		}
	}
}

// headerExpectation decodes one expect.headers entry: a string is the
// exact value, a bool says present or absent.
func (c *compilation) headerExpectation(name string, v *node) model.HeaderExpectation {
	h := model.HeaderExpectation{Name: name, Pos: c.pos(v.pos)}
	if v.kind == cue.BoolKind {
		h.Present = v.b
	} else {
		h.Exact, h.Value = true, str(v)
	}
	return h
}

func (c *compilation) probeRequest(p *model.Probe, v *node) {
	for _, fld := range v.fields {
		switch f := fld.val; fld.name {
		case "method":
			p.Method = str(f)
		case "domain":
			p.Domain = model.Ref{Name: str(f), Pos: c.pos(f.pos)}
		case "path":
			p.Path = str(f)
		case "headers":
			p.Headers = c.params(f)
		case "query":
			p.Query = c.params(f)
		case "scheme":
			p.Scheme, p.SchemePos = str(f), c.pos(f.pos)
		case "origin":
			p.Origin, p.OriginPos = str(f), c.pos(f.pos)
		case "accessControlRequestMethod":
			p.PreflightMethod, p.PreflightMethodPos = str(f), c.pos(f.pos)
		}
	}
}

// params decodes a struct of strings into named values, in declaration
// order.
func (c *compilation) params(v *node) []model.Param {
	return each(v, func(name string, e *node) model.Param {
		return model.Param{Name: name, Value: str(e), Pos: c.pos(e.pos)}
	})
}

// refs decodes a list of strings with their positions.
func (c *compilation) refs(v *node) []model.Ref {
	var out []model.Ref
	for _, e := range v.elems {
		out = append(out, model.Ref{Name: str(e), Pos: c.pos(e.pos)})
	}
	return out
}

// each decodes every field of a struct node, in declaration order.
func each[T any](n *node, decode func(name string, v *node) T) []T {
	out := make([]T, 0, len(n.fields))
	for _, f := range n.fields {
		out = append(out, decode(f.name, f.val))
	}
	return out
}

func strs(v *node) []string {
	var out []string
	for _, e := range v.elems {
		out = append(out, str(e))
	}
	return out
}

// str, boolean and integer read scalars; a missing node reads as zero.
func str(v *node) string {
	if v == nil {
		return ""
	}
	return v.str
}

func boolean(v *node) bool { return v != nil && v.b }

func integer(v *node) int {
	if v == nil {
		return 0
	}
	return int(v.int)
}

func sortByName[T any](s []T, name func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}
