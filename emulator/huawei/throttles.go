package huawei

import (
	"net/http"
	"slices"
)

// throttleBody is the body of the throttling policy create and update.
type throttleBody struct {
	Name           string `json:"name"`
	APICallLimits  int64  `json:"api_call_limits"`
	UserCallLimits *int64 `json:"user_call_limits"`
	AppCallLimits  *int64 `json:"app_call_limits"`
	IPCallLimits   *int64 `json:"ip_call_limits"`
	TimeInterval   int64  `json:"time_interval"`
	TimeUnit       string `json:"time_unit"`
	Remark         string `json:"remark"`
	Type           int    `json:"type"`
}

func (b throttleBody) check() error {
	if err := checkName("name", b.Name, policyNameRe, rulePolicyName); err != nil {
		return err
	}
	if err := oneOf("time_unit", b.TimeUnit, []string{"SECOND", "MINUTE", "HOUR", "DAY"}); err != nil {
		return err
	}
	const maxLimit = 1<<31 - 1
	for field, v := range map[string]int64{"api_call_limits": b.APICallLimits, "time_interval": b.TimeInterval} {
		if v < 1 || v > maxLimit {
			return invalid(field, "from 1 to %d, got %d", maxLimit, v)
		}
	}
	for field, p := range map[string]*int64{"user_call_limits": b.UserCallLimits, "app_call_limits": b.AppCallLimits, "ip_call_limits": b.IPCallLimits} {
		if p != nil && (*p < 0 || *p > b.APICallLimits) {
			return invalid(field, "from 0 to api_call_limits (%d), got %d", b.APICallLimits, *p)
		}
	}
	if b.AppCallLimits != nil && b.UserCallLimits != nil && *b.AppCallLimits > *b.UserCallLimits {
		return invalid("app_call_limits", "at most user_call_limits (%d)", *b.UserCallLimits)
	}
	if b.Type != 0 && b.Type != 1 && b.Type != 2 {
		return invalid("type", "1 (per API) or 2 (shared), got %d", b.Type)
	}
	return checkLen("remark", b.Remark, 255)
}

func (s *Server) throttle(id string) (*throttleRec, error) {
	if t, ok := s.throttles[id]; ok {
		t.BindNum = s.countBinds(s.thrBinds, id)
		return t, nil
	}
	return nil, notFound(codeThrottleNotFound, "The request throttling policy does not exist: %s", id)
}

func (s *Server) throttleNameTaken(name, self string) bool {
	for _, t := range s.throttles {
		if t.Name == name && t.ID != self {
			return true
		}
	}
	return false
}

// writeThrottle checks a body and applies it to t.
func (s *Server) writeThrottle(c *call, t *throttleRec) error {
	var b throttleBody
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := b.check(); err != nil {
		return err
	}
	if s.throttleNameTaken(b.Name, t.ID) {
		return taken(codeThrottleNameTaken, "The request throttling policy name already exists: %s", b.Name)
	}
	if b.Type == 0 {
		b.Type = 1
	}
	t.Name, t.APICallLimits, t.UserCallLimits, t.AppCallLimits, t.IPCallLimits = b.Name, b.APICallLimits, b.UserCallLimits, b.AppCallLimits, b.IPCallLimits
	t.TimeInterval, t.TimeUnit, t.Remark, t.Type = b.TimeInterval, b.TimeUnit, b.Remark, b.Type
	return s.put(kindThrottle, t.ID, t)
}

func (s *Server) createThrottle(c *call) (any, error) {
	t := &throttleRec{ID: s.newID(), CreateTime: s.now(), IsIncluSpecial: 2}
	if err := s.writeThrottle(c, t); err != nil {
		return nil, err
	}
	s.throttles[t.ID] = t
	return t, nil
}

func (s *Server) updateThrottle(c *call) (any, error) {
	t, err := s.throttle(c.path("throttle_id"))
	if err != nil {
		return nil, err
	}
	return t, s.writeThrottle(c, t)
}

func (s *Server) showThrottle(c *call) (any, error) { return s.throttle(c.path("throttle_id")) }

func (s *Server) listThrottles(c *call) (any, error) {
	var out []*throttleRec
	for _, t := range sorted(s.throttles, func(t *throttleRec) string { return t.CreateTime }) {
		if exact(c, "id", t.ID) && matchName(c, "name", t.Name) {
			t.BindNum = s.countBinds(s.thrBinds, t.ID)
			out = append(out, t)
		}
	}
	return paginate(c, "throttles", out)
}

// deleteThrottle deletes a throttling policy that is bound to no API
// (APIG.3451; fact sheet §17.6 leaves open whether the real gateway
// cascades instead).
func (s *Server) deleteThrottle(c *call) (any, error) {
	t, err := s.throttle(c.path("throttle_id"))
	if err != nil {
		return nil, err
	}
	if t.BindNum > 0 {
		return nil, errf(http.StatusForbidden, codeThrottleBound, "The request throttling policy is bound to APIs and cannot be deleted: %s", t.Name)
	}
	delete(s.throttles, t.ID)
	return nil, s.remove(kindThrottle, t.ID)
}

func (s *Server) bindThrottle(c *call) (any, error) {
	var b struct {
		StrategyID string   `json:"strategy_id"`
		PublishIDs []string `json:"publish_ids"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.StrategyID == "" {
		return nil, missing("strategy_id")
	}
	if _, err := s.throttle(b.StrategyID); err != nil {
		return nil, err
	}
	made, err := s.bind(s.thrBinds, kindThrottleBnd, "request throttling policy", b.StrategyID, b.PublishIDs)
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, r := range made {
		out = append(out, map[string]any{"id": r.ID, "publish_id": r.PublishID, "strategy_id": r.PolicyID, "scope": 1, "apply_time": r.CreateTime})
	}
	return map[string]any{"throttle_applys": out}, nil
}

func (s *Server) unbindThrottle(c *call) (any, error) {
	return nil, s.unbind(s.thrBinds, kindThrottleBnd, c.path("throttle_binding_id"), codeThrottleBndNotFound)
}

func (s *Server) unbindThrottles(c *call) (any, error) {
	var b struct {
		IDs []string `json:"throttle_bindings"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return s.unbindMany(c, s.thrBinds, kindThrottleBnd, b.IDs, codeThrottleBndNotFound)
}

// throttleBoundAPIs is ListApisBindedToRequestThrottlingPolicyV2.
func (s *Server) throttleBoundAPIs(c *call) (any, error) {
	id := c.query("throttle_id")
	if id == "" {
		return nil, missing("throttle_id")
	}
	t, err := s.throttle(id)
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, b := range s.boundTo(c, s.thrBinds, id) {
		out = append(out, s.throttleBoundView(b, t))
	}
	return paginate(c, "apis", out)
}

// throttleBoundView is an API bound to throttle t, as
// ListApisBindedToRequestThrottlingPolicyV2 lists it (ApiForThrottle).
func (s *Server) throttleBoundView(b *bindingRec, t *throttleRec) map[string]any {
	rec, a := s.apis[b.APIID], core(s.apis[b.APIID].Spec)
	v := map[string]any{"id": rec.ID, "name": a.Name, "type": a.Type, "remark": a.Remark, "req_method": a.ReqMethod,
		"req_uri": a.ReqURI, "auth_type": a.AuthType, "group_id": rec.GroupID, "tags": a.Tags, "run_env_id": b.EnvID,
		"run_env_name": s.envs[b.EnvID].Name, "publish_id": b.PublishID, "throttle_apply_id": b.ID, "apply_time": b.CreateTime,
		"throttle_name": t.Name}
	if g, ok := s.groups[rec.GroupID]; ok {
		v["group_name"] = g.Name
	}
	return v
}

// throttlesOfAPI is ListRequestThrottlingPoliciesBindedToApiV2.
func (s *Server) throttlesOfAPI(c *call) (any, error) {
	apiID := c.query("api_id")
	if apiID == "" {
		return nil, missing("api_id")
	}
	out := []map[string]any{}
	for _, bnd := range sortedBinds(s.thrBinds) {
		t, ok := s.throttles[bnd.PolicyID]
		if bnd.APIID != apiID || !ok || !exact(c, "env_id", bnd.EnvID) {
			continue
		}
		t.BindNum = s.countBinds(s.thrBinds, t.ID)
		v := toMap(t)
		v["env_name"], v["bind_id"], v["bind_time"] = s.envs[bnd.EnvID].Name, bnd.ID, bnd.CreateTime
		out = append(out, v)
	}
	return paginate(c, "throttles", out)
}

// sortedBinds lists bindings oldest first.
func sortedBinds(m map[string]*bindingRec) []*bindingRec {
	return sorted(m, func(b *bindingRec) string { return b.CreateTime })
}

// countBinds counts the bindings of a policy.
func (s *Server) countBinds(m map[string]*bindingRec, policyID string) int {
	n := 0
	for _, b := range m {
		if b.PolicyID == policyID {
			n++
		}
	}
	return n
}

// bind binds a policy to each publication: only one policy of a kind per
// API and environment (a second one is refused; the same one again is
// answered with the existing binding).
func (s *Server) bind(m map[string]*bindingRec, kind, what, policyID string, publishIDs []string) ([]*bindingRec, error) {
	if len(publishIDs) == 0 {
		return nil, missing("publish_ids")
	}
	var out []*bindingRec
	for _, pid := range slices.Compact(slices.Clone(publishIDs)) {
		p, ok := s.pubs[pid]
		if !ok || !p.Online {
			return nil, notFound(codePublishNotFound, "The API publication record does not exist: %s (bind policies to published APIs)", pid)
		}
		if old := bindingOf(m, p.APIID, p.EnvID); old != nil {
			if old.PolicyID != policyID {
				return nil, invalid("publish_ids", "the API %s already has a %s in environment %s (%s): unbind it first", core(s.apis[p.APIID].Spec).Name, what, s.envs[p.EnvID].Name, old.PolicyID)
			}
			out = append(out, old)
			continue
		}
		r := &bindingRec{ID: s.newID(), PolicyID: policyID, APIID: p.APIID, EnvID: p.EnvID, PublishID: p.ID, CreateTime: s.now()}
		m[r.ID] = r
		if err := s.put(kind, r.ID, r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func bindingOf(m map[string]*bindingRec, apiID, envID string) *bindingRec {
	for _, b := range m {
		if b.APIID == apiID && b.EnvID == envID {
			return b
		}
	}
	return nil
}

func (s *Server) unbind(m map[string]*bindingRec, kind, id, code string) error {
	if _, ok := m[id]; !ok {
		return notFound(code, "The binding record does not exist: %s", id)
	}
	delete(m, id)
	return s.remove(kind, id)
}

// unbindMany is a batch unbind: 200 with success_count and failure[].
func (s *Server) unbindMany(c *call, m map[string]*bindingRec, kind string, ids []string, code string) (any, error) {
	if c.query("action") != "delete" {
		return nil, invalid("action", "delete, got %q", c.query("action"))
	}
	if len(ids) == 0 {
		return nil, missing("bindings")
	}
	n, failure := 0, []map[string]string{}
	for _, id := range ids {
		if err := s.unbind(m, kind, id, code); err != nil {
			ae := asAPIError(err)
			failure = append(failure, map[string]string{"bind_id": id, "error_code": ae.Code, "error_msg": ae.Message})
			continue
		}
		n++
	}
	return map[string]any{"success_count": n, "failure": failure}, nil
}

// boundTo lists the bindings of a policy, oldest first, filtered by the
// query's api_id, env_id, group_id and api_name.
func (s *Server) boundTo(c *call, m map[string]*bindingRec, policyID string) []*bindingRec {
	var out []*bindingRec
	for _, b := range sortedBinds(m) {
		rec, ok := s.apis[b.APIID]
		if b.PolicyID != policyID || !ok || !exact(c, "api_id", b.APIID) || !exact(c, "env_id", b.EnvID) || !exact(c, "group_id", rec.GroupID) {
			continue
		}
		if matchName(c, "api_name", core(rec.Spec).Name) {
			out = append(out, b)
		}
	}
	return out
}

// dropBindings deletes the throttle and ACL bindings and plugin
// attachments whose API and environment drop picks.
func (s *Server) dropBindings(drop func(apiID, envID string) bool) error {
	for _, set := range []struct {
		m    map[string]*bindingRec
		kind string
	}{{s.thrBinds, kindThrottleBnd}, {s.aclBinds, kindACLBnd}} {
		for id, b := range set.m {
			if drop(b.APIID, b.EnvID) {
				delete(set.m, id)
				if err := s.remove(set.kind, id); err != nil {
					return err
				}
			}
		}
	}
	for id, a := range s.plugBinds {
		if drop(a.APIID, a.EnvID) {
			delete(s.plugBinds, id)
			if err := s.remove(kindPluginBnd, id); err != nil {
				return err
			}
		}
	}
	return nil
}
