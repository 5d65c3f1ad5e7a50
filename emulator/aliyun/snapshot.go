package aliyun

// Snapshot is the emulator's whole state at one moment, every record by
// ID, with references resolved to names: what a test checks a client left
// behind (duplicates included, which a client's read keyed by name would
// hide). Lists are in creation order.
type Snapshot struct {
	Services, Domains, HTTPAPIs, Policies []Resource
	Routes                                []RouteState
	Attachments                           []AttachmentState
}

// Resource is one service, domain, HTTP API or policy.
type Resource struct {
	ID, Name, Description string
	// Updated is the resource's updateTimestamp (epoch ms), which moves
	// on every change to it.
	Updated int64
}

// RouteState is one route, its HTTP API and its deploy state.
type RouteState struct {
	Resource
	API         string // the HTTP API's name
	Status      string // deployStatus
	Environment string // the environment's name
}

// AttachmentState is one policy attachment, with names for IDs ("" for
// what no longer exists).
type AttachmentState struct {
	ID, Policy   string
	ResourceType string // Domain, HttpApi, GatewayRoute, ...
	ResourceName string
	Environment  string // "*" for every environment
}

// Snapshot returns the emulator's state.
func (s *Server) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out Snapshot
	for _, v := range sorted(s.services, func(v *serviceRec) int64 { return v.CreateTimestamp }) {
		out.Services = append(out.Services, Resource{ID: v.ServiceID, Name: v.Name, Updated: v.UpdateTimestamp})
	}
	for _, v := range sorted(s.domains, func(v *domainRec) int64 { return v.CreateTimestamp }) {
		out.Domains = append(out.Domains, Resource{ID: v.DomainID, Name: v.Name, Updated: v.UpdateTimestamp})
	}
	for _, v := range sorted(s.apis, func(v *apiRec) int64 { return v.CreateTimestamp }) {
		out.HTTPAPIs = append(out.HTTPAPIs, Resource{ID: v.HTTPAPIID, Name: v.Name, Description: v.Description, Updated: v.UpdateTimestamp})
	}
	for _, v := range sorted(s.policies, func(v *policyRec) int64 { return v.CreateTimestamp }) {
		out.Policies = append(out.Policies, Resource{ID: v.PolicyID, Name: v.Name, Description: v.Description, Updated: v.UpdateTimestamp})
	}
	for _, v := range sorted(s.routes, func(v *routeRec) int64 { return v.CreateTimestamp }) {
		out.Routes = append(out.Routes, s.routeState(v))
	}
	for _, v := range sorted(s.attachments, func(v *attachmentRec) int64 { return v.CreateTimestamp }) {
		out.Attachments = append(out.Attachments, s.attachmentState(v))
	}
	return out
}

// routeState describes a route (with s.mu held).
func (s *Server) routeState(rt *routeRec) RouteState {
	out := RouteState{
		Resource: Resource{ID: rt.RouteID, Name: rt.Name, Description: rt.Spec.Description, Updated: rt.UpdateTimestamp},
		Status:   rt.DeployStatus,
	}
	if a := s.apis[rt.HTTPAPIID]; a != nil {
		out.API = a.Name
	}
	out.Environment = s.envName(rt.Spec.EnvironmentID)
	return out
}

// attachmentState describes an attachment (with s.mu held).
func (s *Server) attachmentState(at *attachmentRec) AttachmentState {
	out := AttachmentState{ID: at.PolicyAttachmentID, ResourceType: at.AttachResourceType, Environment: "*"}
	if p := s.policies[at.PolicyID]; p != nil {
		out.Policy = p.Name
	}
	if at.EnvironmentID != "" && at.EnvironmentID != "*" {
		out.Environment = s.envName(at.EnvironmentID)
	}
	out.ResourceName = s.nameOf(at.AttachResourceID)
	return out
}

// nameOf is the name of the domain, HTTP API, route or service with ID
// id, or "" (with s.mu held).
func (s *Server) nameOf(id string) string {
	switch {
	case s.domains[id] != nil:
		return s.domains[id].Name
	case s.apis[id] != nil:
		return s.apis[id].Name
	case s.routes[id] != nil:
		return s.routes[id].Name
	case s.services[id] != nil:
		return s.services[id].Name
	}
	return ""
}

// envName is the name of the environment with ID id, or "" (with s.mu
// held).
func (s *Server) envName(id string) string {
	for _, e := range s.gw.Environments {
		if e.EnvironmentID == id {
			return e.Name
		}
	}
	return ""
}
