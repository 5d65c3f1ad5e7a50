package compiler

import (
	"cmp"
	"iter"
	"slices"

	"cuelang.org/go/cue"

	"github.com/gwsync/gwsync/model"
)

// decode builds the typed model from a schema-checked value, keeping the
// position of every resource and of the fields rules talk about.
func (c *compilation) decode(v cue.Value) *model.Desired {
	d := &model.Desired{}
	for name, f := range fields(v) {
		switch name {
		case "gateway":
			d.Gateway = c.gateway(f)
		case "environments":
			for n, e := range fields(f) {
				d.Environments = append(d.Environments, c.environment(n, e))
			}
		case "services":
			for n, s := range fields(f) {
				d.Services = append(d.Services, c.service(n, s))
			}
		case "domains":
			for n, s := range fields(f) {
				d.Domains = append(d.Domains, c.domain(n, s))
			}
		case "policies":
			for n, s := range fields(f) {
				d.Policies = append(d.Policies, c.policy(n, s))
			}
		case "httpApis":
			for n, s := range fields(f) {
				d.HTTPAPIs = append(d.HTTPAPIs, c.httpAPI(n, s))
			}
		}
	}
	sortByName(d.Environments, func(e *model.Environment) string { return e.Name })
	sortByName(d.Services, func(e *model.Service) string { return e.Name })
	sortByName(d.Domains, func(e *model.Domain) string { return e.Name })
	sortByName(d.Policies, func(e *model.Policy) string { return e.Name })
	sortByName(d.HTTPAPIs, func(e *model.HTTPAPI) string { return e.Name })
	return d
}

func (c *compilation) gateway(v cue.Value) model.Gateway {
	g := model.Gateway{Pos: c.pos(v.Pos())}
	for name, f := range fields(v) {
		switch name {
		case "provider":
			g.Provider = str(f)
		case "id":
			g.ID = str(f)
		case "region":
			g.Region = str(f)
		}
	}
	return g
}

func (c *compilation) environment(name string, v cue.Value) *model.Environment {
	e := &model.Environment{Name: name, Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
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

func (c *compilation) service(name string, v cue.Value) *model.Service {
	s := &model.Service{Name: name, Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
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
			for p := range elems(f) {
				s.Ports = append(s.Ports, servicePort(p))
			}
		case "healthCheck":
			s.HealthCheck, _ = c.jsonOf(f, "", nil).(map[string]any)
		}
	}
	return s
}

func servicePort(v cue.Value) model.ServicePort {
	var p model.ServicePort
	for n, f := range fields(v) {
		switch n {
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

func (c *compilation) domain(name string, v cue.Value) *model.Domain {
	d := &model.Domain{Name: name, Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "protocol":
			d.Protocol, d.ProtocolPos = str(f), c.pos(f.Pos())
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

func (c *compilation) policy(name string, v cue.Value) *model.Policy {
	p := &model.Policy{Name: name, Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "className":
			p.ClassName = str(f)
		case "description":
			p.Description = str(f)
		case "config":
			at := map[string]cue.Value{}
			p.Config, _ = c.jsonOf(f, "", at).(map[string]any)
			p.ConfigPos = make(map[string]model.Pos, len(at))
			for ptr, cv := range at {
				p.ConfigPos[ptr] = c.pos(cv.Pos())
			}
		}
	}
	return p
}

func (c *compilation) httpAPI(name string, v cue.Value) *model.HTTPAPI {
	a := &model.HTTPAPI{Name: name, Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "description":
			a.Description = str(f)
		case "protocols":
			a.Protocols = strs(f)
		case "basePath":
			a.BasePath = str(f)
		case "policies":
			a.Policies = c.refs(f)
		case "routes":
			for rn, r := range fields(f) {
				a.Routes = append(a.Routes, c.route(name, rn, r))
			}
		}
	}
	sortByName(a.Routes, func(r *model.Route) string { return r.Name })
	return a
}

func (c *compilation) route(api, name string, v cue.Value) *model.Route {
	r := &model.Route{Name: name, API: api, Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "description":
			r.Description = str(f)
		case "environment":
			r.Environment = model.Ref{Name: str(f), Pos: c.pos(f.Pos())}
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

func (c *compilation) match(v cue.Value) model.Match {
	m := model.Match{Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "path":
			m.Path.Pos = c.pos(f.Pos())
			for pn, pf := range fields(f) {
				switch pn {
				case "type":
					m.Path.Type = str(pf)
				case "value":
					m.Path.Value = str(pf)
				}
			}
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

func (c *compilation) conditions(v cue.Value) []model.Condition {
	var out []model.Condition
	for e := range elems(v) {
		cond := model.Condition{Pos: c.pos(e.Pos())}
		for n, f := range fields(e) {
			switch n {
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

func (c *compilation) backend(v cue.Value) model.Backend {
	b := model.Backend{Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "scene":
			b.Scene = str(f)
		case "services":
			for e := range elems(f) {
				b.Services = append(b.Services, c.backendService(e))
			}
		}
	}
	return b
}

func (c *compilation) backendService(v cue.Value) model.BackendService {
	s := model.BackendService{Pos: c.pos(v.Pos())}
	for n, f := range fields(v) {
		switch n {
		case "service":
			s.Service = model.Ref{Name: str(f), Pos: c.pos(f.Pos())}
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

// refs decodes a list of strings with their positions.
func (c *compilation) refs(v cue.Value) []model.Ref {
	var out []model.Ref
	for e := range elems(v) {
		out = append(out, model.Ref{Name: str(e), Pos: c.pos(e.Pos())})
	}
	return out
}

// fields iterates the regular fields of a struct.
func fields(v cue.Value) iter.Seq2[string, cue.Value] {
	return func(yield func(string, cue.Value) bool) {
		it, err := v.Fields()
		if err != nil {
			return
		}
		for it.Next() {
			if !yield(it.Selector().Unquoted(), it.Value()) {
				return
			}
		}
	}
}

// elems iterates the elements of a list.
func elems(v cue.Value) iter.Seq[cue.Value] {
	return func(yield func(cue.Value) bool) {
		it, err := v.List()
		if err != nil {
			return
		}
		for it.Next() {
			if !yield(it.Value()) {
				return
			}
		}
	}
}

func strs(v cue.Value) []string {
	var out []string
	for e := range elems(v) {
		out = append(out, str(e))
	}
	return out
}

func str(v cue.Value) string   { s, _ := v.String(); return s }
func boolean(v cue.Value) bool { b, _ := v.Bool(); return b }

func integer(v cue.Value) int {
	i, _ := v.Int64()
	return int(i)
}

func sortByName[T any](s []T, name func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}
