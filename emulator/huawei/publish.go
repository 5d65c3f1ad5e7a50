package huawei

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// publications lists where an API is published, oldest first.
func (s *Server) publications(apiID string) []*publicationRec {
	var out []*publicationRec
	for _, p := range sorted(s.pubs, func(p *publicationRec) string { return p.PublishTime }) {
		if p.APIID == apiID && p.Online {
			out = append(out, p)
		}
	}
	return out
}

// livePub finds the publication of an API in an environment, if the API
// is published there now.
func (s *Server) livePub(apiID, envID string) *publicationRec {
	if p := s.publication(apiID, envID); p != nil && p.Online {
		return p
	}
	return nil
}

// publication finds the publication record of an API in an environment,
// online or not: its publish_id stays the same across offline and online.
func (s *Server) publication(apiID, envID string) *publicationRec {
	for _, p := range s.pubs {
		if p.APIID == apiID && p.EnvID == envID {
			return p
		}
	}
	return nil
}

func (s *Server) envNames(pubs []*publicationRec) string {
	var names []string
	for _, p := range pubs {
		names = append(names, s.envs[p.EnvID].Name)
	}
	return strings.Join(names, ", ")
}

// publishBody is the body of CreateOrDeletePublishRecordForApiV2.
type publishBody struct {
	Action string `json:"action"`
	APIID  string `json:"api_id"`
	EnvID  string `json:"env_id"`
	Remark string `json:"remark"`
}

// publishResult is one publication as the publish calls answer it.
type publishResult struct {
	PublishID   string `json:"publish_id"`
	APIID       string `json:"api_id"`
	APIName     string `json:"api_name"`
	EnvID       string `json:"env_id"`
	Remark      string `json:"remark"`
	PublishTime string `json:"publish_time"`
	VersionID   string `json:"version_id"`
}

func (s *Server) publishOne(c *call) (any, error) {
	var b publishBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.Action != "online" && b.Action != "offline" {
		return nil, invalid("action", "online or offline, got %q", b.Action)
	}
	if err := checkLen("remark", b.Remark, 255); err != nil {
		return nil, err
	}
	return s.publishAction(b.Action, b.APIID, b.EnvID, b.Remark)
}

// publishAction publishes an API in an environment or takes it offline.
func (s *Server) publishAction(action, apiID, envID, remark string) (*publishResult, error) {
	rec, err := s.api(apiID)
	if err != nil {
		return nil, err
	}
	env, err := s.env(envID)
	if err != nil {
		return nil, err
	}
	if action == "offline" {
		return s.offline(rec, env)
	}
	return s.online(rec, env, remark)
}

// online publishes the API's current definition in env: its #var#
// variables must be defined there for the API's group.
func (s *Server) online(rec *apiRec, env *envRec, remark string) (*publishResult, error) {
	if name := s.missingVariable(rec, env.ID); name != "" {
		return nil, errf(http.StatusBadRequest, codeVariableMissing,
			"Invalid parameter value,parameterName:env_id. The API uses the variable #%s#, which is not defined in environment %s for its group", name, env.Name)
	}
	p := s.publication(rec.ID, env.ID)
	if p == nil {
		p = &publicationRec{ID: s.newID(), APIID: rec.ID, EnvID: env.ID}
	}
	p.VersionID, p.Remark, p.PublishTime, p.GroupID, p.Online = s.newID(), remark, s.now(), rec.GroupID, true
	p.Snapshot = maps.Clone(rec.Spec)
	s.pubs[p.ID] = p
	return s.publishResult(rec, p), s.put(kindPublication, p.ID, p)
}

// offline takes the API offline in env; its policy bindings stay and
// apply again when it is published again.
func (s *Server) offline(rec *apiRec, env *envRec) (*publishResult, error) {
	p := s.livePub(rec.ID, env.ID)
	if p == nil {
		return nil, notFound(codePublishNotFound, "The API %s is not published in environment %s", core(rec.Spec).Name, env.Name)
	}
	p.Online, p.Snapshot, p.PublishTime = false, nil, s.now()
	return s.publishResult(rec, p), s.put(kindPublication, p.ID, p)
}

func (s *Server) publishResult(rec *apiRec, p *publicationRec) *publishResult {
	return &publishResult{PublishID: p.ID, APIID: rec.ID, APIName: core(rec.Spec).Name, EnvID: p.EnvID,
		Remark: p.Remark, PublishTime: p.PublishTime, VersionID: p.VersionID}
}

// missingVariable names the first #var# the API's backend uses that is not
// defined in env for its group, or "".
func (s *Server) missingVariable(rec *apiRec, envID string) string {
	for _, name := range usedVariables(rec.Spec) {
		if s.variable(rec.GroupID, envID, name) == nil {
			return name
		}
	}
	return ""
}

// usedVariables lists the #var# names an API's backend definitions use.
func usedVariables(spec map[string]any) []string {
	var names []string
	for _, k := range []string{"backend_api", "backend_params", "policy_https", "func_info"} {
		b, _ := json.Marshal(spec[k])
		for _, m := range variableRe.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
	}
	return names
}

// batchFailure is one API a batch publish could not handle.
type batchFailure struct {
	APIID   string `json:"api_id"`
	APIName string `json:"api_name"`
	Code    string `json:"error_code"`
	Message string `json:"error_msg"`
}

// publishBatch is BatchPublishOrOfflineApiV2: 200 with success[] and
// failure[], whatever failed.
func (s *Server) publishBatch(c *call) (any, error) {
	action := c.query("action")
	if action != "online" && action != "offline" {
		return nil, invalid("action", "online or offline, got %q", action)
	}
	var b struct {
		EnvID   string   `json:"env_id"`
		APIs    []string `json:"apis"`
		GroupID string   `json:"group_id"`
		Remark  string   `json:"remark"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if _, err := s.env(b.EnvID); err != nil {
		return nil, err
	}
	ids, err := s.batchAPIs(b.APIs, b.GroupID)
	if err != nil {
		return nil, err
	}
	success, failure := []*publishResult{}, []batchFailure{}
	for _, id := range ids {
		r, err := s.publishAction(action, id, b.EnvID, b.Remark)
		if err != nil {
			ae := asAPIError(err)
			name := ""
			if rec, ok := s.apis[id]; ok {
				name = core(rec.Spec).Name
			}
			failure = append(failure, batchFailure{APIID: id, APIName: name, Code: ae.Code, Message: ae.Message})
			continue
		}
		success = append(success, r)
	}
	return map[string]any{"success": success, "failure": failure}, nil
}

// batchAPIs is the APIs a batch names: the list, or every API of the group.
func (s *Server) batchAPIs(apis []string, groupID string) ([]string, error) {
	if len(apis) > 1000 {
		return nil, invalid("apis", "at most 1000 APIs, got %d", len(apis))
	}
	if len(apis) > 0 || groupID == "" {
		if len(apis) == 0 {
			return nil, missing("apis")
		}
		return apis, nil
	}
	if _, err := s.group(groupID); err != nil {
		return nil, err
	}
	var ids []string
	for _, a := range sorted(s.apis, func(a *apiRec) string { return a.RegisterTime }) {
		if a.GroupID == groupID {
			ids = append(ids, a.ID)
		}
	}
	return ids, nil
}

// dropPublications deletes the (offline) publication records drop picks.
func (s *Server) dropPublications(drop func(*publicationRec) bool) error {
	for id, p := range s.pubs {
		if drop(p) {
			delete(s.pubs, id)
			if err := s.remove(kindPublication, id); err != nil {
				return err
			}
		}
	}
	return nil
}
