package aliyun

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

type createRouteReq struct {
	Name string `json:"name"`
	routeSpec
}

// routeNamePattern is APIG's rule for route names: at most 64 characters of
// lowercase letters, digits, "-" and ".".
var routeNamePattern = regexp.MustCompile(`^[a-z0-9.-]{1,64}$`)

// scenes are the backend scenes a route may have.
var scenes = []string{"SingleService", "MultiServiceByRatio", "MultiServiceByTag", "Mock", "Redirect"}

func (s *Server) createRoute(c *call) (any, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, err
	}
	var req createRouteReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if err := s.checkCreateRoute(a, req); err != nil {
		return nil, err
	}
	now := s.nowMS()
	rt := &routeRec{RouteID: s.newID("hr-", s.routeTaken), HTTPAPIID: a.HTTPAPIID, Name: req.Name,
		Spec: normalSpec(req.routeSpec), DeployStatus: statusNotDeployed, CreateTimestamp: now, UpdateTimestamp: now}
	if err := s.put(kindRoute, rt.RouteID, rt); err != nil {
		return nil, err
	}
	s.routes[rt.RouteID] = rt
	return map[string]string{"routeId": rt.RouteID}, nil
}

func (s *Server) checkCreateRoute(a *apiRec, req createRouteReq) error {
	if !routeNamePattern.MatchString(req.Name) {
		return badRequest("route name %q must be 1 to 64 characters of lowercase letters, digits, \"-\" and \".\"", req.Name)
	}
	for _, rt := range s.routes {
		if rt.Name == req.Name {
			return conflict("RouteNameDuplicated", "route name %q is already used by route %s in gateway %s", req.Name, rt.RouteID, s.gw.GatewayID)
		}
	}
	return s.checkSpec(a, "", req.routeSpec)
}

// checkSpec checks a route's configuration: its references, its match, its
// backend, and that no other route of the API already has its path.
func (s *Server) checkSpec(a *apiRec, self string, sp routeSpec) error {
	checks := []func() error{
		func() error { return s.checkRefs(sp) },
		func() error { return checkMatch(sp.Match) },
		func() error { return s.checkBackend(sp.BackendConfig) },
		func() error { return s.checkPathInAPI(a, self, sp) },
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) checkRefs(sp routeSpec) error {
	if sp.EnvironmentID == "" {
		return badRequest("environmentId is required")
	}
	if _, err := s.env(sp.EnvironmentID); err != nil {
		return err
	}
	for _, id := range sp.DomainIDs {
		if _, err := s.domain(id); err != nil {
			return err
		}
	}
	return nil
}

var pathTypes = []string{"Exact", "Prefix", "Regex"}

func checkMatch(m routeMatch) error {
	if !slices.Contains(pathTypes, m.Path.Type) {
		return badRequest("match.path.type must be one of %v, got %q", pathTypes, m.Path.Type)
	}
	if m.Path.Type == "Regex" {
		if _, err := regexp.Compile(m.Path.Value); err != nil {
			return badRequest("match.path.value %q is not a valid regular expression: %v", m.Path.Value, err)
		}
	} else if !strings.HasPrefix(m.Path.Value, "/") {
		return badRequest("match.path.value %q must start with \"/\"", m.Path.Value)
	}
	for _, cond := range slices.Concat(m.Headers, m.QueryParams) {
		if cond.Name == "" || !slices.Contains(pathTypes, cond.Type) {
			return badRequest("header and query conditions need a name and a type of %v", pathTypes)
		}
	}
	return nil
}

// readScene is the scene a route reads back with (the SDK's Backend model
// spells SingleService "Single"), which a write accepts too, so a client
// that reads a route and writes it back is not refused.
const readScene = "Single"

// canonicalScene is the scene as the emulator keeps it.
func canonicalScene(scene string) string {
	if scene == readScene {
		return "SingleService"
	}
	return scene
}

func (s *Server) checkBackend(b backendConfig) error {
	b.Scene = canonicalScene(b.Scene)
	if !slices.Contains(scenes, b.Scene) {
		return badRequest("backendConfig.scene must be one of %v (or %s, as routes read back), got %q", scenes, readScene, b.Scene)
	}
	if b.Scene == "SingleService" && len(b.Services) != 1 {
		return badRequest("backendConfig.scene SingleService takes exactly one service, got %d", len(b.Services))
	}
	total := 0
	for _, bs := range b.Services {
		if _, err := s.service(bs.ServiceID); err != nil {
			return err
		}
		total += bs.Weight
	}
	if b.Scene == "MultiServiceByRatio" && total != 100 {
		return badRequest("backendConfig.scene MultiServiceByRatio needs weights that sum to 100, got %d", total)
	}
	return nil
}

// checkPathInAPI refuses a route whose path, method and conditions another
// route of the same API already defines (RoutePathHasDefinedByApi).
func (s *Server) checkPathInAPI(a *apiRec, self string, sp routeSpec) error {
	for _, rt := range s.routesOf(a.HTTPAPIID) {
		if rt.RouteID != self && sameRequests(&rt.Spec, &sp, false) {
			return conflict("RoutePathHasDefinedByApi", "route %q of API %s already defines %s %s for %s", rt.Name, a.Name, sp.Match.Path.Type, sp.Match.Path.Value, methodsText(sp.Match.Methods))
		}
	}
	return nil
}

// sameRequests reports whether two route specs take the same requests in
// the same environment: the same path type and value, a shared method, the
// same header and query conditions, and (when byDomain) a shared domain.
func sameRequests(a, b *routeSpec, byDomain bool) bool {
	return a.EnvironmentID == b.EnvironmentID &&
		(!byDomain || sharesAny(a.DomainIDs, b.DomainIDs)) &&
		samePath(a.Match, b.Match) &&
		sharesMethod(a.Match.Methods, b.Match.Methods) &&
		conditionsKey(a.Match) == conditionsKey(b.Match)
}

func samePath(a, b routeMatch) bool {
	if a.Path.Type != b.Path.Type || a.IgnoreURICase != b.IgnoreURICase {
		return false
	}
	if a.IgnoreURICase {
		return strings.EqualFold(a.Path.Value, b.Path.Value)
	}
	return a.Path.Value == b.Path.Value
}

func sharesAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
}

// sharesMethod: no methods means every method.
func sharesMethod(a, b []string) bool {
	return len(a) == 0 || len(b) == 0 || sharesAny(a, b)
}

func conditionsKey(m routeMatch) string {
	conds := func(cs []condition) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = fmt.Sprintf("%q %s %q", strings.ToLower(c.Name), c.Type, c.Value)
		}
		slices.Sort(out)
		return out
	}
	return fmt.Sprint(conds(m.Headers), conds(m.QueryParams))
}

func methodsText(m []string) string {
	if len(m) == 0 {
		return "every method"
	}
	return strings.Join(m, ",")
}

// normalSpec fills what the API fills: empty lists instead of none.
func normalSpec(sp routeSpec) routeSpec {
	sp.DomainIDs = orEmpty(sp.DomainIDs)
	sp.BackendConfig.Services = orEmpty(sp.BackendConfig.Services)
	sp.BackendConfig.Scene = canonicalScene(sp.BackendConfig.Scene)
	return sp
}

func (s *Server) routeTaken(id string) bool { return s.routes[id] != nil }

// routesOf lists an API's routes, oldest first.
func (s *Server) routesOf(apiID string) []*routeRec {
	mine := map[string]*routeRec{}
	for id, rt := range s.routes {
		if rt.HTTPAPIID == apiID {
			mine[id] = rt
		}
	}
	return sorted(mine, func(v *routeRec) int64 { return v.CreateTimestamp })
}

// route finds a route of an API.
func (s *Server) route(c *call) (*routeRec, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, err
	}
	return s.routeOf(a, pathID(c, "routeId"))
}

func (s *Server) routeOf(a *apiRec, id string) (*routeRec, error) {
	if rt := s.routes[id]; rt != nil && rt.HTTPAPIID == a.HTTPAPIID {
		return rt, nil
	}
	return nil, notFound("NotFound.RouteNotFound", "route %s does not exist in HTTP API %s", id, a.Name)
}

func (s *Server) getRoute(c *call) (any, error) {
	rt, err := s.route(c)
	if err != nil {
		return nil, err
	}
	return s.routeInfo(rt), nil
}

func (s *Server) listRoutes(c *call) (any, error) {
	a, err := s.httpAPI(pathID(c, "httpApiId"))
	if err != nil {
		return nil, err
	}
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	items := []routeInfo{}
	for _, rt := range s.routesOf(a.HTTPAPIID) {
		if routeListed(c, rt) {
			items = append(items, s.routeInfo(rt))
		}
	}
	return paginate(c, items)
}

func routeListed(c *call, rt *routeRec) bool {
	dom, statuses := c.query("domainId"), c.query("deployStatuses")
	return match(rt.Name, c.query("name")) && contains(rt.Name, c.query("nameLike")) &&
		contains(rt.Spec.Match.Path.Value, c.query("pathLike")) &&
		match(rt.Spec.EnvironmentID, c.query("environmentId")) &&
		(dom == "" || slices.Contains(rt.Spec.DomainIDs, dom)) &&
		(statuses == "" || slices.Contains(strings.Split(statuses, ","), rt.DeployStatus))
}

type updateRouteReq struct {
	Description   *string        `json:"description"`
	EnvironmentID *string        `json:"environmentId"`
	DomainIDs     []string       `json:"domainIds"`
	Match         *routeMatch    `json:"match"`
	BackendConfig *backendConfig `json:"backendConfig"`
}

// updateRoute changes a route's configuration. A deployed route keeps
// serving what was deployed until it is deployed again.
func (s *Server) updateRoute(c *call) (any, error) {
	rt, err := s.route(c)
	if err != nil {
		return nil, err
	}
	if err := busy(rt, "updated"); err != nil {
		return nil, err
	}
	var req updateRouteReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	next := *rt
	next.Spec = normalSpec(mergeSpec(rt.Spec, req))
	if err := s.checkSpec(s.apis[rt.HTTPAPIID], rt.RouteID, next.Spec); err != nil {
		return nil, err
	}
	next.UpdateTimestamp = s.nowMS()
	return nil, s.saveRoute(&next)
}

func mergeSpec(sp routeSpec, req updateRouteReq) routeSpec {
	if req.Description != nil {
		sp.Description = *req.Description
	}
	if req.EnvironmentID != nil {
		sp.EnvironmentID = *req.EnvironmentID
	}
	if req.DomainIDs != nil {
		sp.DomainIDs = req.DomainIDs
	}
	if req.Match != nil {
		sp.Match = *req.Match
	}
	if req.BackendConfig != nil {
		sp.BackendConfig = *req.BackendConfig
	}
	return sp
}

// busy refuses to change a route while a deploy or undeploy is under way.
func busy(rt *routeRec, what string) error {
	if rt.DeployStatus == statusDeploying || rt.DeployStatus == statusUndeploying {
		return conflict("DeployRouteForbidden", "route %q is %s and cannot be %s now; wait until its deployStatus settles", rt.Name, rt.DeployStatus, what)
	}
	return nil
}

func (s *Server) saveRoute(rt *routeRec) error {
	if err := s.put(kindRoute, rt.RouteID, rt); err != nil {
		return err
	}
	s.routes[rt.RouteID] = rt
	return nil
}

// deleteRoute deletes a route that is not deployed.
func (s *Server) deleteRoute(c *call) (any, error) {
	rt, err := s.route(c)
	if err != nil {
		return nil, err
	}
	if live(rt) {
		return nil, ownConflict("Conflict.RouteDeployed", "route %q is %s; undeploy it before deleting it", rt.Name, rt.DeployStatus)
	}
	return nil, s.deleteRouteRec(rt)
}

// live reports whether a route serves traffic or is on its way to or from
// doing so.
func live(rt *routeRec) bool {
	return rt.Deployed != nil || rt.DeployStatus == statusDeploying || rt.DeployStatus == statusUndeploying
}

func (s *Server) deleteRouteRec(rt *routeRec) error {
	if err := s.detachAll(rt.RouteID); err != nil {
		return err
	}
	if err := s.remove(kindRoute, rt.RouteID); err != nil {
		return err
	}
	delete(s.routes, rt.RouteID)
	return nil
}
