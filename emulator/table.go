package emulator

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
	t := &dataplane.Table{DomainAccess: map[string][]dataplane.ACL{}}
	for _, at := range sorted(s.attachments, func(v *attachmentRec) int64 { return v.CreateTimestamp }) {
		acl, ok := s.aclOf(at)
		switch {
		case !ok:
		case at.AttachResourceType == schema.AttachGateway:
			t.GatewayAccess = append(t.GatewayAccess, acl)
		case at.AttachResourceType == schema.AttachDomain:
			host := strings.ToLower(s.domains[at.AttachResourceID].Name)
			t.DomainAccess[host] = append(t.DomainAccess[host], acl)
		}
	}
	for _, rt := range sorted(s.routes, func(v *routeRec) int64 { return v.CreateTimestamp }) {
		if rt.Deployed != nil {
			t.Routes = append(t.Routes, s.tableRoute(rt))
		}
	}
	return t
}

func (s *Server) tableRoute(rt *routeRec) dataplane.Route {
	sp := rt.Deployed
	out := dataplane.Route{
		ID: rt.RouteID, Name: rt.Name, Methods: sp.Match.Methods,
		PathType: sp.Match.Path.Type, PathValue: sp.Match.Path.Value, IgnoreURICase: sp.Match.IgnoreURICase,
		Headers: conditions(sp.Match.Headers), Query: conditions(sp.Match.QueryParams),
		Scene: sp.BackendConfig.Scene, Access: s.routeACLs(rt),
	}
	for _, d := range s.domainInfos(sp.DomainIDs) {
		out.Domains = append(out.Domains, strings.ToLower(d.Name))
	}
	for _, bs := range sp.BackendConfig.Services {
		out.Backends = append(out.Backends, s.tableBackend(bs))
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

// routeACLs are the IpAccessControl rules on a route and on its HTTP API,
// in the route's environment.
func (s *Server) routeACLs(rt *routeRec) []dataplane.ACL {
	var out []dataplane.ACL
	for _, at := range sorted(s.attachments, func(v *attachmentRec) int64 { return v.CreateTimestamp }) {
		onRoute := at.AttachResourceID == rt.RouteID || at.AttachResourceID == rt.HTTPAPIID
		if acl, ok := s.aclOf(at); ok && onRoute && envMatches(at.EnvironmentID, rt.Deployed.EnvironmentID) {
			out = append(out, acl)
		}
	}
	return out
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
