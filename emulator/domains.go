package emulator

import (
	"slices"
	"strings"
)

type domainReq struct {
	Name             string `json:"name"`
	Protocol         string `json:"protocol"`
	CertIdentifier   string `json:"certIdentifier"`
	CACertIdentifier string `json:"caCertIdentifier"`
	MTLSEnabled      *bool  `json:"mTLSEnabled"`
	ForceHTTPS       *bool  `json:"forceHttps"`
	DomainScope      string `json:"domainScope"`
	GatewayType      string `json:"gatewayType"`
	HTTP2Option      string `json:"http2Option"`
	TLSMin           string `json:"tlsMin"`
	TLSMax           string `json:"tlsMax"`
}

func (s *Server) createDomain(c *call) (any, error) {
	var req domainReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	d, err := s.newDomain(req)
	if err != nil {
		return nil, err
	}
	if err := s.put(kindDomain, d.DomainID, d); err != nil {
		return nil, err
	}
	s.domains[d.DomainID] = d
	return map[string]string{"domainId": d.DomainID}, nil
}

func (s *Server) newDomain(req domainReq) (*domainRec, error) {
	if req.Name == "" {
		return nil, badRequest("name is required")
	}
	now := s.nowMS()
	d := &domainRec{
		DomainID: s.newID("d-", s.domainTaken), Name: req.Name, Protocol: "HTTP",
		DomainScope: "Dedicated", GatewayType: "API", HTTP2Option: "GlobalConfig",
		Status: "Published", CreateFrom: "Console", CreateTimestamp: now, UpdateTimestamp: now,
	}
	d.GatewayType = cmpOr(req.GatewayType, d.GatewayType)
	if s.domainByName(d.Name, d.GatewayType) != nil {
		return nil, conflict("DomainExisted", "domain %q already exists for gateway type %s", d.Name, d.GatewayType)
	}
	return d, applyDomain(d, req)
}

// cmpOr is the first non-empty string.
func cmpOr(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// applyDomain writes the settable fields of req onto d and checks them.
func applyDomain(d *domainRec, req domainReq) error {
	d.Protocol = cmpOr(req.Protocol, d.Protocol)
	d.DomainScope = cmpOr(req.DomainScope, d.DomainScope)
	d.HTTP2Option = cmpOr(req.HTTP2Option, d.HTTP2Option)
	d.CertIdentifier = cmpOr(req.CertIdentifier, d.CertIdentifier)
	d.CACertIdentifier = cmpOr(req.CACertIdentifier, d.CACertIdentifier)
	d.TLSMin, d.TLSMax = cmpOr(req.TLSMin, d.TLSMin), cmpOr(req.TLSMax, d.TLSMax)
	if req.ForceHTTPS != nil {
		d.ForceHTTPS = *req.ForceHTTPS
	}
	if req.MTLSEnabled != nil {
		d.MTLSEnabled = *req.MTLSEnabled
	}
	if !slices.Contains([]string{"HTTP", "HTTPS"}, d.Protocol) {
		return badRequest("protocol must be HTTP or HTTPS, got %q", d.Protocol)
	}
	if d.Protocol == "HTTPS" && d.CertIdentifier == "" {
		return badRequest("domain %q uses HTTPS: certIdentifier is required", d.Name)
	}
	if d.Protocol == "HTTP" {
		d.CertIdentifier, d.ForceHTTPS = "", false
	}
	return nil
}

func (s *Server) domainTaken(id string) bool { return s.domains[id] != nil }

func (s *Server) domainByName(name, gatewayType string) *domainRec {
	for _, d := range s.domains {
		if strings.EqualFold(d.Name, name) && d.GatewayType == gatewayType {
			return d
		}
	}
	return nil
}

func (s *Server) domain(id string) (*domainRec, error) {
	if d := s.domains[id]; d != nil {
		return d, nil
	}
	return nil, notFound("DatabaseError.RecordNotFound", "domain %s does not exist", id)
}

// domainDetail is GetDomain's answer, with statistics when asked.
type domainDetail struct {
	*domainRec
	StatisticsInfo *domainStatistics `json:"statisticsInfo,omitempty"`
}

type domainStatistics struct {
	RouteCount         int `json:"routeCount"`
	DeployedRouteCount int `json:"deployedRouteCount"`
}

func (s *Server) getDomain(c *call) (any, error) {
	d, err := s.domain(pathID(c, "domainId"))
	if err != nil {
		return nil, err
	}
	out := domainDetail{domainRec: d}
	if c.boolQuery("withStatistics") {
		out.StatisticsInfo = s.domainStatistics(d.DomainID)
	}
	return out, nil
}

func (s *Server) domainStatistics(id string) *domainStatistics {
	st := &domainStatistics{}
	for _, rt := range s.routes {
		if slices.Contains(rt.Spec.DomainIDs, id) {
			st.RouteCount++
		}
		if rt.Deployed != nil && slices.Contains(rt.Deployed.DomainIDs, id) {
			st.DeployedRouteCount++
		}
	}
	return st
}

func (s *Server) listDomains(c *call) (any, error) {
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	items := []*domainRec{}
	for _, d := range sorted(s.domains, func(v *domainRec) int64 { return v.CreateTimestamp }) {
		if contains(d.Name, c.query("nameLike")) && match(d.GatewayType, c.query("gatewayType")) && match(d.DomainScope, c.query("domainScope")) {
			items = append(items, d)
		}
	}
	return paginate(c, items)
}

func (s *Server) updateDomain(c *call) (any, error) {
	d, err := s.domain(pathID(c, "domainId"))
	if err != nil {
		return nil, err
	}
	var req domainReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	next := *d
	if err := applyDomain(&next, req); err != nil {
		return nil, err
	}
	next.UpdateTimestamp = s.nowMS()
	if err := s.put(kindDomain, next.DomainID, &next); err != nil {
		return nil, err
	}
	s.domains[next.DomainID] = &next
	return nil, nil
}

func (s *Server) deleteDomain(c *call) (any, error) {
	d, err := s.domain(pathID(c, "domainId"))
	if err != nil {
		return nil, err
	}
	for _, rt := range s.routes {
		if slices.Contains(rt.Spec.DomainIDs, d.DomainID) || (rt.Deployed != nil && slices.Contains(rt.Deployed.DomainIDs, d.DomainID)) {
			return nil, conflict("Conflict.DomainInUse", "domain %q is bound to route %q; remove it from the route first", d.Name, rt.Name)
		}
	}
	if err := s.detachAll(d.DomainID); err != nil {
		return nil, err
	}
	if err := s.remove(kindDomain, d.DomainID); err != nil {
		return nil, err
	}
	delete(s.domains, d.DomainID)
	return nil, nil
}
