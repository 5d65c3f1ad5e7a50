package aliyun

import (
	"slices"
	"strings"
)

type createAPIReq struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	BasePath    string   `json:"basePath"`
	Protocols   []string `json:"protocols"`
	Description string   `json:"description"`
	// BelongGatewayID is the gateway the API belongs to (this one when
	// not given).
	BelongGatewayID string `json:"belongGatewayId"`
}

// apiTypes are the HTTP API types APIG knows; the emulator serves routes of
// type Http.
var apiTypes = []string{"Http", "Rest", "WebSocket", "HttpIngress", "LLM", "Agent"}

func (s *Server) createHTTPAPI(c *call) (any, error) {
	var req createAPIReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := s.checkCreateAPI(req); err != nil {
		return nil, err
	}
	if err := s.matchGateway(req.BelongGatewayID); err != nil {
		return nil, err
	}
	now := s.nowMS()
	a := &apiRec{
		HTTPAPIID: s.newID("api-", s.apiTaken), Name: req.Name, Type: req.Type,
		BasePath: cmpOr(req.BasePath, "/"), Protocols: defaultProtocols(req.Protocols),
		Description: req.Description, GatewayID: s.gw.GatewayID, CreateTimestamp: now, UpdateTimestamp: now,
	}
	if err := s.put(kindAPI, a.HTTPAPIID, a); err != nil {
		return nil, err
	}
	s.apis[a.HTTPAPIID] = a
	return map[string]string{"httpApiId": a.HTTPAPIID, "name": a.Name}, nil
}

func (s *Server) checkCreateAPI(req createAPIReq) error {
	if req.Name == "" {
		return badRequest("name is required")
	}
	if !slices.Contains(apiTypes, req.Type) {
		return badRequest("type must be one of %v, got %q", apiTypes, req.Type)
	}
	if err := checkBasePath(req.BasePath); err != nil {
		return err
	}
	for _, a := range s.apis {
		if a.Name == req.Name {
			return conflict("Conflict.ApiNameDuplicated", "API name %s duplicated", req.Name)
		}
	}
	return nil
}

func checkBasePath(p string) error {
	if p != "" && (!strings.HasPrefix(p, "/") || len(p) > 256 || strings.ContainsAny(p, " \t")) {
		return badRequest("basePath %q must start with \"/\", have no spaces and be at most 256 bytes", p)
	}
	return nil
}

func defaultProtocols(p []string) []string {
	if len(p) == 0 {
		return []string{"HTTP"}
	}
	return p
}

func (s *Server) apiTaken(id string) bool { return s.apis[id] != nil }

func (s *Server) httpAPI(id string) (*apiRec, error) {
	if a := s.apis[id]; a != nil {
		return a, nil
	}
	return nil, notFound("DatabaseError.RecordNotFound", "HTTP API %s does not exist", id)
}

// apiInfo is the SDK's HttpApiApiInfo: the stored API and where it is
// deployed, computed from its routes. The model has no timestamps.
type apiInfo struct {
	HTTPAPIID    string           `json:"httpApiId"`
	Name         string           `json:"name"`
	Type         string           `json:"type"`
	BasePath     string           `json:"basePath"`
	Protocols    []string         `json:"protocols"`
	Description  string           `json:"description"`
	GatewayID    string           `json:"gatewayId"`
	Environments []apiEnvironment `json:"environments"`
}

type apiEnvironment struct {
	EnvironmentID string       `json:"environmentId"`
	Name          string       `json:"name"`
	Alias         string       `json:"alias"`
	DeployStatus  string       `json:"deployStatus"`
	BackendScene  string       `json:"backendScene,omitempty"`
	CustomDomains []domainInfo `json:"customDomains"`
	GatewayInfo   gatewayInfo  `json:"gatewayInfo"`
}

func (s *Server) apiInfo(a *apiRec) apiInfo {
	out := apiInfo{HTTPAPIID: a.HTTPAPIID, Name: a.Name, Type: a.Type, BasePath: a.BasePath, Protocols: a.Protocols,
		Description: a.Description, GatewayID: a.GatewayID, Environments: []apiEnvironment{}}
	for _, e := range s.gw.Environments {
		if env, ok := s.apiEnvironment(a, e); ok {
			out.Environments = append(out.Environments, env)
		}
	}
	return out
}

// apiEnvironment summarises an API's deployed routes in one environment.
func (s *Server) apiEnvironment(a *apiRec, e environmentRec) (apiEnvironment, bool) {
	out := apiEnvironment{EnvironmentID: e.EnvironmentID, Name: e.Name, Alias: e.Alias,
		DeployStatus: statusDeployed, CustomDomains: []domainInfo{}, GatewayInfo: s.gatewayInfo()}
	found := false
	for _, rt := range s.routesOf(a.HTTPAPIID) {
		if rt.Deployed == nil || rt.Deployed.EnvironmentID != e.EnvironmentID {
			continue
		}
		found = true
		for _, di := range s.domainInfos(rt.Deployed.DomainIDs) {
			if !slices.Contains(out.CustomDomains, di) {
				out.CustomDomains = append(out.CustomDomains, di)
			}
		}
	}
	return out, found
}

func (s *Server) getHTTPAPI(c *call) (any, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, err
	}
	return s.apiInfo(a), nil
}

// apiByName is ListHttpApis' item: APIs grouped by name (with the
// capitalised GatewayId key the API really sends).
type apiByName struct {
	Name              string    `json:"name"`
	Type              string    `json:"type"`
	VersionEnabled    bool      `json:"versionEnabled"`
	VersionedHTTPAPIs []apiInfo `json:"versionedHttpApis"`
	GatewayID         string    `json:"GatewayId"`
}

func (s *Server) listHTTPAPIs(c *call) (any, error) {
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	items := []apiByName{}
	for _, a := range sorted(s.apis, func(v *apiRec) int64 { return v.CreateTimestamp }) {
		if s.apiListed(c, a) {
			items = append(items, apiByName{Name: a.Name, Type: a.Type, VersionedHTTPAPIs: []apiInfo{s.apiInfo(a)}, GatewayID: a.GatewayID})
		}
	}
	return paginate(c, items)
}

func (s *Server) apiListed(c *call, a *apiRec) bool {
	kw := c.query("keyword")
	types := c.query("types")
	return match(a.Name, c.query("name")) &&
		(kw == "" || strings.Contains(a.Name, kw) || a.HTTPAPIID == kw) &&
		(types == "" || slices.Contains(strings.Split(types, ","), a.Type))
}

type updateAPIReq struct {
	BasePath    *string  `json:"basePath"`
	Protocols   []string `json:"protocols"`
	Description *string  `json:"description"`
}

func (s *Server) updateHTTPAPI(c *call) (any, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, err
	}
	var req updateAPIReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	next := *a
	if req.BasePath != nil {
		if err := checkBasePath(*req.BasePath); err != nil {
			return nil, err
		}
		next.BasePath = cmpOr(*req.BasePath, "/")
	}
	if req.Protocols != nil {
		next.Protocols = defaultProtocols(req.Protocols)
	}
	if req.Description != nil {
		next.Description = *req.Description
	}
	next.UpdateTimestamp = s.nowMS()
	if err := s.put(kindAPI, next.HTTPAPIID, &next); err != nil {
		return nil, err
	}
	s.apis[next.HTTPAPIID] = &next
	return nil, nil
}

// deleteHTTPAPI deletes an API and its routes; an API with a route that is
// deployed (or on its way) is refused, as APIG refuses a published API.
func (s *Server) deleteHTTPAPI(c *call) (any, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, err
	}
	routes := s.routesOf(a.HTTPAPIID)
	for _, rt := range routes {
		if live(rt) {
			return nil, conflict("Conflict.ApiPublished", "API %s is published: route %q is %s; undeploy it first", a.Name, rt.Name, rt.DeployStatus)
		}
	}
	if err := s.detachAll(a.HTTPAPIID); err != nil {
		return nil, err
	}
	for _, rt := range routes {
		if err := s.deleteRouteRec(rt); err != nil {
			return nil, err
		}
	}
	if err := s.remove(kindAPI, a.HTTPAPIID); err != nil {
		return nil, err
	}
	delete(s.apis, a.HTTPAPIID)
	return nil, nil
}
