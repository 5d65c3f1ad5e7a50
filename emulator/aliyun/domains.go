package aliyun

import (
	"slices"
	"strconv"
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

// domainListItem is ListDomains' item, the SDK's DomainInfo: no CA
// certificate, HTTP/2 option or gateway type (GetDomain has the first two).
type domainListItem struct {
	DomainID        string `json:"domainId"`
	Name            string `json:"name"`
	Protocol        string `json:"protocol"`
	CertIdentifier  string `json:"certIdentifier,omitempty"`
	MTLSEnabled     bool   `json:"mTLSEnabled"`
	ForceHTTPS      bool   `json:"forceHttps"`
	DomainScope     string `json:"domainScope"`
	TLSMin          string `json:"tlsMin,omitempty"`
	TLSMax          string `json:"tlsMax,omitempty"`
	Status          string `json:"status"`
	CreateFrom      string `json:"createFrom"`
	CreateTimestamp int64  `json:"createTimestamp"`
	UpdateTimestamp int64  `json:"updateTimestamp"`
}

func (d *domainRec) listItem() domainListItem {
	return domainListItem{DomainID: d.DomainID, Name: d.Name, Protocol: d.Protocol, CertIdentifier: d.CertIdentifier,
		MTLSEnabled: d.MTLSEnabled, ForceHTTPS: d.ForceHTTPS, DomainScope: d.DomainScope, TLSMin: d.TLSMin, TLSMax: d.TLSMax,
		Status: d.Status, CreateFrom: d.CreateFrom, CreateTimestamp: d.CreateTimestamp, UpdateTimestamp: d.UpdateTimestamp}
}

// domainDetail is GetDomain's answer (the SDK's GetDomainResponseBodyData),
// with statistics when asked. The SDK spells its update time
// `updatetimestamp`, in lower case.
type domainDetail struct {
	DomainID         string            `json:"domainId"`
	Name             string            `json:"name"`
	Protocol         string            `json:"protocol"`
	CertIdentifier   string            `json:"certIdentifier,omitempty"`
	CACertIdentifier string            `json:"caCertIdentifier,omitempty"`
	MTLSEnabled      bool              `json:"mTLSEnabled"`
	ForceHTTPS       bool              `json:"forceHttps"`
	DomainScope      string            `json:"domainScope"`
	HTTP2Option      string            `json:"http2Option"`
	TLSMin           string            `json:"tlsMin,omitempty"`
	TLSMax           string            `json:"tlsMax,omitempty"`
	CreateFrom       string            `json:"createFrom"`
	CreateTimestamp  int64             `json:"createTimestamp"`
	UpdateTimestamp  int64             `json:"updatetimestamp"`
	StatisticsInfo   *domainStatistics `json:"statisticsInfo,omitempty"`
}

// domainStatistics is the SDK's statisticsInfo: online resources by type
// (HttpApi, GatewayRoute) and their total, which the model types as a
// string.
type domainStatistics struct {
	ResourceStatistics []resourceStatistic `json:"resourceStatistics"`
	TotalCount         string              `json:"totalCount"`
}

// resourceStatistic is the SDK's ResourceStatistic.
type resourceStatistic struct {
	ResourceCount int    `json:"resourceCount"`
	ResourceType  string `json:"resourceType"`
}

func (s *Server) getDomain(c *call) (any, error) {
	d, err := s.domain(pathID(c, "domainId"))
	if err != nil {
		return nil, err
	}
	out := domainDetail{DomainID: d.DomainID, Name: d.Name, Protocol: d.Protocol, CertIdentifier: d.CertIdentifier,
		CACertIdentifier: d.CACertIdentifier, MTLSEnabled: d.MTLSEnabled, ForceHTTPS: d.ForceHTTPS, DomainScope: d.DomainScope,
		HTTP2Option: d.HTTP2Option, TLSMin: d.TLSMin, TLSMax: d.TLSMax, CreateFrom: d.CreateFrom,
		CreateTimestamp: d.CreateTimestamp, UpdateTimestamp: d.UpdateTimestamp}
	if c.boolQuery("withStatistics") {
		out.StatisticsInfo = s.domainStatistics(d.DomainID)
	}
	return out, nil
}

// domainStatistics counts what is online on a domain: the routes deployed
// on it (GatewayRoute) and the HTTP APIs they belong to (HttpApi).
func (s *Server) domainStatistics(id string) *domainStatistics {
	routes, apis := 0, map[string]bool{}
	for _, rt := range s.routes {
		if rt.Deployed != nil && slices.Contains(rt.Deployed.DomainIDs, id) {
			routes++
			apis[rt.HTTPAPIID] = true
		}
	}
	return &domainStatistics{TotalCount: strconv.Itoa(routes + len(apis)), ResourceStatistics: []resourceStatistic{
		{ResourceType: "HttpApi", ResourceCount: len(apis)}, {ResourceType: "GatewayRoute", ResourceCount: routes}}}
}

func (s *Server) listDomains(c *call) (any, error) {
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	items := []domainListItem{}
	for _, d := range sorted(s.domains, func(v *domainRec) int64 { return v.CreateTimestamp }) {
		if contains(d.Name, c.query("nameLike")) && match(d.GatewayType, c.query("gatewayType")) && match(d.DomainScope, c.query("domainScope")) {
			items = append(items, d.listItem())
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
	for _, g := range s.gateways() {
		for _, rt := range g.routes {
			if slices.Contains(rt.Spec.DomainIDs, d.DomainID) || (rt.Deployed != nil && slices.Contains(rt.Deployed.DomainIDs, d.DomainID)) {
				return nil, ownConflict("Conflict.DomainInUse", "domain %q is bound to route %q of gateway %s; remove it from the route first", d.Name, rt.Name, g.gw.GatewayID)
			}
		}
	}
	for _, g := range s.gateways() {
		if err := g.detachAll(d.DomainID); err != nil {
			return nil, err
		}
	}
	if err := s.remove(kindDomain, d.DomainID); err != nil {
		return nil, err
	}
	delete(s.domains, d.DomainID)
	return nil, nil
}
