package aliyun

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"strings"

	"github.com/gwsync/gwsync/emulator/dataplane"
	"github.com/gwsync/gwsync/schema"
)

// DataPlane is the data-plane HTTP handler: it forwards traffic for the
// routes that are deployed, as their last deploy configured them.
func (s *Server) DataPlane() http.Handler { return dataplane.New(s.Table, s.cfg.Seed) }

// Table is the routing table of what is deployed now. It is rebuilt only
// after a change.
func (s *Server) Table() *dataplane.Table {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.table.Load(); b != nil && b.version == *s.version {
		return b.table
	}
	t := s.buildTable()
	s.table.Store(&builtTable{version: *s.version, table: t})
	return t
}

// buildTable builds the routing table (with s.mu held).
func (s *Server) buildTable() *dataplane.Table {
	t := &dataplane.Table{DomainAccess: map[string][]dataplane.ACL{}, ForceHTTPS: map[string]bool{},
		DomainUnmodelled: map[string][]string{}}
	for _, at := range s.sortedAttachments() {
		s.addOuter(t, at)
	}
	for _, d := range s.domains {
		if d.ForceHTTPS && d.Protocol == "HTTPS" {
			t.ForceHTTPS[strings.ToLower(d.Name)] = true
		}
	}
	for _, rt := range sorted(s.routes, func(v *routeRec) int64 { return v.CreateTimestamp }) {
		if rt.Deployed != nil {
			t.Routes = append(t.Routes, s.tableRoute(rt))
		}
	}
	return t
}

func (s *Server) sortedAttachments() []*attachmentRec {
	return sorted(s.attachments, func(v *attachmentRec) int64 { return v.CreateTimestamp })
}

// addOuter adds an attachment to the gateway or a domain to t: an
// IpAccessControl rule, or a note on a policy the data plane does not
// model.
func (s *Server) addOuter(t *dataplane.Table, at *attachmentRec) {
	acl, isACL := s.aclOf(at)
	p := s.policies[at.PolicyID]
	switch at.AttachResourceType {
	case schema.AttachGateway:
		if isACL {
			t.GatewayAccess = append(t.GatewayAccess, acl)
		} else if enabled(p) {
			t.Unmodelled = append(t.Unmodelled, tablePolicy(p, at, "the gateway").Note())
		}
	case schema.AttachDomain:
		d := s.domains[at.AttachResourceID]
		if d == nil {
			return
		}
		host := strings.ToLower(d.Name)
		if isACL {
			t.DomainAccess[host] = append(t.DomainAccess[host], acl)
		} else if enabled(p) {
			t.DomainUnmodelled[host] = append(t.DomainUnmodelled[host], tablePolicy(p, at, "domain "+d.Name).Note())
		}
	}
}

func (s *Server) tableRoute(rt *routeRec) dataplane.Route {
	sp := rt.Deployed
	out := dataplane.Route{
		ID: rt.RouteID, Name: rt.Name, Methods: sp.Match.Methods,
		PathType: sp.Match.Path.Type, PathValue: sp.Match.Path.Value, IgnoreURICase: sp.Match.IgnoreURICase,
		Headers: conditions(sp.Match.Headers), Query: conditions(sp.Match.QueryParams),
		Scene: sp.BackendConfig.Scene,
	}
	out.Access, out.Policies = s.routePolicies(rt)
	for _, d := range s.domainInfos(sp.DomainIDs) {
		out.Domains = append(out.Domains, strings.ToLower(d.Name))
	}
	for _, bs := range sp.BackendConfig.Services {
		out.Backends = append(out.Backends, s.tableBackend(bs))
		out.Unmodelled = append(out.Unmodelled, s.serviceNotes(bs.ServiceID, sp.EnvironmentID)...)
	}
	return out
}

func conditions(cs []condition) []dataplane.Condition {
	out := make([]dataplane.Condition, len(cs))
	for i, c := range cs {
		out[i] = dataplane.Condition{Name: c.Name, Type: c.Type, Value: c.Value}
	}
	return out
}

func (s *Server) tableBackend(bs backendService) dataplane.Backend {
	b := dataplane.Backend{Service: bs.ServiceID, Port: bs.Port, Protocol: bs.Protocol, Weight: bs.Weight}
	if sv := s.services[bs.ServiceID]; sv != nil {
		b.Service, b.Addresses = sv.Name, sv.Addresses
	}
	return b
}

// routePolicies are the policies on a route and on its HTTP API, in the
// route's environment: the IpAccessControl rules, and the others (the
// API's first, so that the route's own of a class takes their place).
func (s *Server) routePolicies(rt *routeRec) ([]dataplane.ACL, []dataplane.Policy) {
	var acls []dataplane.ACL
	var onAPI, onRoute []dataplane.Policy
	for _, at := range s.sortedAttachments() {
		route, api := at.AttachResourceID == rt.RouteID, at.AttachResourceID == rt.HTTPAPIID
		p := s.policies[at.PolicyID]
		switch {
		case !route && !api || p == nil || !envMatches(at.EnvironmentID, rt.Deployed.EnvironmentID):
		case p.ClassName == "IpAccessControl":
			if acl, ok := s.aclOf(at); ok {
				acls = append(acls, acl)
			}
		case route:
			onRoute = append(onRoute, tablePolicy(p, at, "route "+rt.Name))
		default:
			onAPI = append(onAPI, tablePolicy(p, at, "HTTP API "+s.apiName(rt.HTTPAPIID)))
		}
	}
	return acls, append(onAPI, onRoute...)
}

// serviceNotes are the notes on the enabled policies attached to a
// service (ServiceTls, ServiceLb, ...) in an environment, which the data
// plane does not model.
func (s *Server) serviceNotes(serviceID, env string) []string {
	var out []string
	for _, at := range s.sortedAttachments() {
		p := s.policies[at.PolicyID]
		if at.AttachResourceType == schema.AttachService && at.AttachResourceID == serviceID &&
			envMatches(at.EnvironmentID, env) && enabled(p) {
			out = append(out, tablePolicy(p, at, "service "+s.serviceName(serviceID)).Note())
		}
	}
	return out
}

func (s *Server) apiName(id string) string {
	if a := s.apis[id]; a != nil {
		return a.Name
	}
	return id
}

func (s *Server) serviceName(id string) string {
	if sv := s.services[id]; sv != nil {
		return sv.Name
	}
	return id
}

// tablePolicy is a policy as the data plane takes it, attached by at to
// what on names.
func tablePolicy(p *policyRec, at *attachmentRec, on string) dataplane.Policy {
	return dataplane.Policy{Name: p.Name, Class: p.ClassName, On: on, Key: at.PolicyAttachmentID, Config: json.RawMessage(p.Config)}
}

// enabled reports whether p exists and its config does not say
// "enable": false.
func enabled(p *policyRec) bool {
	var cfg struct{ Enable *bool }
	return p != nil && (json.Unmarshal([]byte(p.Config), &cfg) != nil || cfg.Enable == nil || *cfg.Enable)
}

// ipAccessConfig is the part of an IpAccessControl config the data plane
// enforces. The content is a comma-separated list, as the API writes it (a
// JSON list is accepted too); the layer says which client address is
// judged (L7: the first X-Forwarded-For address).
type ipAccessConfig struct {
	Type    string          `json:"ipAccessControlType"`
	Content json.RawMessage `json:"ipAccessControlContent"`
	Enable  *bool           `json:"enable"`
	Layer   string          `json:"protocolLayer"`
}

// aclOf reads an attachment's policy as an access rule, if it is an
// enabled IpAccessControl policy.
func (s *Server) aclOf(at *attachmentRec) (dataplane.ACL, bool) {
	p := s.policies[at.PolicyID]
	var cfg ipAccessConfig
	if p == nil || p.ClassName != "IpAccessControl" || json.Unmarshal([]byte(p.Config), &cfg) != nil {
		return dataplane.ACL{}, false
	}
	if cfg.Enable != nil && !*cfg.Enable {
		return dataplane.ACL{}, false
	}
	return dataplane.ACL{Type: cfg.Type, CIDRs: prefixes(cfg.Content), Layer: cfg.Layer}, true
}

// prefixes parses "10.0.0.0/8,192.168.1.1" or a JSON list of the same;
// entries that do not parse are skipped (the gateway would have refused
// them when the policy was written).
func prefixes(raw json.RawMessage) []netip.Prefix {
	var list []string
	var joined string
	if json.Unmarshal(raw, &joined) == nil {
		list = strings.Split(joined, ",")
	} else {
		_ = json.Unmarshal(raw, &list)
	}
	var out []netip.Prefix
	for _, e := range list {
		if p, ok := parsePrefix(strings.TrimSpace(e)); ok {
			out = append(out, p)
		}
	}
	return out
}

func parsePrefix(s string) (netip.Prefix, bool) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}
