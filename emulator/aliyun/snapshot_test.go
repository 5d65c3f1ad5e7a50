package aliyun_test

import (
	"reflect"
	"testing"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// TestSnapshot holds that a snapshot lists every record with its names
// resolved: the route's API, environment and deploy state, and an
// attachment's policy, resource and environment.
func TestSnapshot(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	f := g.fixture()
	route := g.createRoute(f, routeBody(f, "orders-route", "Prefix", "/orders", "GET"))
	g.must("DeployHttpApi", "POST", "/v1/http-apis/"+f.api+"/deploy", nil, map[string]any{"routeId": route})
	g.waitStatus(f.api, route, "Deployed")
	policy := g.must("CreatePolicy", "POST", "/v2/policies", nil, map[string]any{
		"name": "timeout", "className": "Timeout", "config": `{"unitNum":3,"timeUnit":"s","enable":true}`, "description": "d"})["policyId"].(string)
	g.must("CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, map[string]any{
		"policyId": policy, "attachResourceId": route, "attachResourceType": "GatewayRoute", "environmentId": f.env, "gatewayId": g.gw})

	s := g.srv.Snapshot()
	counts := []int{len(s.Services), len(s.Domains), len(s.HTTPAPIs), len(s.Policies), len(s.Routes), len(s.Attachments)}
	if !reflect.DeepEqual(counts, []int{1, 1, 1, 1, 1, 1}) {
		t.Fatalf("snapshot counts (services, domains, APIs, policies, routes, attachments) %v, want one of each: %+v", counts, s)
	}
	r := s.Routes[0]
	if r.ID != route || r.Name != "orders-route" || r.API != "orders-http-api" || r.Status != "Deployed" || r.Environment != "prod" || r.Updated == 0 {
		t.Errorf("route %+v", r)
	}
	want := apigemu.AttachmentState{ID: s.Attachments[0].ID, Policy: "timeout", ResourceType: "GatewayRoute", ResourceName: "orders-route", Environment: "prod"}
	if s.Attachments[0] != want {
		t.Errorf("attachment %+v, want %+v", s.Attachments[0], want)
	}
	if p := s.Policies[0]; p.ID != policy || p.Name != "timeout" || p.Description != "d" {
		t.Errorf("policy %+v", p)
	}
	if s.Services[0].Name != "orders-backend" || s.Domains[0].Name != "api.example.com" || s.HTTPAPIs[0].ID != f.api {
		t.Errorf("service %+v, domain %+v, API %+v", s.Services[0], s.Domains[0], s.HTTPAPIs[0])
	}
}
