package aliyun_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

func TestGatewayAndEnvironments(t *testing.T) {
	g := newGateway(t, apigemu.Config{Environments: []string{"prod", "staging"}})
	if !strings.HasPrefix(g.gw, "gw-") {
		t.Errorf("gateway ID %q lacks the gw- prefix", g.gw)
	}
	gw := g.must("GetGateway", "GET", "/v1/gateways/"+g.gw, nil, nil)
	envs := gw["environments"].([]any)
	if len(envs) != 2 || envs[0].(map[string]any)["name"] != "prod" || !strings.HasPrefix(envs[1].(map[string]any)["environmentId"].(string), "env-") {
		t.Errorf("environments %v", envs)
	}
	list := g.must("ListGateways", "GET", "/v1/gateways", nil, nil)
	if num(list["totalSize"]) != 1 {
		t.Errorf("ListGateways %v", list)
	}
	envList := g.must("ListEnvironments", "GET", "/v1/environments", map[string]string{"gatewayId": g.gw, "nameLike": "stag"}, nil)
	items := envList["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["gatewayInfo"].(map[string]any)["gatewayId"] != g.gw {
		t.Errorf("ListEnvironments %v", envList)
	}
	id, _ := g.srv.EnvironmentID("staging")
	if e := g.must("GetEnvironment", "GET", "/v1/environments/"+id, nil, nil); e["name"] != "staging" {
		t.Errorf("GetEnvironment %v", e)
	}
	g.fail(404, "NotFound.GatewayNotFound", "GetGateway", "GET", "/v1/gateways/gw-nope", nil, nil)
	g.fail(404, "NotFound.EnvironmentNotFound", "GetEnvironment", "GET", "/v1/environments/env-nope", nil, nil)
}

func TestServices(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	body := func(name, addr string) map[string]any {
		return map[string]any{"gatewayId": g.gw, "sourceType": "DNS",
			"serviceConfigs": []any{map[string]any{"name": name, "addresses": []string{addr}}}}
	}
	first := g.must("CreateService", "POST", "/v1/services", map[string]string{"clientToken": "tok-1"}, body("a", "a.internal:80"))
	again := g.must("CreateService", "POST", "/v1/services", map[string]string{"clientToken": "tok-1"}, body("a", "a.internal:80"))
	if fmt.Sprint(first) != fmt.Sprint(again) {
		t.Errorf("same clientToken gave %v then %v", first, again)
	}
	id := first["serviceIds"].([]any)[0].(string)
	if !strings.HasPrefix(id, "svc-") {
		t.Errorf("service ID %q", id)
	}
	g.fail(409, "ServiceExisted", "CreateService", "POST", "/v1/services", nil, body("a", "a.internal:80"))
	g.fail(400, "InvalidParameter", "CreateService", "POST", "/v1/services", nil, body("b", "b.internal:99999"))
	g.fail(404, "NotFound.GatewayNotFound", "CreateService", "POST", "/v1/services", nil, map[string]any{"gatewayId": "gw-other", "sourceType": "DNS"})

	sv := g.must("GetService", "GET", "/v1/services/"+id, nil, nil)
	if sv["name"] != "a" || fmt.Sprint(sv["addresses"]) != "[a.internal:80]" || fmt.Sprint(sv["ports"]) != "[map[port:80 protocol:TCP]]" {
		t.Errorf("GetService %v", sv)
	}
	g.must("UpdateService", "PUT", "/v1/services/"+id, nil, map[string]any{"addresses": []string{"a2.internal:8080"}})
	if sv := g.must("GetService", "GET", "/v1/services/"+id, nil, nil); fmt.Sprint(sv["addresses"]) != "[a2.internal:8080]" {
		t.Errorf("after UpdateService %v", sv)
	}
	byName := g.must("ListServices", "GET", "/v1/services", map[string]string{"gatewayId": g.gw, "name": "a"}, nil)
	if num(byName["totalSize"]) != 1 {
		t.Errorf("ListServices by name %v", byName)
	}
	g.must("DeleteService", "DELETE", "/v1/services/"+id, nil, nil)
	g.fail(404, "NotFound.ServiceNotFound", "GetService", "GET", "/v1/services/"+id, nil, nil)
}

func TestPagination(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	for i := range 25 {
		g.must("CreateService", "POST", "/v1/services", nil, map[string]any{"gatewayId": g.gw, "sourceType": "VIP",
			"serviceConfigs": []any{map[string]any{"name": fmt.Sprintf("svc-%02d", i), "addresses": []string{"10.0.0.1:80"}}}})
	}
	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		d := g.must("ListServices", "GET", "/v1/services", map[string]string{"pageNumber": fmt.Sprint(page), "pageSize": "10"}, nil)
		items := d["items"].([]any)
		if num(d["totalSize"]) != 25 || num(d["pageNumber"]) != float64(page) || len(items) != []int{10, 10, 5}[page-1] {
			t.Fatalf("page %d: %v items, envelope %v", page, len(items), d["totalSize"])
		}
		for _, it := range items {
			seen[it.(map[string]any)["name"].(string)] = true
		}
	}
	if len(seen) != 25 {
		t.Errorf("pages held %d distinct services, want 25", len(seen))
	}
	if d := g.must("ListServices", "GET", "/v1/services", nil, nil); len(d["items"].([]any)) != 10 || num(d["pageSize"]) != 10 {
		t.Errorf("default page size: %v", d["pageSize"])
	}
	g.fail(400, "InvalidParameter", "ListServices", "GET", "/v1/services", map[string]string{"pageSize": "101"}, nil)
	g.fail(400, "InvalidParameter", "ListServices", "GET", "/v1/services", map[string]string{"pageNumber": "0"}, nil)
}

func TestDomains(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	id := g.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "api.example.com", "protocol": "HTTP"})["domainId"].(string)
	if !strings.HasPrefix(id, "d-") {
		t.Errorf("domain ID %q", id)
	}
	g.fail(409, "DomainExisted", "CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "API.example.com", "protocol": "HTTP"})
	g.fail(400, "InvalidParameter", "CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "secure.example.com", "protocol": "HTTPS"})
	g.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "secure.example.com", "protocol": "HTTPS", "certIdentifier": "1-cn-hangzhou", "forceHttps": true})
	d := g.must("GetDomain", "GET", "/v1/domains/"+id, map[string]string{"withStatistics": "true"}, nil)
	if d["name"] != "api.example.com" || d["statisticsInfo"] == nil {
		t.Errorf("GetDomain %v", d)
	}
	if l := g.must("ListDomains", "GET", "/v1/domains", map[string]string{"nameLike": "secure"}, nil); num(l["totalSize"]) != 1 {
		t.Errorf("ListDomains nameLike %v", l)
	}
	g.must("UpdateDomain", "PUT", "/v1/domains/"+id, nil, map[string]any{"protocol": "HTTPS", "certIdentifier": "2-cn-hangzhou"})
	if d := g.must("GetDomain", "GET", "/v1/domains/"+id, nil, nil); d["protocol"] != "HTTPS" || d["certIdentifier"] != "2-cn-hangzhou" {
		t.Errorf("after UpdateDomain %v", d)
	}
	g.must("DeleteDomain", "DELETE", "/v1/domains/"+id, nil, nil)
	g.fail(404, "DatabaseError.RecordNotFound", "GetDomain", "GET", "/v1/domains/"+id, nil, nil)
}

func TestHTTPAPIs(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	created := g.must("CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "orders", "type": "Http", "description": "d"})
	id := created["httpApiId"].(string)
	if !strings.HasPrefix(id, "api-") || created["name"] != "orders" {
		t.Errorf("CreateHttpApi %v", created)
	}
	g.fail(409, "Conflict.ApiNameDuplicated", "CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "orders", "type": "Http"})
	g.fail(400, "InvalidParameter", "CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "x", "type": "Soap"})
	l := g.must("ListHttpApis", "GET", "/v1/http-apis", map[string]string{"gatewayId": g.gw, "name": "orders"}, nil)
	item := l["items"].([]any)[0].(map[string]any)
	versioned := item["versionedHttpApis"].([]any)[0].(map[string]any)
	if item["GatewayId"] != g.gw || versioned["httpApiId"] != id {
		t.Errorf("ListHttpApis item %v", item)
	}
	g.must("UpdateHttpApi", "PUT", "/v1/http-apis/"+id, nil, map[string]any{"basePath": "/", "description": "changed"})
	if a := g.must("GetHttpApi", "GET", "/v1/http-apis/"+id, nil, nil); a["description"] != "changed" || a["type"] != "Http" {
		t.Errorf("GetHttpApi %v", a)
	}
	g.must("DeleteHttpApi", "DELETE", "/v1/http-apis/"+id, nil, nil)
	g.fail(404, "DatabaseError.RecordNotFound", "GetHttpApi", "GET", "/v1/http-apis/"+id, nil, nil)
}

func TestRoutes(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	f := g.fixture()
	id := g.createRoute(f, routeBody(f, "orders-route", "Prefix", "/orders", "GET", "POST"))
	if !strings.HasPrefix(id, "hr-") {
		t.Errorf("route ID %q", id)
	}
	rt := g.must("GetHttpApiRoute", "GET", "/v1/http-apis/"+f.api+"/routes/"+id, nil, nil)
	backend, _ := rt["backend"].(map[string]any)
	if rt["backendConfig"] != nil || backend["scene"] != "Single" || rt["deployStatus"] != "NotDeployed" {
		t.Errorf("a route reads back with `backend` (scene Single), not `backendConfig`: %v", rt)
	}
	if svc := backend["services"].([]any)[0].(map[string]any); svc["name"] != "orders-backend" || svc["serviceId"] != f.svc {
		t.Errorf("backend service %v", svc)
	}
	if di := rt["domainInfos"].([]any)[0].(map[string]any); di["name"] != "api.example.com" {
		t.Errorf("domainInfos %v", rt["domainInfos"])
	}
	routes := "/v1/http-apis/" + f.api + "/routes"
	g.fail(400, "InvalidParameter", "CreateHttpApiRoute", "POST", routes, nil, routeBody(f, "Orders_Route", "Prefix", "/x"))
	g.fail(409, "RouteNameDuplicated", "CreateHttpApiRoute", "POST", routes, nil, routeBody(f, "orders-route", "Prefix", "/y"))
	g.fail(409, "RoutePathHasDefinedByApi", "CreateHttpApiRoute", "POST", routes, nil, routeBody(f, "orders-again", "Prefix", "/orders", "GET"))
	two := routeBody(f, "two-backends", "Exact", "/two")
	two["backendConfig"].(map[string]any)["services"] = []any{map[string]any{"serviceId": f.svc}, map[string]any{"serviceId": f.svc}}
	g.fail(400, "InvalidParameter", "CreateHttpApiRoute", "POST", routes, nil, two)
	g.fail(404, "NotFound.EnvironmentNotFound", "CreateHttpApiRoute", "POST", routes, nil, map[string]any{"name": "x", "environmentId": "env-nope"})

	g.createRoute(f, routeBody(f, "orders-export", "Exact", "/exports/orders.csv", "GET"))
	l := g.must("ListHttpApiRoutes", "GET", routes, map[string]string{"pathLike": "exports", "pageSize": "100"}, nil)
	if num(l["totalSize"]) != 1 || l["items"].([]any)[0].(map[string]any)["name"] != "orders-export" {
		t.Errorf("ListHttpApiRoutes pathLike %v", l)
	}
	g.must("UpdateHttpApiRoute", "PUT", routes+"/"+id, nil, map[string]any{"description": "new", "match": map[string]any{"path": map[string]any{"type": "Prefix", "value": "/v2/orders"}}})
	if rt := g.must("GetHttpApiRoute", "GET", routes+"/"+id, nil, nil); rt["description"] != "new" || rt["match"].(map[string]any)["path"].(map[string]any)["value"] != "/v2/orders" {
		t.Errorf("after UpdateHttpApiRoute %v", rt)
	}
	g.fail(409, "Conflict.ServiceInUse", "DeleteService", "DELETE", "/v1/services/"+f.svc, nil, nil)
	g.fail(409, "Conflict.DomainInUse", "DeleteDomain", "DELETE", "/v1/domains/"+f.dom, nil, nil)
	g.must("DeleteHttpApiRoute", "DELETE", routes+"/"+id, nil, nil)
	g.fail(404, "NotFound.RouteNotFound", "GetHttpApiRoute", "GET", routes+"/"+id, nil, nil)
}

func TestDeployLifecycle(t *testing.T) {
	g := newGateway(t, apigemu.Config{DeployDelay: 150 * time.Millisecond})
	f := g.fixture()
	id := g.createRoute(f, routeBody(f, "orders-route", "Prefix", "/orders", "GET"))
	base := "/v1/http-apis/" + f.api
	if d := g.must("DeployHttpApi", "POST", base+"/deploy", nil, map[string]any{"routeId": id}); d["httpApiId"] != f.api {
		t.Errorf("DeployHttpApi data %v", d)
	}
	if rt := g.must("GetHttpApiRoute", "GET", base+"/routes/"+id, nil, nil); rt["deployStatus"] != "Deploying" {
		t.Fatalf("right after DeployHttpApi the route is %v, want Deploying", rt["deployStatus"])
	}
	g.fail(409, "DeployRouteForbidden", "DeployHttpApi", "POST", base+"/deploy", nil, map[string]any{"routeId": id})
	g.fail(409, "DeployRouteForbidden", "UpdateHttpApiRoute", "PUT", base+"/routes/"+id, nil, map[string]any{"description": "x"})
	g.waitStatus(f.api, id, "Deployed")

	g.fail(409, "Conflict.RouteDeployed", "DeleteHttpApiRoute", "DELETE", base+"/routes/"+id, nil, nil)
	g.fail(409, "Conflict.ApiPublished", "DeleteHttpApi", "DELETE", base, nil, nil)
	api := g.must("GetHttpApi", "GET", base, nil, nil)
	if envs := api["environments"].([]any); len(envs) != 1 || envs[0].(map[string]any)["deployStatus"] != "Deployed" {
		t.Errorf("GetHttpApi environments %v", api["environments"])
	}

	g.must("UndeployHttpApi", "POST", base+"/undeploy", nil, map[string]any{"routeId": id, "environmentId": f.env})
	g.fail(409, "DeployRouteForbidden", "UndeployHttpApi", "POST", base+"/undeploy", nil, map[string]any{"routeId": id})
	g.waitStatus(f.api, id, "NotDeployed")
	g.must("DeleteHttpApiRoute", "DELETE", base+"/routes/"+id, nil, nil)
	g.must("DeleteHttpApi", "DELETE", base, nil, nil)
}

func TestDeployFailures(t *testing.T) {
	g := newGateway(t, apigemu.Config{DeployDelay: 10 * time.Millisecond})
	f := g.fixture()
	base := "/v1/http-apis/" + f.api
	noDomain := routeBody(f, "no-domain", "Exact", "/a")
	noDomain["domainIds"] = []string{}
	id := g.createRoute(f, noDomain)
	g.must("DeployHttpApi", "POST", base+"/deploy", nil, map[string]any{"routeId": id})
	if rt := g.waitStatus(f.api, id, "DeployFailed"); rt["deployErrorMessage"] != nil || fmt.Sprint(rt["gatewayStatus"]) != "map["+g.gw+":DeployFailed]" {
		t.Errorf("a failed route answers its status on each gateway and no message (the SDK's HttpRoute has none): %v", rt)
	}

	id = g.createRoute(f, routeBody(f, "flaky", "Exact", "/b"))
	g.must("EmulatorFailNextDeploy", "POST", "/emulator/v1/fail-next-deploy", map[string]string{"routeName": "flaky"}, nil)
	g.must("DeployHttpApi", "POST", base+"/deploy", nil, map[string]any{"routeId": id})
	g.waitStatus(f.api, id, "DeployFailed")
	g.must("DeployHttpApi", "POST", base+"/deploy", nil, map[string]any{"routeId": id})
	g.waitStatus(f.api, id, "Deployed")

	other := g.must("CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "other", "type": "Http"})["httpApiId"].(string)
	g2 := f
	g2.api = other
	dup := g.createRoute(g2, routeBody(f, "same-path", "Exact", "/b", "GET"))
	e := g.fail(409, "Conflict.ApiPublishDuplicatedPathFound", "DeployHttpApi", "POST", "/v1/http-apis/"+other+"/deploy", nil, map[string]any{"routeId": dup})
	for _, want := range []string{other, dup, f.env, "api.example.com", "flaky"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("conflict message %q does not name %s", e.Message, want)
		}
	}
}

func TestPoliciesAndAttachments(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	f := g.fixture()
	route := g.createRoute(f, routeBody(f, "orders-route", "Prefix", "/orders"))
	policy := func(name, class, config string) string {
		return g.must("CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": name, "className": class, "config": config})["policyId"].(string)
	}
	timeout := policy("t1", "Timeout", `{"unitNum":1,"timeUnit":"s","enable":true}`)
	if !strings.HasPrefix(timeout, "p-") {
		t.Errorf("policy ID %q", timeout)
	}
	g.fail(409, "PolicyExisted", "CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": "t1", "className": "Timeout", "config": "{}"})
	g.fail(400, "InvalidParameter", "CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": "t9", "className": "Timeout", "config": "{not json"})
	g.fail(400, "InvalidParameter", "CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": "t9", "className": "Rewrite", "config": "{}"})
	timeout2 := policy("t2", "Timeout", `{"unitNum":2,"timeUnit":"s","enable":true}`)
	ip := policy("ip", "IpAccessControl", `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8","enable":true}`)

	attach := func(policyID, resID, resType string) map[string]any {
		return map[string]any{"policyId": policyID, "attachResourceId": resID, "attachResourceType": resType, "environmentId": f.env, "gatewayId": g.gw}
	}
	at := g.must("CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, attach(timeout, route, "GatewayRoute"))["policyAttachmentId"].(string)
	if !strings.HasPrefix(at, "pr-") {
		t.Errorf("attachment ID %q", at)
	}
	g.fail(409, "PolicyAttachResourceBounded", "CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, attach(timeout, route, "GatewayRoute"))
	g.fail(409, "PolicyAttachConflict", "CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, attach(timeout2, route, "GatewayRoute"))
	g.fail(409, "PolicyAttachResourceTypeNotMatch", "CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, attach(timeout, f.api, "HttpApi"))
	g.fail(400, "InvalidParameter", "CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, attach(timeout2, f.dom, "Domain"))
	g.fail(404, "NotFound.AttachResourceNotFound", "CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, attach(timeout2, "hr-nope", "GatewayRoute"))

	onDomain := attach(ip, f.dom, "Domain")
	delete(onDomain, "environmentId")
	domAt := g.must("CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, onDomain)["policyAttachmentId"].(string)
	got := g.must("GetPolicyAttachment", "GET", "/v1/policy-attachments/"+domAt, nil, nil)
	if got["environmentId"] != "*" || got["attachResourceType"] != "Domain" || got["attachResourceId"] != f.dom || got["gatewayId"] != g.gw {
		t.Errorf("GetPolicyAttachment %v", got)
	}

	l := g.must("ListPolicies", "GET", "/v1/policies", map[string]string{"gatewayId": g.gw, "attachResourceId": route, "withAttachments": "true"}, nil)
	items := l["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["policyId"] != timeout || len(items[0].(map[string]any)["attachments"].([]any)) != 1 {
		t.Errorf("ListPolicies by resource %v", items)
	}
	g.must("UpdatePolicy", "PUT", "/v2/policies/"+timeout, nil, map[string]any{"name": "t1", "config": `{"unitNum":5,"timeUnit":"s","enable":true}`})
	if p := g.must("GetPolicy", "GET", "/v2/policies/"+timeout, nil, nil); p["config"] != `{"unitNum":5,"timeUnit":"s","enable":true}` || p["className"] != "Timeout" {
		t.Errorf("GetPolicy %v", p)
	}
	g.fail(409, "Conflict.PolicyAttached", "DeletePolicy", "DELETE", "/v2/policies/"+timeout, nil, nil)
	g.must("DeletePolicyAttachment", "DELETE", "/v1/policy-attachments/"+at, nil, nil)
	g.must("DeletePolicy", "DELETE", "/v2/policies/"+timeout, nil, nil)
	g.fail(404, "NotFound.PolicyNotFound", "GetPolicy", "GET", "/v2/policies/"+timeout, nil, nil)
}
