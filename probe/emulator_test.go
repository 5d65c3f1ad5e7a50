package probe_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/emulator/aliyun/acs3"
	"github.com/gwsync/gwsync/emulator/dataplane"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/probe"
)

const (
	testAK     = "probe-ak"
	testSecret = "probe-secret"
)

// gateway is an emulator whose control plane is called in memory, with
// signed requests, and whose data plane listens on a loopback port.
type gateway struct {
	t         *testing.T
	srv       *apigemu.Server
	dataplane string // host:port
}

func newGateway(t *testing.T, deployDelay time.Duration) *gateway {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{testAK: testSecret}, DeployDelay: deployDelay})
	if err != nil {
		t.Fatal(err)
	}
	dp := httptest.NewServer(srv.DataPlane())
	t.Cleanup(func() { dp.Close(); srv.Close() })
	return &gateway{t: t, srv: srv, dataplane: strings.TrimPrefix(dp.URL, "http://")}
}

// call makes one signed control-plane call that must succeed and returns
// its data.
func (g *gateway) call(method, path string, body any) map[string]any {
	g.t.Helper()
	raw, _ := json.Marshal(body)
	req := httptest.NewRequest(method, "http://apig.emulator"+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if err := acs3.SignRequest(req, raw, testAK, testSecret); err != nil {
		g.t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	g.srv.Handler().ServeHTTP(rec, req)
	var env struct {
		Code string         `json:"code"`
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || rec.Code != http.StatusOK {
		g.t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return env.Data
}

// ordersGateway builds, through the API, a route orders-route (Prefix
// /orders on api.example.com in prod) forwarding to backend, with an L7
// IpAccessControl white list of 10.0.0.0/8 on the domain, and starts
// deploying it. It returns the API and route IDs.
func (g *gateway) ordersGateway(backend string) (api, route string) {
	env, _ := g.srv.EnvironmentID("prod")
	svc := g.call("POST", "/v1/services", map[string]any{"gatewayId": g.srv.GatewayID(), "sourceType": "VIP",
		"serviceConfigs": []any{map[string]any{"name": "orders-backend", "addresses": []string{backend}}}})["serviceIds"].([]any)[0].(string)
	dom := g.call("POST", "/v1/domains", map[string]any{"name": "api.example.com", "protocol": "HTTP"})["domainId"].(string)
	api = g.call("POST", "/v1/http-apis", map[string]any{"name": "orders-http-api", "type": "Http"})["httpApiId"].(string)
	route = g.call("POST", "/v1/http-apis/"+api+"/routes", map[string]any{
		"name": "orders-route", "environmentId": env, "domainIds": []string{dom},
		"match": map[string]any{"path": map[string]any{"type": "Prefix", "value": "/orders"}, "methods": []string{"GET"}},
		"backendConfig": map[string]any{"scene": "SingleService",
			"services": []any{map[string]any{"serviceId": svc, "protocol": "HTTP"}}},
	})["routeId"].(string)
	pol := g.call("POST", "/v2/policies", map[string]any{"name": "domain-ip-whitelist", "className": "IpAccessControl",
		"config": `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8","enable":true,"protocolLayer":"L7"}`})["policyId"].(string)
	g.call("POST", "/v1/policy-attachments", map[string]any{"policyId": pol, "attachResourceId": dom,
		"attachResourceType": "Domain", "gatewayId": g.srv.GatewayID()})
	g.call("POST", "/v1/http-apis/"+api+"/deploy", map[string]any{"routeId": route})
	return api, route
}

func ordersProbe(name, path, source string, status int) *model.Probe {
	return &model.Probe{Name: name, Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: path,
		Source: source, Status: status, Pos: model.Pos{File: "probes.cue", Line: 1, Column: 1}}
}

func backend(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "orders")
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// Probes against the emulator's data plane: the route forwards, the L7
// white list judges the probe's source, and a denial says why.
func TestProbesAgainstEmulator(t *testing.T) {
	g := newGateway(t, 10*time.Millisecond)
	g.ordersGateway(backend(t))
	probes := []*model.Probe{
		ordersProbe("allowed", "/orders/1", "10.1.2.3", 200),
		ordersProbe("denied-source", "/orders/1", "203.0.113.9", 403),
		ordersProbe("no-source-is-the-peer", "/orders/1", "", 403),
		ordersProbe("no-route", "/payments", "10.1.2.3", 404),
		ordersProbe("wrongly-expects-200", "/orders/1", "203.0.113.9", 200),
	}
	res := probe.Run(context.Background(), g.dataplane, probes, probe.Options{Settle: 2 * time.Second})
	for _, r := range res[:4] {
		if !r.OK() {
			t.Errorf("%v", r.Failure())
		}
	}
	err := res[4].Failure()
	if err == nil {
		t.Fatal("a probe expecting 200 from a source outside the white list passed")
	}
	for _, w := range []string{"probes.cue:1:1: probe wrongly-expects-200: GET api.example.com/orders/1 from 203.0.113.9: got 403, want 200: ",
		"203.0.113.9 denied by IP access control at the domain api.example.com level (White list)"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("failure %q lacks %q", err, w)
		}
	}
}

// A probe sent while the route is still deploying is tried again until the
// data plane serves it: it does not flake.
func TestProbeJustDeployedRoute(t *testing.T) {
	g := newGateway(t, 300*time.Millisecond)
	g.ordersGateway(backend(t))
	p := ordersProbe("allowed", "/orders/1", "10.1.2.3", 200)
	res := probe.Run(context.Background(), g.dataplane, []*model.Probe{p}, probe.Options{})
	if !res[0].OK() || res[0].Attempts < 2 {
		t.Errorf("probe of a deploying route: ok %v after %d attempts (%v); want ok after retries", res[0].OK(), res[0].Attempts, res[0].Failure())
	}
}

// Probes check the headers a policy adds and hear of the policies the
// emulator does not model.
func TestProbesCheckPolicyHeaders(t *testing.T) {
	if probe.NotModelledHeader != dataplane.UnmodelledHeader {
		t.Fatalf("probe reads %s, the data plane writes %s", probe.NotModelledHeader, dataplane.UnmodelledHeader)
	}
	g := newGateway(t, 10*time.Millisecond)
	api, route := g.ordersGateway(backend(t))
	for deadline := time.Now().Add(5 * time.Second); g.call("GET", "/v1/http-apis/"+api+"/routes/"+route, nil)["deployStatus"] != "Deployed"; {
		if time.Now().After(deadline) {
			t.Fatal("the route did not deploy")
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, p := range []struct{ name, class, config string }{
		{"orders-cors", "Cors", `{"enable":true,"allowOrigins":["https://shop.example.com"],"allowMethods":"GET"}`},
		{"orders-retry", "Retry", `{"enable":true,"attempts":2}`},
	} {
		id := g.call("POST", "/v2/policies", map[string]any{"name": p.name, "className": p.class, "config": p.config})["policyId"].(string)
		env, _ := g.srv.EnvironmentID("prod")
		g.call("POST", "/v1/policy-attachments", map[string]any{"policyId": id, "attachResourceId": route,
			"attachResourceType": "GatewayRoute", "environmentId": env, "gatewayId": g.srv.GatewayID()})
	}
	preflight := ordersProbe("preflight", "/orders/1", "10.1.2.3", 200)
	preflight.Method, preflight.Origin, preflight.PreflightMethod = "OPTIONS", "https://shop.example.com", "GET"
	preflight.ExpectHeaders = []model.HeaderExpectation{
		{Name: "Access-Control-Allow-Origin", Exact: true, Value: "https://shop.example.com"},
		{Name: "Access-Control-Allow-Methods", Exact: true, Value: "GET"},
	}
	res := probe.Run(context.Background(), g.dataplane, []*model.Probe{preflight}, probe.Options{Settle: 2 * time.Second})
	want := "policy orders-retry (class Retry) on route orders-route is not modelled by the local data plane; probe preflight does not prove it"
	if got := probe.NotProved(res); !res[0].OK() || len(got) != 1 || got[0] != want {
		t.Errorf("ok %v (%v), not proved %q; want ok and %q", res[0].OK(), res[0].Failure(), got, want)
	}
}
