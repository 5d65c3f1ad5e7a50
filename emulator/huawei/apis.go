package huawei

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
)

// core decodes the checked core of a kept spec (never fails: it was
// checked when written).
func core(spec map[string]any) apiCore {
	var a apiCore
	b, _ := json.Marshal(spec)
	_ = json.Unmarshal(b, &a)
	return a
}

func (s *Server) api(id string) (*apiRec, error) {
	if a, ok := s.apis[id]; ok {
		return a, nil
	}
	return nil, notFound(codeAPINotFound, "The API does not exist: %s", id)
}

// checkUnique enforces unique API names in the instance (APIG.3202; the
// scope is undocumented, fact sheet §17.2) and unique method + path +
// match mode in the group (APIG.3301).
func (s *Server) checkUnique(a apiCore, self string) error {
	for _, o := range s.apis {
		if o.ID == self {
			continue
		}
		oc := core(o.Spec)
		if oc.Name == a.Name {
			return taken(codeAPINameTaken, "The API name already exists: %s", a.Name)
		}
		if o.GroupID == a.GroupID && oc.routeKey() == a.routeKey() {
			return taken(codeAPIExists, "The API already exists: %s has the same method, path and match mode (%s %s %s)", oc.Name, a.ReqMethod, a.ReqURI, a.MatchMode)
		}
	}
	return nil
}

// readAPI parses and checks a create or update body.
func (s *Server) readAPI(c *call, self string) (map[string]any, apiCore, error) {
	spec, a, err := parseAPI(c.body)
	if err != nil {
		return nil, a, err
	}
	if err := a.check(); err != nil {
		return nil, a, err
	}
	if _, err := s.group(a.GroupID); err != nil {
		return nil, a, err
	}
	return spec, a, s.checkUnique(a, self)
}

func (s *Server) createAPI(c *call) (any, error) {
	spec, a, err := s.readAPI(c, "")
	if err != nil {
		return nil, err
	}
	now := s.now()
	rec := &apiRec{ID: s.newID(), GroupID: a.GroupID, Spec: spec, RegisterTime: now, UpdateTime: now, BackendID: s.newID()}
	s.apis[rec.ID] = rec
	return s.apiView(rec, true), s.put(kindAPI, rec.ID, rec)
}

func (s *Server) updateAPI(c *call) (any, error) {
	rec, err := s.api(c.path("api_id"))
	if err != nil {
		return nil, err
	}
	spec, a, err := s.readAPI(c, rec.ID)
	if err != nil {
		return nil, err
	}
	if a.GroupID != rec.GroupID {
		return nil, invalid("group_id", "an API cannot move to another group (it is in %s)", rec.GroupID)
	}
	if rec.BackendID == "" {
		rec.BackendID = s.newID()
	}
	rec.Spec, rec.UpdateTime = spec, s.now()
	return s.apiView(rec, true), s.put(kindAPI, rec.ID, rec)
}

func (s *Server) showAPI(c *call) (any, error) {
	rec, err := s.api(c.path("api_id"))
	if err != nil {
		return nil, err
	}
	return s.apiView(rec, true), nil
}

// deleteAPI deletes an API that is published nowhere, with its policy
// bindings and plugin attachments.
func (s *Server) deleteAPI(c *call) (any, error) {
	rec, err := s.api(c.path("api_id"))
	if err != nil {
		return nil, err
	}
	if pubs := s.publications(rec.ID); len(pubs) > 0 {
		return nil, errf(http.StatusConflict, codeAPIPublished, "The API cannot be deleted because it has been published: %s (take it offline in %s first)", core(rec.Spec).Name, s.envNames(pubs))
	}
	if err := s.dropBindings(func(apiID, _ string) bool { return apiID == rec.ID }); err != nil {
		return nil, err
	}
	if err := s.dropPublications(func(p *publicationRec) bool { return p.APIID == rec.ID }); err != nil {
		return nil, err
	}
	delete(s.apis, rec.ID)
	return nil, s.remove(kindAPI, rec.ID)
}

// apiView is an API as the detail call answers it (full) or as a list
// item (brief: no backend_params, func_info, mock_info or policies): the
// body last written, with the defaults the gateway fills in and what it
// adds, and without what the SDK's answer models do not have (a mock's
// status_code, which the data plane still answers with).
func (s *Server) apiView(rec *apiRec, full bool) map[string]any {
	v := maps.Clone(rec.Spec)
	v["id"], v["status"], v["register_time"], v["update_time"] = rec.ID, 1, rec.RegisterTime, rec.UpdateTime
	v["group_id"] = rec.GroupID
	if g, ok := s.groups[rec.GroupID]; ok {
		v["group_name"] = g.Name
	}
	for _, k := range []string{"backend_api", "func_info", "mock_info"} {
		if b, ok := v[k].(map[string]any); ok {
			b = maps.Clone(b)
			b["id"], b["status"], b["register_time"], b["update_time"] = rec.BackendID, 1, rec.RegisterTime, rec.UpdateTime
			delete(b, "status_code")
			v[k] = b
		}
	}
	if b, ok := v["backend_api"].(map[string]any); ok {
		channelDefaults(b)
	}
	v["req_params"] = reqParamDefaults(v["req_params"])
	v["policy_mocks"] = without(v["policy_mocks"], "status_code")
	for k, x := range v {
		if x == nil {
			delete(v, k)
		}
	}
	s.addPublishFields(v, rec.ID)
	if !full {
		for _, k := range []string{"backend_params", "func_info", "mock_info", "policy_functions", "policy_mocks", "policy_https"} {
			delete(v, k)
		}
	}
	return v
}

// addPublishFields writes where an API is published, "|"-joined.
func (s *Server) addPublishFields(v map[string]any, apiID string) {
	var ids, names, pids, times []string
	for _, p := range s.publications(apiID) {
		ids, pids, times = append(ids, p.EnvID), append(pids, p.ID), append(times, p.PublishTime)
		names = append(names, s.envs[p.EnvID].Name)
	}
	if len(ids) > 0 {
		v["run_env_id"], v["run_env_name"] = strings.Join(ids, "|"), strings.Join(names, "|")
		v["publish_id"], v["publish_time"] = strings.Join(pids, "|"), strings.Join(times, "|")
	}
}

func (s *Server) listAPIs(c *call) (any, error) {
	mode := c.query("return_data_mode")
	var out []map[string]any
	for _, rec := range sorted(s.apis, func(a *apiRec) string { return a.RegisterTime }) {
		if !s.apiMatches(c, rec) {
			continue
		}
		v := s.apiView(rec, false)
		if mode != "include_group_backend" {
			delete(v, "backend_api")
		}
		if mode == "include_group" || mode == "include_group_backend" {
			if g, ok := s.groups[rec.GroupID]; ok {
				v["api_group_info"] = map[string]any{"id": g.ID, "name": g.Name, "status": g.Status, "sl_domain": g.SlDomain, "url_domains": urlDomains(g.URLDomains)}
			}
		}
		out = append(out, v)
	}
	return paginate(c, "apis", out)
}

// apiMatches applies ListApisV2's filters.
func (s *Server) apiMatches(c *call, rec *apiRec) bool {
	a := core(rec.Spec)
	uriOK := c.query("req_uri") == "" || (preciseSearch(c, "req_uri") && a.ReqURI == c.query("req_uri")) ||
		(!preciseSearch(c, "req_uri") && strings.Contains(a.ReqURI, c.query("req_uri")))
	return exact(c, "id", rec.ID) && matchName(c, "name", a.Name) && exact(c, "group_id", rec.GroupID) &&
		exact(c, "req_protocol", a.ReqProtocol) && exact(c, "req_method", a.ReqMethod) && uriOK &&
		exact(c, "auth_type", a.AuthType) && exact(c, "backend_type", a.BackendType) &&
		(c.query("type") == "" || c.query("type") == itoa(a.Type)) &&
		(c.query("env_id") == "" || s.livePub(rec.ID, c.query("env_id")) != nil)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// checkAPIs is CheckApisV2: a dry run of the name or path conflict checks.
func (s *Server) checkAPIs(c *call) (any, error) {
	var b struct {
		Type      string `json:"type"`
		Name      string `json:"name"`
		ReqMethod string `json:"req_method"`
		ReqURI    string `json:"req_uri"`
		MatchMode string `json:"match_mode"`
		GroupID   string `json:"group_id"`
		APIID     string `json:"api_id"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	a := apiCore{Name: b.Name, ReqMethod: b.ReqMethod, ReqURI: b.ReqURI, MatchMode: b.MatchMode, GroupID: b.GroupID}
	if a.MatchMode == "" {
		a.MatchMode = "NORMAL"
	}
	switch b.Type {
	case "name":
		a.ReqURI = "\x00" // never a route clash
	case "path":
		a.Name = "\x00" // never a name clash
	default:
		return nil, invalid("type", "name or path, got %q", b.Type)
	}
	return nil, s.checkUnique(a, b.APIID)
}

// channelDefaults fills in what the gateway answers for a backend reached
// through a VPC channel (vpc_channel_status 1): url_domain is the
// channel's ID when none was sent (the seed document's GRPC example), and
// vpc_channel_info says the channel is not cascaded and has no port of
// its own.
func channelDefaults(b map[string]any) {
	info, ok := b["vpc_channel_info"].(map[string]any)
	if !ok || jsonNumber(b["vpc_channel_status"]) != 1 {
		return
	}
	info = maps.Clone(info)
	if _, ok := info["cascade_flag"]; !ok {
		info["cascade_flag"] = false
	}
	if _, ok := info["vpc_channel_port"]; !ok {
		info["vpc_channel_port"] = 0
	}
	b["vpc_channel_info"] = info
	if d, _ := b["url_domain"].(string); d == "" {
		b["url_domain"] = info["vpc_channel_id"]
	}
}

// reqParamDefaults fills in what the gateway answers for request
// parameters sent without them: required 1 for a PATH parameter, else 2;
// valid_enable 2; pass_through 1 (the seed document's CreateApiV2
// answer).
func reqParamDefaults(ps any) any {
	list, ok := ps.([]any)
	if !ok {
		return ps
	}
	out := make([]any, len(list))
	for i, p := range list {
		m, ok := p.(map[string]any)
		if !ok {
			out[i] = p
			continue
		}
		m = maps.Clone(m)
		required := 2
		if m["location"] == "PATH" {
			required = 1
		}
		for k, def := range map[string]int{"required": required, "valid_enable": 2, "pass_through": 1} {
			if jsonNumber(m[k]) == 0 {
				m[k] = def
			}
		}
		out[i] = m
	}
	return out
}

// without is a list of objects without key.
func without(list any, key string) any {
	l, ok := list.([]any)
	if !ok {
		return list
	}
	out := make([]any, len(l))
	for i, x := range l {
		if m, ok := x.(map[string]any); ok {
			m = maps.Clone(m)
			delete(m, key)
			x = m
		}
		out[i] = x
	}
	return out
}

// jsonNumber is a decoded JSON number as an int (0 for anything else).
func jsonNumber(v any) int {
	f, _ := v.(float64)
	return int(f)
}
