// Package handmade builds gateways through the APIG API the way a person
// at the cloud console does, without gwsync: no ownership markers, server
// defaults left to the server, policies attached wherever the console lets
// them be. Tests of gwsync dump adopt these gateways.
package handmade

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gwsync/gwsync/provider/aliyun"
)

// Console makes calls to one gateway.
type Console struct {
	c   *aliyun.Client
	gw  string
	env string // the ID of environment prod
	// deploys are the routes deployed, as API ID and route ID.
	deploys [][2]string
}

// New reads the gateway's environments and returns a console for it. The
// gateway must have an environment named prod.
func New(ctx context.Context, c *aliyun.Client, gatewayID string) (*Console, error) {
	data, err := c.Call(ctx, aliyun.Request{Action: "GetGateway", Method: "GET", Path: "/v1/gateways/" + aliyun.PathEscape(gatewayID)})
	if err != nil {
		return nil, err
	}
	var gw struct {
		Environments []struct {
			EnvironmentID string `json:"environmentId"`
			Name          string `json:"name"`
		} `json:"environments"`
	}
	if err := json.Unmarshal(data, &gw); err != nil {
		return nil, err
	}
	for _, e := range gw.Environments {
		if e.Name == "prod" {
			return &Console{c: c, gw: gatewayID, env: e.EnvironmentID}, nil
		}
	}
	return nil, fmt.Errorf("gateway %s has no environment prod", gatewayID)
}

// call makes one call and returns the string field of its answer ("" for
// none; the first of a list).
func (k *Console) call(ctx context.Context, action, method, path, field string, body any) (string, error) {
	data, err := k.c.Call(ctx, aliyun.Request{Action: action, Method: method, Path: path, Body: body})
	if err != nil || field == "" {
		return "", err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return "", err
	}
	if ids, ok := m[field].([]any); ok && len(ids) > 0 {
		return fmt.Sprint(ids[0]), nil
	}
	return fmt.Sprint(m[field]), nil
}

// steps runs calls in order until one fails.
type steps struct {
	k   *Console
	ctx context.Context
	err error
}

func (s *steps) id(action, method, path, field string, body any) string {
	if s.err != nil {
		return ""
	}
	var id string
	id, s.err = s.k.call(s.ctx, action, method, path, field, body)
	if s.err != nil {
		s.err = fmt.Errorf("%s: %w", action, s.err)
	}
	return id
}

func (s *steps) service(name string, addresses ...string) string {
	return s.id("CreateService", "POST", "/v1/services", "serviceIds", map[string]any{"gatewayId": s.k.gw, "sourceType": "DNS",
		"serviceConfigs": []any{map[string]any{"name": name, "addresses": addresses}}})
}

func (s *steps) api(body map[string]any) string {
	body["type"] = "Http"
	return s.id("CreateHttpApi", "POST", "/v1/http-apis", "httpApiId", body)
}

// route creates a route in prod and, when deploy is set, notes it for
// deployRoutes.
func (s *steps) route(api string, deploy bool, body map[string]any) string {
	body["environmentId"] = s.k.env
	id := s.id("CreateHttpApiRoute", "POST", "/v1/http-apis/"+api+"/routes", "routeId", body)
	if deploy && s.err == nil {
		s.k.deploys = append(s.k.deploys, [2]string{api, id})
	}
	return id
}

// deployRoutes deploys the routes noted, last, as the guide orders it
// (create the route, attach its policies, deploy): APIG refuses to attach
// a policy to a route while it deploys.
func (s *steps) deployRoutes() {
	for _, d := range s.k.deploys {
		s.id("DeployHttpApi", "POST", "/v1/http-apis/"+d[0]+"/deploy", "", map[string]any{"routeId": d[1]})
	}
}

func (s *steps) policy(name, class, config string) string {
	return s.id("CreatePolicy", "POST", "/v2/policies", "policyId", map[string]any{"name": name, "className": class, "config": config})
}

func (s *steps) attach(policy, typ, resource, env string) {
	s.id("CreatePolicyAttachment", "POST", "/v1/policy-attachments", "", map[string]any{"policyId": policy,
		"attachResourceId": resource, "attachResourceType": typ, "environmentId": env, "gatewayId": s.k.gw})
}

func single(svc string, port int) map[string]any {
	return map[string]any{"scene": "SingleService", "services": []any{map[string]any{"serviceId": svc, "protocol": "HTTP", "port": port}}}
}

func match(typ, value string, methods ...string) map[string]any {
	return map[string]any{"path": map[string]any{"type": typ, "value": value}, "methods": methods}
}

// Orders builds the orders gateway by hand: two services, an HTTP and an
// HTTPS domain, two HTTP APIs, routes with header and query conditions and
// a MultiServiceByRatio backend, policies attached to a domain, an HTTP
// API and routes, one attached to the gateway itself (which gwsync does not
// manage), and a draft route never deployed. Every other route is deployed
// (see WaitDeployed).
func (k *Console) Orders(ctx context.Context) error {
	s := &steps{k: k, ctx: ctx}
	backend := s.service("orders-backend", "orders.internal:80")
	canary := s.service("orders-canary", "canary.internal:8080")
	api := s.id("CreateDomain", "POST", "/v1/domains", "domainId", map[string]any{"name": "api.example.com", "protocol": "HTTP"})
	secure := s.id("CreateDomain", "POST", "/v1/domains", "domainId", map[string]any{"name": "secure.example.com", "protocol": "HTTPS",
		"certIdentifier": "235556-cn-hangzhou", "forceHttps": true, "tlsMin": "TLS1.2"})
	orders := s.api(map[string]any{"name": "orders-http-api", "description": "orders route collection", "protocols": []string{"HTTP", "HTTPS"}})
	admin := s.api(map[string]any{"name": "admin", "basePath": "/admin"})
	ordersRoute := s.route(orders, true, map[string]any{"name": "orders-route", "domainIds": []string{api},
		"match": map[string]any{"path": map[string]any{"type": "Prefix", "value": "/orders"}, "methods": []string{"GET", "POST"},
			"headers":     []any{map[string]any{"name": "X-Tenant", "type": "Exact", "value": "acme"}},
			"queryParams": []any{map[string]any{"name": "version", "type": "Regex", "value": "v[0-9]+"}}},
		"backendConfig": map[string]any{"scene": "MultiServiceByRatio", "services": []any{
			map[string]any{"serviceId": backend, "protocol": "HTTP", "port": 80, "weight": 80},
			map[string]any{"serviceId": canary, "protocol": "HTTP", "port": 8080, "weight": 20}}}})
	export := s.route(orders, true, map[string]any{"name": "orders-export", "description": "CSV export",
		"domainIds": []string{api, secure}, "match": match("Exact", "/exports/orders.csv", "GET"), "backendConfig": single(backend, 80)})
	s.route(admin, true, map[string]any{"name": "admin-health", "domainIds": []string{api}, "match": match("Exact", "/health"), "backendConfig": single(backend, 80)})
	s.route(orders, false, map[string]any{"name": "orders-draft", "domainIds": []string{api}, "match": match("Prefix", "/draft"), "backendConfig": single(backend, 80)})
	whitelist := s.policy("domain-ip-whitelist", "IpAccessControl",
		`{"name":"domain-ip-whitelist","ipAccessControlResourceName":"api.example.com","ipAccessControlResourceType":"Domain","ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8,192.168.0.0/16","enable":true,"protocolLayer":"L7"}`)
	s.attach(whitelist, "Domain", api, "")
	routeIP := s.policy("export-ip", "IpAccessControl",
		`{"name":"export-ip","ipAccessControlResourceName":"orders-export","ipAccessControlResourceType":"GatewayRoute","ipAccessControlType":"Black","ipAccessControlContent":"192.0.2.0/24","enable":true}`)
	s.attach(routeIP, "GatewayRoute", export, k.env)
	timeout := s.policy("orders-timeout", "Timeout", `{"unitNum":3,"timeUnit":"s","enable":true}`)
	s.attach(timeout, "GatewayRoute", ordersRoute, k.env)
	limit := s.policy("admin-limit", "RateLimit", `{"enable":true,"limit":100,"timeUnit":"s"}`)
	s.attach(limit, "HttpApi", admin, "*")
	gwIP := s.policy("gateway-ip", "IpAccessControl", `{"name":"gateway-ip","ipAccessControlType":"Black","ipAccessControlContent":"203.0.113.0/24","enable":true}`)
	s.attach(gwIP, "Gateway", k.gw, "")
	s.deployRoutes()
	return s.err
}

// Shadowed builds, by hand, two deployed routes that gwsync's rules reject
// though the gateway took them: a Regex route that a Prefix route takes
// every request of (route-shadowed).
func (k *Console) Shadowed(ctx context.Context) error {
	s := &steps{k: k, ctx: ctx}
	svc := s.service("svc", "svc.internal:80")
	dom := s.id("CreateDomain", "POST", "/v1/domains", "domainId", map[string]any{"name": "api.example.com", "protocol": "HTTP"})
	api := s.api(map[string]any{"name": "shop"})
	s.route(api, true, map[string]any{"name": "items", "domainIds": []string{dom}, "match": match("Prefix", "/items"), "backendConfig": single(svc, 80)})
	s.route(api, true, map[string]any{"name": "item-by-id", "domainIds": []string{dom}, "match": match("Regex", "/items/[0-9]+"), "backendConfig": single(svc, 80)})
	s.deployRoutes()
	return s.err
}

// WaitDeployed waits (up to timeout) until every route deployed is.
func (k *Console) WaitDeployed(ctx context.Context, timeout time.Duration) error {
	gw := aliyun.NewGateway(k.c, k.gw)
	deadline := time.Now().Add(timeout)
	for _, d := range k.deploys {
		for {
			st, err := gw.RouteState(ctx, d[0], d[1])
			if err != nil {
				return err
			}
			if st.Deploy.Status == "Deployed" {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("route %s is %s after %s", d[1], st.Deploy.Status, timeout)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	return nil
}
