package huawei

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"strings"
)

// aclBody is the body of the ACL policy create and update.
type aclBody struct {
	Name       string `json:"acl_name"`
	Type       string `json:"acl_type"`
	Value      string `json:"acl_value"`
	EntityType string `json:"entity_type"`
}

func (b aclBody) check() error {
	if err := checkName("acl_name", b.Name, policyNameRe, rulePolicyName); err != nil {
		return err
	}
	if err := oneOf("acl_type", b.Type, []string{"PERMIT", "DENY"}); err != nil {
		return err
	}
	if err := oneOf("entity_type", b.EntityType, []string{"IP", "DOMAIN", "DOMAIN_ID"}); err != nil {
		return err
	}
	if b.Value == "" {
		return missing("acl_value")
	}
	if b.EntityType == "IP" {
		return checkIPs(b.Value)
	}
	return checkLen("acl_value", b.Value, 1024)
}

// checkIPs checks an IP ACL value: at most 100 addresses, ranges or CIDRs.
func checkIPs(value string) error {
	items := strings.Split(value, ",")
	if len(items) > 100 {
		return invalid("acl_value", "at most 100 IP addresses, got %d", len(items))
	}
	for _, it := range items {
		if _, ok := parseIPItem(it); !ok {
			return invalid("acl_value", "%q is not an IP address, a CIDR block or a range a-b", it)
		}
	}
	return nil
}

// parseIPItem reads one IP ACL entry as a predicate on addresses.
func parseIPItem(it string) (func(netip.Addr) bool, bool) {
	it = strings.TrimSpace(it)
	if p, err := netip.ParsePrefix(it); err == nil {
		return p.Contains, true
	}
	if a, err := netip.ParseAddr(it); err == nil {
		return func(x netip.Addr) bool { return x == a }, true
	}
	lo, hi, ok := strings.Cut(it, "-")
	a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
	b, err2 := netip.ParseAddr(strings.TrimSpace(hi))
	if !ok || err1 != nil || err2 != nil {
		return nil, false
	}
	return func(x netip.Addr) bool { return a.Compare(x) <= 0 && x.Compare(b) <= 0 }, true
}

func (s *Server) acl(id string) (*aclRec, error) {
	if a, ok := s.acls[id]; ok {
		return a, nil
	}
	return nil, notFound(codeACLNotFound, "The ACL policy does not exist: %s", id)
}

func (s *Server) writeACL(c *call, a *aclRec) error {
	var b aclBody
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := b.check(); err != nil {
		return err
	}
	for _, o := range s.acls {
		if o.Name == b.Name && o.ID != a.ID {
			return taken(codeACLNameTaken, "The ACL policy name already exists: %s", b.Name)
		}
	}
	a.Name, a.Type, a.Value, a.EntityType, a.UpdateTime = b.Name, b.Type, b.Value, b.EntityType, s.now()
	return s.put(kindACL, a.ID, a)
}

func (s *Server) createACL(c *call) (any, error) {
	a := &aclRec{ID: s.newID()}
	if err := s.writeACL(c, a); err != nil {
		return nil, err
	}
	s.acls[a.ID] = a
	return a, nil
}

func (s *Server) updateACL(c *call) (any, error) {
	a, err := s.acl(c.path("acl_id"))
	if err != nil {
		return nil, err
	}
	return a, s.writeACL(c, a)
}

func (s *Server) showACL(c *call) (any, error) { return s.acl(c.path("acl_id")) }

func (s *Server) listACLs(c *call) (any, error) {
	var out []aclListed
	for _, a := range sorted(s.acls, func(a *aclRec) string { return a.ID }) {
		if exact(c, "id", a.ID) && matchName(c, "name", a.Name) && exact(c, "acl_type", a.Type) && exact(c, "entity_type", a.EntityType) {
			out = append(out, aclListed{a, s.countBinds(s.aclBinds, a.ID)})
		}
	}
	return paginate(c, "acls", out)
}

func (s *Server) deleteACL(c *call) (any, error) {
	a, err := s.acl(c.path("acl_id"))
	if err != nil {
		return nil, err
	}
	if s.countBinds(s.aclBinds, a.ID) > 0 {
		return nil, errf(http.StatusForbidden, codeACLBound, "The ACL policy is bound to APIs and cannot be deleted: %s", a.Name)
	}
	delete(s.acls, a.ID)
	return nil, s.remove(kindACL, a.ID)
}

func (s *Server) bindACL(c *call) (any, error) {
	var b struct {
		ACLID      string   `json:"acl_id"`
		PublishIDs []string `json:"publish_ids"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	if b.ACLID == "" {
		return nil, missing("acl_id")
	}
	if _, err := s.acl(b.ACLID); err != nil {
		return nil, err
	}
	made, err := s.bind(s.aclBinds, kindACLBnd, "ACL policy", b.ACLID, b.PublishIDs)
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, r := range made {
		out = append(out, map[string]any{"id": r.ID, "api_id": r.APIID, "env_id": r.EnvID, "acl_id": r.PolicyID, "create_time": r.CreateTime})
	}
	return map[string]any{"acl_bindings": out}, nil
}

func (s *Server) unbindACL(c *call) (any, error) {
	return nil, s.unbind(s.aclBinds, kindACLBnd, c.path("acl_bindings_id"), codeACLBindNotFound)
}

func (s *Server) unbindACLs(c *call) (any, error) {
	var b struct {
		IDs []string `json:"acl_bindings"`
	}
	if err := c.decode(&b); err != nil {
		return nil, err
	}
	return s.unbindMany(c, s.aclBinds, kindACLBnd, b.IDs, codeACLBindNotFound)
}

// aclBoundAPIs is ListApisBindedToAclPolicyV2.
func (s *Server) aclBoundAPIs(c *call) (any, error) {
	id := c.query("acl_id")
	if id == "" {
		return nil, missing("acl_id")
	}
	if _, err := s.acl(id); err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, b := range s.boundTo(c, s.aclBinds, id) {
		out = append(out, s.aclBoundView(b))
	}
	return paginate(c, "apis", out)
}

// aclBoundView is an API bound to an ACL, as ListApisBindedToAclPolicyV2
// lists it (AclBindApiInfo).
func (s *Server) aclBoundView(b *bindingRec) map[string]any {
	rec, a := s.apis[b.APIID], core(s.apis[b.APIID].Spec)
	v := map[string]any{"api_id": rec.ID, "api_name": a.Name, "api_type": a.Type, "api_remark": a.Remark, "req_method": a.ReqMethod,
		"env_id": b.EnvID, "env_name": s.envs[b.EnvID].Name, "publish_id": b.PublishID, "bind_id": b.ID, "bind_time": b.CreateTime,
		"tags": a.Tags}
	if g, ok := s.groups[rec.GroupID]; ok {
		v["group_name"] = g.Name
	}
	return v
}

// aclsOfAPI is ListAclPolicyBindedToApiV2.
func (s *Server) aclsOfAPI(c *call) (any, error) {
	apiID := c.query("api_id")
	if apiID == "" {
		return nil, missing("api_id")
	}
	out := []map[string]any{}
	for _, b := range sortedBinds(s.aclBinds) {
		a, ok := s.acls[b.PolicyID]
		if b.APIID != apiID || !ok || !exact(c, "env_id", b.EnvID) {
			continue
		}
		out = append(out, map[string]any{"acl_id": a.ID, "acl_name": a.Name, "entity_type": a.EntityType, "acl_type": a.Type,
			"acl_value": a.Value, "env_id": b.EnvID, "env_name": s.envs[b.EnvID].Name, "bind_id": b.ID, "bind_time": b.CreateTime})
	}
	return paginate(c, "acls", out)
}

// toMap turns a record into a JSON object, to add fields to.
func toMap(v any) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}
