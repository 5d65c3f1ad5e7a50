package aliyun

import (
	"encoding/json"
	"slices"

	"github.com/gwsync/gwsync/schema"
)

type policyReq struct {
	Name        *string `json:"name"`
	ClassName   string  `json:"className"`
	Config      *string `json:"config"`
	Description *string `json:"description"`
}

func (s *Server) createPolicy(c *call) (any, error) {
	var req policyReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if _, ok := schema.LookupClass(req.ClassName); !ok {
		return nil, badRequest("className %q is not a policy class this gateway knows (%v)", req.ClassName, schema.ClassNames())
	}
	now := s.nowMS()
	p := &policyRec{PolicyID: s.newID("p-", s.policyTaken), ClassName: req.ClassName, CreateTimestamp: now, UpdateTimestamp: now}
	if err := s.applyPolicy(p, req); err != nil {
		return nil, err
	}
	if err := s.savePolicy(p); err != nil {
		return nil, err
	}
	return map[string]string{"policyId": p.PolicyID}, nil
}

// applyPolicy writes name, config and description onto p and checks them.
func (s *Server) applyPolicy(p *policyRec, req policyReq) error {
	if req.Name == nil || *req.Name == "" || req.Config == nil {
		return badRequest("name and config are required")
	}
	if !json.Valid([]byte(*req.Config)) {
		return badRequest("config must be a JSON document written as a string, got %q", *req.Config)
	}
	for _, other := range s.policies {
		if other.Name == *req.Name && other.PolicyID != p.PolicyID {
			return conflict("PolicyExisted", "policy %q already exists in gateway %s (%s)", *req.Name, s.gw.GatewayID, other.PolicyID)
		}
	}
	p.Name, p.Config = *req.Name, *req.Config
	if req.Description != nil {
		p.Description = *req.Description
	}
	return nil
}

func (s *Server) savePolicy(p *policyRec) error {
	if err := s.put(kindPolicy, p.PolicyID, p); err != nil {
		return err
	}
	s.policies[p.PolicyID] = p
	return nil
}

func (s *Server) policyTaken(id string) bool { return s.policies[id] != nil }

func (s *Server) policy(id string) (*policyRec, error) {
	if p := s.policies[id]; p != nil {
		return p, nil
	}
	return nil, notFound("NotFound.PolicyNotFound", "policy %s does not exist", id)
}

// policyDetail is GetPolicy's PolicyDetailInfo: the one answer that holds
// a policy's description.
type policyDetail struct {
	PolicyID    string `json:"policyId"`
	Name        string `json:"name"`
	ClassName   string `json:"className"`
	ClassID     string `json:"classId"`
	Config      string `json:"config"`
	Description string `json:"description"`
}

func (s *Server) getPolicy(c *call) (any, error) {
	p, err := s.policy(pathID(c, "policyId"))
	if err != nil {
		return nil, err
	}
	return policyDetail{PolicyID: p.PolicyID, Name: p.Name, ClassName: p.ClassName, ClassID: "pc-" + p.ClassName,
		Config: p.Config, Description: p.Description}, nil
}

func (s *Server) updatePolicy(c *call) (any, error) {
	p, err := s.policy(pathID(c, "policyId"))
	if err != nil {
		return nil, err
	}
	var req policyReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if req.ClassName != "" && req.ClassName != p.ClassName {
		return nil, badRequest("the className of policy %q cannot change (from %s to %s); create a new policy", p.Name, p.ClassName, req.ClassName)
	}
	next := *p
	if err := s.applyPolicy(&next, req); err != nil {
		return nil, err
	}
	next.UpdateTimestamp = s.nowMS()
	return nil, s.savePolicy(&next)
}

// deletePolicy deletes a policy that is attached nowhere.
func (s *Server) deletePolicy(c *call) (any, error) {
	p, err := s.policy(pathID(c, "policyId"))
	if err != nil {
		return nil, err
	}
	for _, at := range s.everyAttachment() {
		if at.PolicyID == p.PolicyID {
			return nil, ownConflict("Conflict.PolicyAttached", "policy %q is attached to %s %s (%s); detach it first", p.Name, at.AttachResourceType, at.AttachResourceID, at.PolicyAttachmentID)
		}
	}
	if err := s.remove(kindPolicy, p.PolicyID); err != nil {
		return nil, err
	}
	delete(s.policies, p.PolicyID)
	return nil, nil
}

// policyInfo is ListPolicies' PolicyInfo. It has no description: only
// GetPolicy answers that.
type policyInfo struct {
	PolicyID    string           `json:"policyId"`
	Name        string           `json:"name"`
	ClassName   string           `json:"className"`
	ClassAlias  string           `json:"classAlias"`
	Config      string           `json:"config"`
	Direction   string           `json:"direction"`
	Type        string           `json:"type"`
	Attachments []attachmentInfo `json:"attachments,omitempty"`
}

// attachmentInfo is the Attachment model inside PolicyInfo.
type attachmentInfo struct {
	PolicyAttachmentID string   `json:"policyAttachmentId"`
	AttachResourceID   string   `json:"attachResourceId"`
	AttachResourceIDs  []string `json:"attachResourceIds"`
	AttachResourceType string   `json:"attachResourceType"`
	EnvironmentID      string   `json:"environmentId"`
	GatewayID          string   `json:"gatewayId"`
}

// listPolicies lists policies, filtered by where they are attached when
// asked, a page at a time: the SDK's request has no page parameters, yet
// its answer is a page (pageSize 10 and totalSize 18 in its example), so
// the emulator pages 10 at a time unless pageNumber and pageSize say
// otherwise.
func (s *Server) listPolicies(c *call) (any, error) {
	if err := s.matchGateway(c.query("gatewayId")); err != nil {
		return nil, err
	}
	filtered := c.query("attachResourceId") != "" || c.query("attachResourceType") != "" || c.query("environmentId") != ""
	items := []policyInfo{}
	for _, p := range sorted(s.policies, func(v *policyRec) int64 { return v.CreateTimestamp }) {
		ats := s.attachmentsOf(c, p.PolicyID)
		if filtered && len(ats) == 0 {
			continue
		}
		info := policyInfo{PolicyID: p.PolicyID, Name: p.Name, ClassName: p.ClassName, ClassAlias: p.ClassName,
			Config: p.Config, Direction: "InBound", Type: "Custom"}
		if c.boolQuery("withAttachments") {
			info.Attachments = ats
		}
		items = append(items, info)
	}
	return paginate(c, items)
}

// attachmentsOf lists a policy's attachments that pass the call's filters.
func (s *Server) attachmentsOf(c *call, policyID string) []attachmentInfo {
	out := []attachmentInfo{}
	for _, at := range sorted(s.attachments, func(v *attachmentRec) int64 { return v.CreateTimestamp }) {
		if at.PolicyID != policyID || !match(at.AttachResourceID, c.query("attachResourceId")) ||
			!match(at.AttachResourceType, c.query("attachResourceType")) || !envMatches(at.EnvironmentID, c.query("environmentId")) {
			continue
		}
		out = append(out, attachmentInfo{PolicyAttachmentID: at.PolicyAttachmentID, AttachResourceID: at.AttachResourceID,
			AttachResourceIDs: []string{at.AttachResourceID}, AttachResourceType: at.AttachResourceType,
			EnvironmentID: at.EnvironmentID, GatewayID: at.GatewayID})
	}
	return out
}

// envMatches: an attachment in environment "*" belongs to every one.
func envMatches(env, filter string) bool { return filter == "" || env == filter || env == "*" }

type attachReq struct {
	PolicyID           string `json:"policyId"`
	AttachResourceID   string `json:"attachResourceId"`
	AttachResourceType string `json:"attachResourceType"`
	EnvironmentID      string `json:"environmentId"`
	GatewayID          string `json:"gatewayId"`
}

func (s *Server) createAttachment(c *call) (any, error) {
	var req attachReq
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	p, err := s.checkAttach(&req)
	if err != nil {
		return nil, err
	}
	if err := s.checkAttachConflicts(p, req); err != nil {
		return nil, err
	}
	at := &attachmentRec{PolicyAttachmentID: s.newID("pr-", s.attachmentTaken), PolicyID: p.PolicyID,
		AttachResourceID: req.AttachResourceID, AttachResourceType: req.AttachResourceType,
		EnvironmentID: req.EnvironmentID, GatewayID: s.gw.GatewayID, CreateTimestamp: s.nowMS()}
	if err := s.put(kindAttachment, at.PolicyAttachmentID, at); err != nil {
		return nil, err
	}
	s.attachments[at.PolicyAttachmentID] = at
	return map[string]string{"policyAttachmentId": at.PolicyAttachmentID}, nil
}

// checkAttach checks an attachment request on its own: the gateway, the
// policy, the resource and where the policy's class may attach. It fills
// the environment the server implies ("*" for domains, the gateway and
// environment-free classes).
func (s *Server) checkAttach(req *attachReq) (*policyRec, error) {
	if err := s.requireGateway(req.GatewayID); err != nil {
		return nil, err
	}
	p, err := s.policy(req.PolicyID)
	if err != nil {
		return nil, err
	}
	class, _ := schema.LookupClass(p.ClassName)
	if !class.CanAttach(req.AttachResourceType) {
		return nil, badRequest("policy class %s cannot be attached to a %s; it attaches to %v", p.ClassName, req.AttachResourceType, class.AttachTo)
	}
	if err := s.checkAttachResource(req.AttachResourceType, req.AttachResourceID); err != nil {
		return nil, err
	}
	if err := s.routeSettled(req.AttachResourceType, req.AttachResourceID, "given a policy"); err != nil {
		return nil, err
	}
	return p, s.attachEnvironment(req, class)
}

// routeSettled refuses a change to a route's attachments while the route
// is Deploying or Undeploying (DeployRouteForbidden): the guide's section 7
// serialises a route's policy changes with its deploys.
func (s *Server) routeSettled(typ, id, what string) error {
	if rt := s.routes[id]; typ == schema.AttachRoute && rt != nil {
		return busy(rt, what)
	}
	return nil
}

func (s *Server) attachEnvironment(req *attachReq, class schema.Class) error {
	envFree := req.AttachResourceType == schema.AttachDomain || req.AttachResourceType == schema.AttachGateway
	switch {
	case envFree || req.EnvironmentID == "*" || (class.EnvironmentFree && req.EnvironmentID == ""):
		req.EnvironmentID = "*"
	case req.EnvironmentID == "":
		return badRequest("environmentId is required to attach a %s policy to a %s", class.Name, req.AttachResourceType)
	default:
		_, err := s.env(req.EnvironmentID)
		return err
	}
	return nil
}

// checkAttachResource checks that the resource exists and has the type the
// request says.
func (s *Server) checkAttachResource(typ, id string) error {
	found := map[string]bool{
		schema.AttachRoute:   s.routes[id] != nil,
		schema.AttachDomain:  s.domains[id] != nil,
		schema.AttachHTTPAPI: s.apis[id] != nil,
		schema.AttachService: s.services[id] != nil,
		schema.AttachGateway: id == s.gw.GatewayID,
	}
	ok, known := found[typ]
	if !known {
		return notImplemented("attaching to a " + typ)
	}
	if !ok {
		return notFound("NotFound.AttachResourceNotFound", "there is no %s with ID %s to attach to", typ, id)
	}
	return nil
}

// checkAttachConflicts applies the guide's attachment conflicts: the same
// policy twice on a resource, one policy on resources of different types,
// and two policies of one class on a resource (in one environment).
func (s *Server) checkAttachConflicts(p *policyRec, req attachReq) error {
	for _, at := range s.everyAttachment() {
		other := s.policies[at.PolicyID]
		// Another gateway's attachment (of a policy or to a domain, both
		// the account's) conflicts only by its resource type.
		elsewhere := at.GatewayID != req.GatewayID
		switch {
		case elsewhere && (at.PolicyID != p.PolicyID || at.AttachResourceType == req.AttachResourceType):
		case at.PolicyID == p.PolicyID && at.AttachResourceID == req.AttachResourceID:
			return conflict("PolicyAttachResourceBounded", "policy %q is already attached to %s %s (%s)", p.Name, at.AttachResourceType, at.AttachResourceID, at.PolicyAttachmentID)
		case at.PolicyID == p.PolicyID && at.AttachResourceType != req.AttachResourceType:
			return conflict("PolicyAttachResourceTypeNotMatch", "policy %q is attached to a %s (%s); one policy cannot also attach to a %s", p.Name, at.AttachResourceType, at.AttachResourceID, req.AttachResourceType)
		case other != nil && other.ClassName == p.ClassName && at.AttachResourceID == req.AttachResourceID && envOverlap(at.EnvironmentID, req.EnvironmentID):
			return conflict("PolicyAttachConflict", "%s %s already has a %s policy, %q (%s); a resource takes one policy per class", req.AttachResourceType, req.AttachResourceID, p.ClassName, other.Name, at.PolicyAttachmentID)
		}
	}
	return nil
}

// everyAttachment lists the attachments of every gateway that shares the
// policies (the account's, or s alone), oldest first.
func (s *Server) everyAttachment() []*attachmentRec {
	var out []*attachmentRec
	for _, g := range s.gateways() {
		out = append(out, sorted(g.attachments, func(v *attachmentRec) int64 { return v.CreateTimestamp })...)
	}
	return out
}

func envOverlap(a, b string) bool { return a == b || a == "*" || b == "*" }

func (s *Server) attachmentTaken(id string) bool { return s.attachments[id] != nil }

func (s *Server) attachment(id string) (*attachmentRec, error) {
	if at := s.attachments[id]; at != nil {
		return at, nil
	}
	return nil, notFound("NotFound.PolicyAttachmentNotFound", "policy attachment %s does not exist", id)
}

// attachmentDetail is GetPolicyAttachment's answer (the SDK's
// GetPolicyAttachmentResponseBodyData): no timestamps.
type attachmentDetail struct {
	PolicyAttachmentID string `json:"policyAttachmentId"`
	PolicyID           string `json:"policyId"`
	AttachResourceID   string `json:"attachResourceId"`
	AttachResourceType string `json:"attachResourceType"`
	EnvironmentID      string `json:"environmentId"`
	GatewayID          string `json:"gatewayId"`
	Config             string `json:"config"`
}

func (s *Server) getAttachment(c *call) (any, error) {
	at, err := s.attachment(pathID(c, "policyAttachmentId"))
	if err != nil {
		return nil, err
	}
	return attachmentDetail{PolicyAttachmentID: at.PolicyAttachmentID, PolicyID: at.PolicyID, AttachResourceID: at.AttachResourceID,
		AttachResourceType: at.AttachResourceType, EnvironmentID: at.EnvironmentID, GatewayID: at.GatewayID,
		Config: s.policies[at.PolicyID].Config}, nil
}

func (s *Server) deleteAttachment(c *call) (any, error) {
	at, err := s.attachment(pathID(c, "policyAttachmentId"))
	if err != nil {
		return nil, err
	}
	if err := s.routeSettled(at.AttachResourceType, at.AttachResourceID, "stripped of a policy"); err != nil {
		return nil, err
	}
	return nil, s.detach(at.PolicyAttachmentID)
}

func (s *Server) detach(id string) error {
	if err := s.remove(kindAttachment, id); err != nil {
		return err
	}
	delete(s.attachments, id)
	return nil
}

// detachAll removes every attachment to a resource being deleted.
func (s *Server) detachAll(resourceID string) error {
	ids := []string{}
	for id, at := range s.attachments {
		if at.AttachResourceID == resourceID {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := s.detach(id); err != nil {
			return err
		}
	}
	return nil
}
