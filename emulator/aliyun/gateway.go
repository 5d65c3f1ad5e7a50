package aliyun

import "net/http"

// gatewayInfo is the gateway summary embedded in other resources.
type gatewayInfo struct {
	GatewayID      string `json:"gatewayId"`
	Name           string `json:"name"`
	GatewayEdition string `json:"gatewayEdition"`
}

func (s *Server) gatewayInfo() gatewayInfo {
	return gatewayInfo{GatewayID: s.gw.GatewayID, Name: s.gw.Name, GatewayEdition: s.gw.GatewayEdition}
}

// requireGateway checks a gatewayId a request names.
func (s *Server) requireGateway(id string) error {
	if id == "" {
		return badRequest("gatewayId is required; this gateway is %s", s.gw.GatewayID)
	}
	return s.matchGateway(id)
}

// matchGateway checks a gatewayId filter or body field, when given.
func (s *Server) matchGateway(id string) error {
	if id != "" && id != s.gw.GatewayID {
		return notFound("NotFound.GatewayNotFound", "gateway %s does not exist; this emulator serves gateway %s", id, s.gw.GatewayID)
	}
	return nil
}

// gatewayItem is ListGateways' item: the gateway without environments.
type gatewayItem struct {
	GatewayID       string `json:"gatewayId"`
	Name            string `json:"name"`
	GatewayType     string `json:"gatewayType"`
	GatewayEdition  string `json:"gatewayEdition"`
	Status          string `json:"status"`
	Version         string `json:"version"`
	Spec            string `json:"spec"`
	ChargeType      string `json:"chargeType"`
	CreateTimestamp int64  `json:"createTimestamp"`
	UpdateTimestamp int64  `json:"updateTimestamp"`
}

// gatewayDetail is GetGateway's answer: the gateway with its environments,
// each only by ID, name and alias.
type gatewayDetail struct {
	gatewayItem
	Environments []gatewayEnvironment `json:"environments"`
}

// gatewayEnvironment is the SDK's GetGatewayResponseBodyDataEnvironments.
type gatewayEnvironment struct {
	EnvironmentID string `json:"environmentId"`
	Name          string `json:"name"`
	Alias         string `json:"alias"`
}

func (g *gatewayRec) item() gatewayItem {
	return gatewayItem{GatewayID: g.GatewayID, Name: g.Name, GatewayType: g.GatewayType, GatewayEdition: g.GatewayEdition,
		Status: g.Status, Version: g.Version, Spec: g.Spec, ChargeType: g.ChargeType,
		CreateTimestamp: g.CreateTimestamp, UpdateTimestamp: g.UpdateTimestamp}
}

func (s *Server) listGateways(c *call) (any, error) {
	all := []gatewayItem{s.gw.item()}
	if s.account != nil {
		all = s.account.gatewayItems()
	}
	items := []gatewayItem{}
	for _, g := range all {
		if id := c.query("gatewayId"); id == "" || id == g.GatewayID {
			items = append(items, g)
		}
	}
	return paginate(c, items)
}

func (s *Server) getGateway(c *call) (any, error) {
	if err := s.matchGateway(pathID(c, "gatewayId")); err != nil {
		return nil, err
	}
	out := gatewayDetail{gatewayItem: s.gw.item(), Environments: []gatewayEnvironment{}}
	for _, e := range s.gw.Environments {
		out.Environments = append(out.Environments, gatewayEnvironment{EnvironmentID: e.EnvironmentID, Name: e.Name, Alias: e.Alias})
	}
	return out, nil
}

// environmentInfo is the API's EnvironmentInfo.
type environmentInfo struct {
	environmentRec
	GatewayInfo gatewayInfo `json:"gatewayInfo"`
}

// env finds an environment by ID.
func (s *Server) env(id string) (*environmentRec, error) {
	for i := range s.gw.Environments {
		if e := &s.gw.Environments[i]; e.EnvironmentID == id {
			return e, nil
		}
	}
	return nil, notFound("NotFound.EnvironmentNotFound", "environment %s does not exist in gateway %s", id, s.gw.GatewayID)
}

func (s *Server) listEnvironments(c *call) (any, error) {
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	items := []environmentInfo{}
	for _, e := range s.gw.Environments {
		if contains(e.Name, c.query("nameLike")) && contains(e.Alias, c.query("aliasLike")) {
			items = append(items, environmentInfo{e, s.gatewayInfo()})
		}
	}
	return paginate(c, items)
}

func (s *Server) getEnvironment(c *call) (any, error) {
	e, err := s.env(pathID(c, "environmentId"))
	if err != nil {
		return nil, err
	}
	return environmentInfo{*e, s.gatewayInfo()}, nil
}

// notImplemented answers operations the emulator knows but does not model.
func notImplemented(op string) *apiError {
	return errf(http.StatusNotImplemented, "Emulator.NotImplemented", "%s is not emulated", op)
}
