package aliyun

import (
	"strings"
	"time"
)

// domainInfo is a domain as routes and APIs list it.
type domainInfo struct {
	DomainID string `json:"domainId"`
	Name     string `json:"name"`
	Protocol string `json:"protocol"`
}

func (s *Server) domainInfos(ids []string) []domainInfo {
	out := []domainInfo{}
	for _, id := range ids {
		if d := s.domains[id]; d != nil {
			out = append(out, domainInfo{DomainID: d.DomainID, Name: d.Name, Protocol: d.Protocol})
		}
	}
	return out
}

// routeInfo is the API's HttpRoute: what GetHttpApiRoute and
// ListHttpApiRoutes answer. The backend is read back as `backend` (written
// as `backendConfig`), with the SingleService scene spelled `Single`, as the
// SDK's Backend model has it.
type routeInfo struct {
	RouteID         string            `json:"routeId"`
	Name            string            `json:"name"`
	Description     string            `json:"description"`
	Builtin         string            `json:"builtin"`
	DeployStatus    string            `json:"deployStatus"`
	Match           routeMatch        `json:"match"`
	Backend         backendConfig     `json:"backend"`
	DomainInfos     []domainInfo      `json:"domainInfos"`
	EnvironmentInfo routeEnvironment  `json:"environmentInfo"`
	GatewayStatus   map[string]string `json:"gatewayStatus"`
	CreateTimestamp int64             `json:"createTimestamp"`
	UpdateTimestamp int64             `json:"updateTimestamp"`
}

type routeEnvironment struct {
	EnvironmentID string      `json:"environmentId"`
	Name          string      `json:"name"`
	Alias         string      `json:"alias"`
	GatewayInfo   gatewayInfo `json:"gatewayInfo"`
}

func (s *Server) routeInfo(rt *routeRec) routeInfo {
	sp := rt.Spec
	out := routeInfo{
		RouteID: rt.RouteID, Name: rt.Name, Description: sp.Description, Builtin: "false",
		DeployStatus: rt.DeployStatus, Match: sp.Match,
		Backend: s.backendView(sp.BackendConfig), DomainInfos: s.domainInfos(sp.DomainIDs),
		GatewayStatus:   map[string]string{s.gw.GatewayID: rt.DeployStatus},
		CreateTimestamp: rt.CreateTimestamp, UpdateTimestamp: rt.UpdateTimestamp,
	}
	if e, err := s.env(sp.EnvironmentID); err == nil {
		out.EnvironmentInfo = routeEnvironment{EnvironmentID: e.EnvironmentID, Name: e.Name, Alias: e.Alias, GatewayInfo: s.gatewayInfo()}
	}
	return out
}

func (s *Server) backendView(b backendConfig) backendConfig {
	out := backendConfig{Scene: b.Scene, Services: make([]backendService, len(b.Services))}
	if out.Scene == "SingleService" {
		out.Scene = readScene
	}
	for i, bs := range b.Services {
		if sv := s.services[bs.ServiceID]; sv != nil {
			bs.Name = sv.Name
		}
		out.Services[i] = bs
	}
	return out
}

type deployReq struct {
	RouteID       string `json:"routeId"`
	EnvironmentID string `json:"environmentId"`
}

// deploy starts deploying a route; it settles DeployDelay later.
func (s *Server) deploy(c *call) (any, error) {
	a, rt, err := s.deployTarget(c)
	if err != nil {
		return nil, err
	}
	if err := busy(rt, "deployed"); err != nil {
		return nil, err
	}
	if err := s.checkPublishConflict(a, rt); err != nil {
		return nil, err
	}
	return map[string]string{"httpApiId": a.HTTPAPIID}, s.begin(rt, statusDeploying)
}

// undeploy starts taking a route offline.
func (s *Server) undeploy(c *call) (any, error) {
	_, rt, err := s.deployTarget(c)
	if err != nil {
		return nil, err
	}
	if err := busy(rt, "undeployed"); err != nil {
		return nil, err
	}
	if rt.Deployed == nil {
		return nil, nil
	}
	return nil, s.begin(rt, statusUndeploying)
}

func (s *Server) deployTarget(c *call) (*apiRec, *routeRec, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, nil, err
	}
	var req deployReq
	if err := c.decode(&req); err != nil {
		return nil, nil, err
	}
	if req.RouteID == "" {
		return nil, nil, badRequest("routeId is required to deploy or undeploy a route of an Http API")
	}
	rt, err := s.routeOf(a, req.RouteID)
	return a, rt, err
}

// checkPublishConflict refuses to deploy a route when a route of any API,
// deployed or deploying, takes the same requests on a shared domain.
func (s *Server) checkPublishConflict(a *apiRec, rt *routeRec) error {
	for _, other := range s.routes {
		served := other.Deployed
		if other.DeployStatus == statusDeploying {
			served = &other.Spec
		}
		if other.RouteID == rt.RouteID || served == nil || !sameRequests(served, &rt.Spec, true) {
			continue
		}
		return conflict("Conflict.ApiPublishDuplicatedPathFound",
			"path conflict on publish: %s %s (%s) of API %s, route %s, in environment %s is already published by route %q (%s) of API %s on domains %s",
			rt.Spec.Match.Path.Type, rt.Spec.Match.Path.Value, methodsText(rt.Spec.Match.Methods), a.HTTPAPIID, rt.RouteID,
			rt.Spec.EnvironmentID, other.Name, other.RouteID, other.HTTPAPIID, s.sharedDomains(served, &rt.Spec))
	}
	return nil
}

func (s *Server) sharedDomains(a, b *routeSpec) string {
	var names []string
	for _, d := range s.domainInfos(a.DomainIDs) {
		for _, id := range b.DomainIDs {
			if id == d.DomainID {
				names = append(names, d.Name)
			}
		}
	}
	return strings.Join(names, ",")
}

// begin moves a route into a transition and schedules its end (with s.mu
// held).
func (s *Server) begin(rt *routeRec, status string) error {
	next := *rt
	next.DeployStatus, next.DeployErrorMessage = status, ""
	next.StatusDue = s.cfg.Now().Add(s.cfg.DeployDelay).UnixMilli()
	if err := s.saveRoute(&next); err != nil {
		return err
	}
	s.schedule(next.RouteID, s.cfg.DeployDelay)
	return nil
}

// schedule settles a route after d (with s.mu held).
func (s *Server) schedule(id string, d time.Duration) {
	if t := s.timers[id]; t != nil {
		t.Stop()
	}
	s.timers[id] = time.AfterFunc(max(d, 0), func() { s.settle(id) })
}

// resumeTransitions reschedules routes that were mid-deploy when the state
// was last saved (with s.mu held).
func (s *Server) resumeTransitions() {
	now := s.cfg.Now()
	for id, rt := range s.routes {
		if rt.DeployStatus == statusDeploying || rt.DeployStatus == statusUndeploying {
			s.schedule(id, time.UnixMilli(rt.StatusDue).Sub(now))
		}
	}
}

// settle ends a route's deploy or undeploy.
func (s *Server) settle(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.timers, id)
	rt := s.routes[id]
	if s.closed || rt == nil {
		return
	}
	next := *rt
	next.StatusDue = 0
	switch rt.DeployStatus {
	case statusDeploying:
		s.finishDeploy(&next)
	case statusUndeploying:
		next.DeployStatus, next.Deployed = statusNotDeployed, nil
	default:
		return
	}
	if next.DeployStatus == statusDeployFailed {
		// APIG's HttpRoute has no field for the reason: it goes to the log.
		s.log.Warn("deploy failed", "route", next.Name, "reason", next.DeployErrorMessage)
	}
	if err := s.saveRoute(&next); err != nil {
		s.log.Error("settle route", "route", id, "error", err)
	}
}

// finishDeploy ends a deploy: the route serves its configuration, or the
// deploy fails with a reason, which the emulator logs (the API's route
// answers have no field for it).
func (s *Server) finishDeploy(rt *routeRec) {
	switch {
	case len(rt.Spec.DomainIDs) == 0:
		rt.DeployStatus, rt.DeployErrorMessage = statusDeployFailed, "route "+rt.Name+" has no domain: bind at least one domain (domainIds) before deploying"
	case s.failNext[rt.Name]:
		delete(s.failNext, rt.Name)
		rt.DeployStatus, rt.DeployErrorMessage = statusDeployFailed, "deploy of route "+rt.Name+" failed: the gateway could not apply the configuration (injected fault)"
	default:
		spec := rt.Spec
		rt.DeployStatus, rt.DeployErrorMessage, rt.Deployed = statusDeployed, "", &spec
	}
}
