package huawei

import "net/http"

// envBody is the body of CreateEnvironmentV2 and UpdateEnvironmentV2.
type envBody struct {
	Name   string `json:"name"`
	Remark string `json:"remark"`
}

func (b envBody) check() error {
	if err := checkName("name", b.Name, envNameRe, ruleEnvName); err != nil {
		return err
	}
	return checkLen("remark", b.Remark, 255)
}

func (s *Server) createEnv(c *call) (any, error) {
	var b envBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	if s.envByName(b.Name) != nil {
		return nil, taken(codeEnvNameTaken, "The environment name already exists: %s", b.Name)
	}
	e := &envRec{ID: s.newID(), Name: b.Name, Remark: b.Remark, CreateTime: s.now()}
	s.envs[e.ID] = e
	return e, s.put(kindEnv, e.ID, e)
}

func (s *Server) listEnvs(c *call) (any, error) {
	var out []*envRec
	for _, e := range sorted(s.envs, func(e *envRec) string { return e.CreateTime }) {
		if matchName(c, "name", e.Name) {
			out = append(out, e)
		}
	}
	return paginate(c, "envs", out)
}

func (s *Server) env(id string) (*envRec, error) {
	if e, ok := s.envs[id]; ok {
		return e, nil
	}
	return nil, notFound(codeEnvNotFound, "The environment does not exist: %s", id)
}

func (s *Server) updateEnv(c *call) (any, error) {
	e, err := s.env(c.path("env_id"))
	if err != nil {
		return nil, err
	}
	var b envBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	if e.ID == ReleaseEnvID {
		return nil, invalid("env_id", "the RELEASE environment cannot be changed")
	}
	if o := s.envByName(b.Name); o != nil && o != e {
		return nil, taken(codeEnvNameTaken, "The environment name already exists: %s", b.Name)
	}
	e.Name, e.Remark = b.Name, b.Remark
	return e, s.put(kindEnv, e.ID, e)
}

func (s *Server) deleteEnv(c *call) (any, error) {
	e, err := s.env(c.path("env_id"))
	if err != nil {
		return nil, err
	}
	if e.ID == ReleaseEnvID {
		return nil, invalid("env_id", "the RELEASE environment cannot be deleted")
	}
	for _, p := range s.pubs {
		if p.EnvID == e.ID && p.Online {
			return nil, errf(http.StatusForbidden, codeEnvHasPublished, "The environment has published APIs and cannot be deleted: %s", e.Name)
		}
	}
	for id, v := range s.vars {
		if v.EnvID == e.ID {
			delete(s.vars, id)
			if err := s.remove(kindVariable, id); err != nil {
				return nil, err
			}
		}
	}
	if err := s.dropBindings(func(_, envID string) bool { return envID == e.ID }); err != nil {
		return nil, err
	}
	if err := s.dropPublications(func(p *publicationRec) bool { return p.EnvID == e.ID }); err != nil {
		return nil, err
	}
	delete(s.envs, e.ID)
	return nil, s.remove(kindEnv, e.ID)
}

// variableBody is the body of CreateEnvironmentVariableV2.
type variableBody struct {
	GroupID string `json:"group_id"`
	EnvID   string `json:"env_id"`
	Name    string `json:"variable_name"`
	Value   string `json:"variable_value"`
}

func (b variableBody) check() error {
	for field, v := range map[string]string{"group_id": b.GroupID, "env_id": b.EnvID} {
		if v == "" {
			return missing(field)
		}
	}
	if err := checkName("variable_name", b.Name, varNameRe, ruleVarName); err != nil {
		return err
	}
	return checkName("variable_value", b.Value, varValueRe, "1-255 characters: letters, digits and _-/.:")
}

func (s *Server) createVariable(c *call) (any, error) {
	var b variableBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	if _, err := s.group(b.GroupID); err != nil {
		return nil, err
	}
	if _, err := s.env(b.EnvID); err != nil {
		return nil, err
	}
	if s.variable(b.GroupID, b.EnvID, b.Name) != nil {
		return nil, taken(codeVariableExists, "The environment variable already exists: %s", b.Name)
	}
	v := &variableRec{ID: s.newID(), GroupID: b.GroupID, EnvID: b.EnvID, Name: b.Name, Value: b.Value, CreateTime: s.now()}
	s.vars[v.ID] = v
	return v.view(), s.put(kindVariable, v.ID, v)
}

// variable finds a variable by group, environment and (case-sensitive) name.
func (s *Server) variable(groupID, envID, name string) *variableRec {
	for _, v := range s.vars {
		if v.GroupID == groupID && v.EnvID == envID && v.Name == name {
			return v
		}
	}
	return nil
}

func (s *Server) listVariables(c *call) (any, error) {
	var out []variableView
	for _, v := range sorted(s.vars, func(v *variableRec) string { return v.CreateTime }) {
		if exact(c, "group_id", v.GroupID) && exact(c, "env_id", v.EnvID) && matchName(c, "variable_name", v.Name) {
			out = append(out, v.view())
		}
	}
	return paginate(c, "variables", out)
}

// pathVariable is the variable the path names.
func (s *Server) pathVariable(c *call) (*variableRec, error) {
	v, ok := s.vars[c.path("env_variable_id")]
	if !ok {
		return nil, notFound(codeVariableNotFound, "The environment variable does not exist: %s", c.path("env_variable_id"))
	}
	return v, nil
}

func (s *Server) showVariable(c *call) (any, error) {
	v, err := s.pathVariable(c)
	if err != nil {
		return nil, err
	}
	return v.view(), nil
}

func (s *Server) updateVariable(c *call) (any, error) {
	v, err := s.pathVariable(c)
	if err != nil {
		return nil, err
	}
	var b struct {
		Value string `json:"variable_value"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if err := checkName("variable_value", b.Value, varValueRe, "1-255 characters: letters, digits and _-/.:"); err != nil {
		return nil, err
	}
	v.Value = b.Value
	return v.view(), s.put(kindVariable, v.ID, v)
}

func (s *Server) deleteVariable(c *call) (any, error) {
	if _, err := s.pathVariable(c); err != nil {
		return nil, err
	}
	id := c.path("env_variable_id")
	delete(s.vars, id)
	return nil, s.remove(kindVariable, id)
}
