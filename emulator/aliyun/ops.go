package aliyun

// operation is one API operation: its route, its action name (for the log)
// and its handler.
type operation struct {
	pattern, action string
	fn              handlerFunc
}

// operations is every operation the emulator serves, at the APIG 2024-03-27
// paths. Handlers run with s.mu held.
func (s *Server) operations() []operation {
	return []operation{
		{"GET /v1/gateways", "ListGateways", s.listGateways},
		{"GET /v1/gateways/{gatewayId}", "GetGateway", s.getGateway},
		{"GET /v1/environments", "ListEnvironments", s.listEnvironments},
		{"GET /v1/environments/{environmentId}", "GetEnvironment", s.getEnvironment},

		{"POST /v1/services", "CreateService", s.createService},
		{"GET /v1/services", "ListServices", s.listServices},
		{"GET /v1/services/{serviceId}", "GetService", s.getService},
		{"PUT /v1/services/{serviceId}", "UpdateService", s.updateService},
		{"DELETE /v1/services/{serviceId}", "DeleteService", s.deleteService},

		{"POST /v1/domains", "CreateDomain", s.createDomain},
		{"GET /v1/domains", "ListDomains", s.listDomains},
		{"GET /v1/domains/{domainId}", "GetDomain", s.getDomain},
		{"PUT /v1/domains/{domainId}", "UpdateDomain", s.updateDomain},
		{"DELETE /v1/domains/{domainId}", "DeleteDomain", s.deleteDomain},

		{"POST /v1/http-apis", "CreateHttpApi", s.createHTTPAPI},
		{"GET /v1/http-apis", "ListHttpApis", s.listHTTPAPIs},
		{"GET /v1/http-apis/{httpApiId}", "GetHttpApi", s.getHTTPAPI},
		{"PUT /v1/http-apis/{httpApiId}", "UpdateHttpApi", s.updateHTTPAPI},
		{"DELETE /v1/http-apis/{httpApiId}", "DeleteHttpApi", s.deleteHTTPAPI},
		{"POST /v1/http-apis/{httpApiId}/deploy", "DeployHttpApi", s.deploy},
		{"POST /v1/http-apis/{httpApiId}/undeploy", "UndeployHttpApi", s.undeploy},

		{"POST /v1/http-apis/{httpApiId}/routes", "CreateHttpApiRoute", s.createRoute},
		{"GET /v1/http-apis/{httpApiId}/routes", "ListHttpApiRoutes", s.listRoutes},
		{"GET /v1/http-apis/{httpApiId}/routes/{routeId}", "GetHttpApiRoute", s.getRoute},
		{"PUT /v1/http-apis/{httpApiId}/routes/{routeId}", "UpdateHttpApiRoute", s.updateRoute},
		{"DELETE /v1/http-apis/{httpApiId}/routes/{routeId}", "DeleteHttpApiRoute", s.deleteRoute},

		{"POST /v2/policies", "CreatePolicy", s.createPolicy},
		{"GET /v2/policies/{policyId}", "GetPolicy", s.getPolicy},
		{"PUT /v2/policies/{policyId}", "UpdatePolicy", s.updatePolicy},
		{"DELETE /v2/policies/{policyId}", "DeletePolicy", s.deletePolicy},
		{"GET /v1/policies", "ListPolicies", s.listPolicies},

		{"POST /v1/policy-attachments", "CreatePolicyAttachment", s.createAttachment},
		{"GET /v1/policy-attachments/{policyAttachmentId}", "GetPolicyAttachment", s.getAttachment},
		{"DELETE /v1/policy-attachments/{policyAttachmentId}", "DeletePolicyAttachment", s.deleteAttachment},

		{"POST /emulator/v1/fail-next-deploy", "EmulatorFailNextDeploy", s.failNextDeployOp},
		{"GET /emulator/v1/about", "EmulatorAbout", s.aboutOp},
	}
}

// about is the answer of the emulator's own (signed) operation GET
// /emulator/v1/about, which Alibaba Cloud does not serve: a client that
// must change only an emulator (gwsync emulator console) asks it first.
type about struct {
	Emulator   string   `json:"emulator"`   // always "gwsync"
	GatewayIDs []string `json:"gatewayIds"` // the gateways served, in the order given
}

// aboutOp says that this is gwsync's emulator and which gateways it
// serves (every gateway of its account).
func (s *Server) aboutOp(*call) (any, error) {
	out := about{Emulator: "gwsync"}
	for _, g := range s.gateways() {
		out.GatewayIDs = append(out.GatewayIDs, g.gw.GatewayID)
	}
	return out, nil
}

// failNextDeployOp is the emulator's own (signed) operation behind the
// fail-next-deploy switch: ?routeName=NAME.
func (s *Server) failNextDeployOp(c *call) (any, error) {
	name := c.query("routeName")
	if name == "" {
		return nil, badRequest("routeName is required")
	}
	s.failNext[name] = true
	return map[string]string{"routeName": name}, nil
}
