package huawei

import (
	"net/http"
	"strings"
)

func (s *Server) showInstance(c *call) (any, error) {
	if id := c.path("instance_id"); id != s.inst.ID {
		return nil, notFound(codeInstanceMissing, "The instance does not exist: %s", id)
	}
	return s.instanceView(), nil
}

// instanceView is the instance as ShowDetailsOfInstanceV2 answers it.
func (s *Server) instanceView() map[string]any {
	v := s.instanceListed()
	i := s.inst
	v["instance_version"], v["ingress_ip"], v["vpc_id"] = i.Version, i.IngressIP, i.VpcID
	v["supported_features"] = []string{"gateway_responses", "ratelimit", "request_body_size", "backend_timeout", "route"}
	return v
}

// instanceListed is the instance as ListInstancesV2 lists it
// (RespInstanceBase).
func (s *Server) instanceListed() map[string]any {
	i := s.inst
	return map[string]any{
		"id": i.ID, "instance_name": i.Name, "status": i.Status, "instance_status": 6, "spec": i.Spec,
		"project_id": i.ProjectID, "create_time": i.CreateTime, "charging_mode": 0, "type": "apig", "eip_address": "",
	}
}

func (s *Server) listInstances(c *call) (any, error) {
	items := []map[string]any{}
	if exact(c, "instance_id", s.inst.ID) && matchName(c, "instance_name", s.inst.Name) && exact(c, "status", s.inst.Status) {
		items = append(items, s.instanceListed())
	}
	return paginate(c, "instances", items)
}

// groupView is a group as the API answers it: its domains without their
// redirect settings (UrlDomain).
type groupView struct {
	*groupRec
	URLDomains []urlDomain `json:"url_domains"`
}

func viewGroup(g *groupRec) groupView { return groupView{g, urlDomains(g.URLDomains)} }

// groupBody is the body of CreateApiGroupV2 and UpdateApiGroupV2.
type groupBody struct {
	Name   string `json:"name"`
	Remark string `json:"remark"`
}

func (b groupBody) check() error {
	if err := checkName("name", b.Name, groupNameRe, ruleGroupName); err != nil {
		return err
	}
	return checkLen("remark", b.Remark, 1000)
}

func (s *Server) groupByName(name string) *groupRec {
	for _, g := range s.groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}

func (s *Server) group(id string) (*groupRec, error) {
	if g, ok := s.groups[id]; ok {
		return g, nil
	}
	return nil, notFound(codeGroupNotFound, "The API group does not exist: %s", id)
}

func (s *Server) createGroup(c *call) (any, error) {
	var b groupBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	if s.groupByName(b.Name) != nil {
		return nil, taken(codeGroupNameTaken, "The API group name already exists: %s", b.Name)
	}
	now, id := s.now(), s.newID()
	sl := id + ".apic." + s.cfg.Region + ".gwsync.local"
	g := &groupRec{
		ID: id, Name: b.Name, Remark: b.Remark, Status: 1, SlDomain: sl, SlDomains: []string{sl},
		SlDomainAccessEnabled: true, RegisterTime: now, UpdateTime: now, OnSellStatus: 2, IsDefault: 2,
		URLDomains: []*domainRec{},
	}
	s.groups[g.ID] = g
	return viewGroup(g), s.put(kindGroup, g.ID, g)
}

func (s *Server) listGroups(c *call) (any, error) {
	var out []groupView
	for _, g := range sorted(s.groups, func(g *groupRec) string { return g.RegisterTime }) {
		if exact(c, "id", g.ID) && matchName(c, "name", g.Name) {
			out = append(out, viewGroup(g))
		}
	}
	return paginate(c, "groups", out)
}

func (s *Server) showGroup(c *call) (any, error) {
	g, err := s.group(c.path("group_id"))
	if err != nil {
		return nil, err
	}
	return viewGroup(g), nil
}

func (s *Server) updateGroup(c *call) (any, error) {
	g, err := s.group(c.path("group_id"))
	if err != nil {
		return nil, err
	}
	var b groupBody
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	if o := s.groupByName(b.Name); o != nil && o != g {
		return nil, taken(codeGroupNameTaken, "The API group name already exists: %s", b.Name)
	}
	g.Name, g.Remark, g.UpdateTime = b.Name, b.Remark, s.now()
	return viewGroup(g), s.put(kindGroup, g.ID, g)
}

// deleteGroup deletes an empty group with its domains, certificates and
// environment variables.
func (s *Server) deleteGroup(c *call) (any, error) {
	g, err := s.group(c.path("group_id"))
	if err != nil {
		return nil, err
	}
	for _, a := range s.apis {
		if a.GroupID == g.ID {
			return nil, errf(http.StatusPreconditionFailed, codeGroupHasAPIs, "The API group contains APIs and cannot be deleted: %s", g.Name)
		}
	}
	for id, v := range s.vars {
		if v.GroupID == g.ID {
			delete(s.vars, id)
			if err := s.remove(kindVariable, id); err != nil {
				return nil, err
			}
		}
	}
	delete(s.groups, g.ID)
	return nil, s.remove(kindGroup, g.ID)
}

func (s *Server) setSlDomainAccess(c *call) (any, error) {
	g, err := s.group(c.path("group_id"))
	if err != nil {
		return nil, err
	}
	var b struct {
		Enabled *bool `json:"sl_domain_access_enabled"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.Enabled == nil {
		return nil, missing("sl_domain_access_enabled")
	}
	g.SlDomainAccessEnabled, g.UpdateTime = *b.Enabled, s.now()
	return nil, s.put(kindGroup, g.ID, g)
}

// groupForHost finds the group a data-plane host belongs to: its debug
// domain (when enabled) or a bound domain (with s.mu held).
func (s *Server) groupForHost(host string) *groupRec {
	for _, g := range s.groups {
		if g.SlDomainAccessEnabled && strings.EqualFold(g.SlDomain, host) {
			return g
		}
		for _, d := range g.URLDomains {
			if domainMatches(d.Domain, host) {
				return g
			}
		}
	}
	return nil
}

// domainMatches compares a bound domain (maybe *.wildcard) with a host.
func domainMatches(domain, host string) bool {
	if rest, ok := strings.CutPrefix(domain, "*."); ok {
		_, suffix, found := strings.Cut(host, ".")
		return found && strings.EqualFold(suffix, rest)
	}
	return strings.EqualFold(domain, host)
}
