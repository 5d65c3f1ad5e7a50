package aliyun_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// clientFrom is an HTTP client whose connections come from a given
// loopback address.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 2 * time.Second}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

// get sends GET path with Host host to the data plane and returns the status
// and the route that answered.
func get(t *testing.T, c *http.Client, dataPlane, host, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", dataPlane+path, nil)
	req.Host = host
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	return res.StatusCode, res.Header.Get("X-Gwsync-Route")
}

func TestTrafficThroughDeployedRoutes(t *testing.T) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "backend saw "+r.URL.Path)
	}))
	defer backend.Close()
	g := newGateway(t, apigemu.Config{DeployDelay: 10 * time.Millisecond})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dp := &http.Server{Handler: g.srv.DataPlane()}
	go dp.Serve(ln)
	defer dp.Close()
	plane := "http://" + ln.Addr().String()

	env, _ := g.srv.EnvironmentID("prod")
	svc := g.must("CreateService", "POST", "/v1/services", nil, map[string]any{"gatewayId": g.gw, "sourceType": "VIP",
		"serviceConfigs": []any{map[string]any{"name": "b", "addresses": []string{strings.TrimPrefix(backend.URL, "http://")}}}})["serviceIds"].([]any)[0].(string)
	dom := g.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "api.example.com", "protocol": "HTTP"})["domainId"].(string)
	api := g.must("CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "orders", "type": "Http"})["httpApiId"].(string)
	f := fixture{env: env, svc: svc, dom: dom, api: api}
	body := routeBody(f, "orders-route", "Prefix", "/orders", "GET")
	body["backendConfig"].(map[string]any)["services"] = []any{map[string]any{"serviceId": svc, "protocol": "HTTP"}}
	route := g.createRoute(f, body)
	allowed, denied := clientFrom("127.0.0.2"), clientFrom("127.0.0.3")

	if code, _ := get(t, allowed, plane, "api.example.com", "/orders/1"); code != 404 {
		t.Errorf("before deploy: %d, want 404", code)
	}
	g.must("DeployHttpApi", "POST", "/v1/http-apis/"+api+"/deploy", nil, map[string]any{"routeId": route})
	g.waitStatus(api, route, "Deployed")
	if code, name := get(t, denied, plane, "api.example.com", "/orders-export"); code != 200 || name != "orders-route" {
		t.Errorf("deployed prefix route: %d %q, want 200 from orders-route", code, name)
	}

	pid := g.must("CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": "ip", "className": "IpAccessControl",
		"config": `{"ipAccessControlType":"White","ipAccessControlContent":"127.0.0.2/32","enable":true}`})["policyId"].(string)
	g.must("CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, map[string]any{"policyId": pid,
		"attachResourceId": route, "attachResourceType": "GatewayRoute", "gatewayId": g.gw})
	if code, _ := get(t, allowed, plane, "api.example.com", "/orders/1"); code != 200 {
		t.Errorf("white-listed source 127.0.0.2: %d, want 200", code)
	}
	if code, _ := get(t, denied, plane, "api.example.com", "/orders/1"); code != 403 {
		t.Errorf("other source 127.0.0.3: %d, want 403", code)
	}
	if code, _ := get(t, allowed, plane, "other.example.com", "/orders/1"); code != 404 {
		t.Errorf("unbound host: %d, want 404", code)
	}

	// An update is served only once it is deployed.
	g.must("UpdateHttpApiRoute", "PUT", "/v1/http-apis/"+api+"/routes/"+route, nil,
		map[string]any{"match": map[string]any{"path": map[string]any{"type": "Prefix", "value": "/v2"}, "methods": []string{"GET"}}})
	if code, _ := get(t, allowed, plane, "api.example.com", "/orders/1"); code != 200 {
		t.Errorf("after an undeployed update, the deployed config still serves: %d", code)
	}
	g.must("DeployHttpApi", "POST", "/v1/http-apis/"+api+"/deploy", nil, map[string]any{"routeId": route})
	g.waitStatus(api, route, "Deployed")
	if code, _ := get(t, allowed, plane, "api.example.com", "/orders/1"); code != 404 {
		t.Errorf("after redeploy the old path: %d, want 404", code)
	}
	if code, _ := get(t, allowed, plane, "api.example.com", "/v2/x"); code != 200 {
		t.Errorf("after redeploy the new path: %d, want 200", code)
	}
}

func TestLocalGatewayKeepsStateInItsDirectory(t *testing.T) {
	dir := t.TempDir()
	l, err := apigemu.StartLocal(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, "http://"+l.Endpoint, l.AccessKeyID, l.AccessKeySecret)
	gw := l.Server.GatewayID()
	if _, e := callAPI(c, "CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "api.example.com", "protocol": "HTTP"}); e != nil {
		t.Fatal(e)
	}
	l.Close()
	l2, err := apigemu.StartLocal(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if l2.Server.GatewayID() != gw || l2.AccessKeySecret == l.AccessKeySecret {
		t.Errorf("restart: gateway %s -> %s; a new process must get a new secret", gw, l2.Server.GatewayID())
	}
	c2 := newClient(t, "http://"+l2.Endpoint, l2.AccessKeyID, l2.AccessKeySecret)
	if _, e := callAPI(c2, "CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "api.example.com", "protocol": "HTTP"}); e == nil || e.Code != "DomainExisted" {
		t.Errorf("the domain made before the restart is gone: %+v", e)
	}
	if _, e := callAPI(newClient(t, "http://"+l2.Endpoint, l.AccessKeyID, l.AccessKeySecret), "ListDomains", "GET", "/v1/domains", nil, nil); e == nil || e.Code != "SignatureDoesNotMatch" {
		t.Errorf("the old process's secret still works: %+v", e)
	}
}
