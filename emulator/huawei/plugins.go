package huawei

import (
	"encoding/json"
	"net/http"
)

// pluginTypes are the plugin types APIG knows.
var pluginTypes = []string{"cors", "set_resp_headers", "kafka_log", "breaker", "rate_limit", "third_auth",
	"proxy_cache", "proxy_mirror", "oidc_auth", "jwt_auth"}

// pluginBody is the body of CreatePlugin and UpdatePlugin.
type pluginBody struct {
	Name    string `json:"plugin_name"`
	Type    string `json:"plugin_type"`
	Scope   string `json:"plugin_scope"`
	Content string `json:"plugin_content"`
	Remark  string `json:"remark"`
}

func (b pluginBody) check() error {
	if err := checkName("plugin_name", b.Name, pluginNameRe, rulePluginName); err != nil {
		return err
	}
	if err := oneOf("plugin_type", b.Type, pluginTypes); err != nil {
		return err
	}
	if err := oneOf("plugin_scope", b.Scope, []string{"global"}); err != nil {
		return err
	}
	if b.Content == "" {
		return missing("plugin_content")
	}
	if len(b.Content) > 65535 || !json.Valid([]byte(b.Content)) {
		return invalid("plugin_content", "a JSON document in a string, at most 65535 characters")
	}
	return checkLen("remark", b.Remark, 255)
}

func (s *Server) plugin(id string) (*pluginRec, error) {
	if p, ok := s.plugins[id]; ok {
		return p, nil
	}
	return nil, notFound(codePluginNotFound, "The plugin does not exist: %s", id)
}

func (s *Server) writePlugin(c *call, p *pluginRec) error {
	var b pluginBody
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := b.check(); err != nil {
		return err
	}
	for _, o := range s.plugins {
		if o.Name == b.Name && o.ID != p.ID {
			return taken(codePluginNameTaken, "The plugin name already exists: %s", b.Name)
		}
	}
	if p.Type != "" && p.Type != b.Type {
		return invalid("plugin_type", "a plugin's type cannot change (it is %s)", p.Type)
	}
	p.Name, p.Type, p.Scope, p.Content, p.Remark, p.UpdateTime = b.Name, b.Type, b.Scope, b.Content, b.Remark, s.now()
	return s.put(kindPlugin, p.ID, p)
}

func (s *Server) createPlugin(c *call) (any, error) {
	p := &pluginRec{ID: s.newID(), CreateTime: s.now()}
	if err := s.writePlugin(c, p); err != nil {
		return nil, err
	}
	s.plugins[p.ID] = p
	return p, nil
}

func (s *Server) updatePlugin(c *call) (any, error) {
	p, err := s.plugin(c.path("plugin_id"))
	if err != nil {
		return nil, err
	}
	return p, s.writePlugin(c, p)
}

func (s *Server) showPlugin(c *call) (any, error) { return s.plugin(c.path("plugin_id")) }

func (s *Server) listPlugins(c *call) (any, error) {
	var out []*pluginRec
	for _, p := range sorted(s.plugins, func(p *pluginRec) string { return p.CreateTime }) {
		if exact(c, "plugin_id", p.ID) && matchName(c, "plugin_name", p.Name) && exact(c, "plugin_type", p.Type) && exact(c, "plugin_scope", p.Scope) {
			out = append(out, p)
		}
	}
	return paginate(c, "plugins", out)
}

func (s *Server) deletePlugin(c *call) (any, error) {
	p, err := s.plugin(c.path("plugin_id"))
	if err != nil {
		return nil, err
	}
	for _, a := range s.plugBinds {
		if a.PluginID == p.ID {
			return nil, errf(http.StatusConflict, codePluginBound, "The plugin is bound to APIs and cannot be deleted: %s", p.Name)
		}
	}
	delete(s.plugins, p.ID)
	return nil, s.remove(kindPlugin, p.ID)
}

// attachBody is the body of the four attach and detach calls.
type attachBody struct {
	EnvID     string   `json:"env_id"`
	APIIDs    []string `json:"api_ids"`
	PluginIDs []string `json:"plugin_ids"`
}

// attach binds plugin p to API apiID in env: the API must be published
// there (APIG.3707), and a plugin of the same type is replaced.
func (s *Server) attach(p *pluginRec, apiID, envID string) (*pluginAttachRec, error) {
	if _, err := s.api(apiID); err != nil {
		return nil, err
	}
	if s.livePub(apiID, envID) == nil {
		return nil, errf(http.StatusConflict, codePluginNeedsOnline, "The API %s is not published in environment %s: plugins bind only to published APIs", apiID, s.envs[envID].Name)
	}
	for id, a := range s.plugBinds {
		if a.APIID != apiID || a.EnvID != envID || s.plugins[a.PluginID].Type != p.Type {
			continue
		}
		if a.PluginID == p.ID {
			return a, nil
		}
		delete(s.plugBinds, id)
		if err := s.remove(kindPluginBnd, id); err != nil {
			return nil, err
		}
	}
	a := &pluginAttachRec{ID: s.newID(), PluginID: p.ID, EnvID: envID, APIID: apiID, AttachedTime: s.now()}
	s.plugBinds[a.ID] = a
	return a, s.put(kindPluginBnd, a.ID, a)
}

// attachPairs attaches each (plugin, API) pair in env.
func (s *Server) attachPairs(envID string, plugins []*pluginRec, apiIDs []string) (any, error) {
	if _, err := s.env(envID); err != nil {
		return nil, err
	}
	out := []*pluginAttachRec{}
	for _, p := range plugins {
		for _, id := range apiIDs {
			a, err := s.attach(p, id, envID)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
	}
	return map[string]any{"attached_plugins": out}, nil
}

// readAttach decodes an attach or detach body, requiring env_id and the
// list named field.
func readAttach(c *call, field string) (attachBody, error) {
	var b attachBody
	if err := c.decode(&b); err != nil {
		return b, err
	}
	if b.EnvID == "" {
		return b, missing("env_id")
	}
	if (field == "api_ids" && len(b.APIIDs) == 0) || (field == "plugin_ids" && len(b.PluginIDs) == 0) {
		return b, missing(field)
	}
	return b, nil
}

func (s *Server) attachAPIsToPlugin(c *call) (any, error) {
	p, err := s.plugin(c.path("plugin_id"))
	if err != nil {
		return nil, err
	}
	b, err := readAttach(c, "api_ids")
	if err != nil {
		return nil, err
	}
	return s.attachPairs(b.EnvID, []*pluginRec{p}, b.APIIDs)
}

func (s *Server) attachPluginsToAPI(c *call) (any, error) {
	apiID := c.path("api_id")
	if _, err := s.api(apiID); err != nil {
		return nil, err
	}
	b, err := readAttach(c, "plugin_ids")
	if err != nil {
		return nil, err
	}
	var ps []*pluginRec
	for _, id := range b.PluginIDs {
		p, err := s.plugin(id)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return s.attachPairs(b.EnvID, ps, []string{apiID})
}

// detach removes the attachments of the given plugins and APIs in env.
func (s *Server) detach(envID string, pluginIDs, apiIDs []string) error {
	for id, a := range s.plugBinds {
		if a.EnvID == envID && contains(pluginIDs, a.PluginID) && contains(apiIDs, a.APIID) {
			delete(s.plugBinds, id)
			if err := s.remove(kindPluginBnd, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func (s *Server) detachAPIsFromPlugin(c *call) (any, error) {
	p, err := s.plugin(c.path("plugin_id"))
	if err != nil {
		return nil, err
	}
	b, err := readAttach(c, "api_ids")
	if err != nil {
		return nil, err
	}
	return nil, s.detach(b.EnvID, []string{p.ID}, b.APIIDs)
}

func (s *Server) detachPluginsFromAPI(c *call) (any, error) {
	apiID := c.path("api_id")
	if _, err := s.api(apiID); err != nil {
		return nil, err
	}
	b, err := readAttach(c, "plugin_ids")
	if err != nil {
		return nil, err
	}
	return nil, s.detach(b.EnvID, b.PluginIDs, []string{apiID})
}

// pluginAPIs is ListPluginAttachedApis.
func (s *Server) pluginAPIs(c *call) (any, error) {
	p, err := s.plugin(c.path("plugin_id"))
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, a := range sorted(s.plugBinds, func(a *pluginAttachRec) string { return a.AttachedTime }) {
		rec, ok := s.apis[a.APIID]
		if a.PluginID != p.ID || !ok || !exact(c, "env_id", a.EnvID) {
			continue
		}
		ac := core(rec.Spec)
		out = append(out, map[string]any{"api_id": rec.ID, "api_name": ac.Name, "type": ac.Type, "req_protocol": ac.ReqProtocol,
			"req_method": ac.ReqMethod, "req_uri": ac.ReqURI, "auth_type": ac.AuthType, "match_mode": ac.MatchMode,
			"group_id": rec.GroupID, "env_id": a.EnvID, "env_name": s.envs[a.EnvID].Name, "plugin_attach_id": a.ID, "attached_time": a.AttachedTime})
	}
	return paginate(c, "apis", out)
}

// apiPlugins is ListApiAttachedPlugins.
func (s *Server) apiPlugins(c *call) (any, error) {
	apiID := c.path("api_id")
	if _, err := s.api(apiID); err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, a := range sorted(s.plugBinds, func(a *pluginAttachRec) string { return a.AttachedTime }) {
		p, ok := s.plugins[a.PluginID]
		if a.APIID != apiID || !ok || !exact(c, "env_id", a.EnvID) {
			continue
		}
		out = append(out, map[string]any{"plugin_attach_id": a.ID, "plugin_id": p.ID, "plugin_name": p.Name, "plugin_type": p.Type,
			"plugin_scope": p.Scope, "plugin_content": p.Content, "remark": p.Remark, "env_id": a.EnvID, "env_name": s.envs[a.EnvID].Name,
			"attached_time": a.AttachedTime, "create_time": p.CreateTime, "update_time": p.UpdateTime})
	}
	return paginate(c, "plugins", out)
}
