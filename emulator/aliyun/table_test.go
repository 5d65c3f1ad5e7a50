package aliyun_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// TestTableCarriesPolicies builds, through the API, a deployed route with
// policies on it, on its HTTP API, its service, its domain and the
// gateway, and checks what the data plane's table says of them.
func TestTableCarriesPolicies(t *testing.T) {
	g := newGateway(t, apigemu.Config{DeployDelay: time.Millisecond, Environments: []string{"prod", "staging"}})
	f := g.fixture()
	staging, _ := g.srv.EnvironmentID("staging")
	secure := g.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "Secure.Example.com", "protocol": "HTTPS",
		"certIdentifier": "123-cn-hangzhou", "forceHttps": true})["domainId"].(string)
	g.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "lax.example.com", "protocol": "HTTP", "forceHttps": true})
	body := routeBody(f, "orders-route", "Prefix", "/orders", "GET")
	body["domainIds"] = []string{f.dom, secure}
	route := g.createRoute(f, body)
	attach := func(name, class, config, resource, typ, env string) {
		id := g.must("CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": name, "className": class, "config": config})["policyId"].(string)
		a := map[string]any{"policyId": id, "attachResourceId": resource, "attachResourceType": typ, "gatewayId": g.gw}
		if env != "" {
			a["environmentId"] = env
		}
		g.must("CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, a)
	}
	attach("api-timeout", "Timeout", `{"unitNum":1,"timeUnit":"s","enable":true}`, f.api, "HttpApi", f.env)
	attach("route-timeout", "Timeout", `{"unitNum":2,"timeUnit":"s","enable":true}`, route, "GatewayRoute", f.env)
	attach("staging-headers", "HeaderModify", `{"enable":true}`, route, "GatewayRoute", staging)
	attach("route-ip", "IpAccessControl", `{"ipAccessControlType":"Black","ipAccessControlContent":"10.0.0.1","enable":true}`, route, "GatewayRoute", "")
	attach("lb", "ServiceLb", `{"enable":true}`, f.svc, "GatewayService", f.env)
	attach("lb-off", "ServiceTls", `{"enable":false}`, f.svc, "GatewayService", f.env)
	attach("waf", "Waf", `{"enable":true}`, g.gw, "Gateway", "")
	g.must("DeployHttpApi", "POST", "/v1/http-apis/"+f.api+"/deploy", nil, map[string]any{"routeId": route})
	g.waitStatus(f.api, route, "Deployed")

	tb := g.srv.Table()
	if len(tb.Routes) != 1 {
		t.Fatalf("%d routes in the table, want 1", len(tb.Routes))
	}
	r := tb.Routes[0]
	var got []string
	for _, p := range r.Policies {
		got = append(got, p.Name+" on "+p.On)
	}
	if want := []string{"api-timeout on HTTP API orders-http-api", "route-timeout on route orders-route"}; !slices.Equal(got, want) {
		t.Errorf("route policies %q, want %q (the API's first; not staging's)", got, want)
	}
	var cfg map[string]any
	if json.Unmarshal(r.Policies[1].Config, &cfg) != nil || cfg["unitNum"] != 2.0 || r.Policies[1].Key == "" {
		t.Errorf("route-timeout as the table has it: %+v", r.Policies[1])
	}
	if len(r.Access) != 1 || r.Access[0].Type != "Black" {
		t.Errorf("route ACLs %+v, want the Black list", r.Access)
	}
	if want := []string{"policy lb (class ServiceLb) on service orders-backend"}; !slices.Equal(r.Unmodelled, want) {
		t.Errorf("route notes %q, want %q", r.Unmodelled, want)
	}
	if want := []string{"policy waf (class Waf) on the gateway"}; !slices.Equal(tb.Unmodelled, want) {
		t.Errorf("gateway notes %q, want %q", tb.Unmodelled, want)
	}
	if !tb.ForceHTTPS["secure.example.com"] || tb.ForceHTTPS["lax.example.com"] || len(tb.ForceHTTPS) != 1 {
		t.Errorf("ForceHTTPS %v, want only the HTTPS domain", tb.ForceHTTPS)
	}
}
