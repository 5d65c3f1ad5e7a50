package aliyun_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

const (
	testAK     = "test-ak"
	testSecret = "test-secret-value"
)

// gateway is an emulator under test with a real darabonba-openapi client
// pointed at it.
type gateway struct {
	t   *testing.T
	srv *apigemu.Server
	api *openapi.Client
	gw  string
}

func newGateway(t *testing.T, cfg apigemu.Config) *gateway {
	t.Helper()
	if cfg.AccessKeys == nil {
		cfg.AccessKeys = map[string]string{testAK: testSecret}
	}
	srv, err := apigemu.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return &gateway{t: t, srv: srv, api: newClient(t, hs.URL, testAK, testSecret), gw: srv.GatewayID()}
}

func newClient(t *testing.T, url, ak, secret string) *openapi.Client {
	t.Helper()
	c, err := openapi.NewClient(&openapi.Config{
		AccessKeyId: tea.String(ak), AccessKeySecret: tea.String(secret),
		Endpoint: tea.String(strings.TrimPrefix(url, "http://")), Protocol: tea.String("HTTP"),
		HttpClient: httpClient{},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// apiError is what a failed call came back with.
type apiError struct {
	Status        int
	Code, Message string
}

// call makes one ROA call; path parameters in path must already be
// percent-encoded.
func callAPI(c *openapi.Client, action, method, path string, query map[string]string, body any) (map[string]any, *apiError) {
	req := &openapi.OpenApiRequest{Query: map[string]*string{}}
	for k, v := range query {
		req.Query[k] = tea.String(v)
	}
	if body != nil {
		req.Body = body
	}
	params := &openapi.Params{
		Action: tea.String(action), Version: tea.String("2024-03-27"), Protocol: tea.String("HTTPS"),
		Pathname: tea.String(path), Method: tea.String(method), AuthType: tea.String("AK"),
		Style: tea.String("ROA"), ReqBodyType: tea.String("json"), BodyType: tea.String("json"),
	}
	res, err := c.CallApi(params, req, &dara.RuntimeOptions{})
	if err != nil {
		return nil, sdkError(err)
	}
	b, _ := res["body"].(map[string]any)
	return b, nil
}

func sdkError(err error) *apiError {
	var te *tea.SDKError
	if errors.As(err, &te) {
		return &apiError{Status: tea.IntValue(te.StatusCode), Code: tea.StringValue(te.Code), Message: tea.StringValue(te.Message)}
	}
	var de *dara.SDKError
	if errors.As(err, &de) {
		return &apiError{Status: dara.IntValue(de.StatusCode), Code: dara.StringValue(de.Code), Message: dara.StringValue(de.Message)}
	}
	return &apiError{Code: "transport", Message: err.Error()}
}

// must makes a call that has to succeed and returns its data.
func (g *gateway) must(action, method, path string, query map[string]string, body any) map[string]any {
	g.t.Helper()
	b, err := callAPI(g.api, action, method, path, query, body)
	if err != nil {
		g.t.Fatalf("%s %s: %d %s: %s", method, path, err.Status, err.Code, err.Message)
	}
	if b["code"] != "Ok" || b["requestId"] == "" {
		g.t.Fatalf("%s %s: envelope %v", method, path, b)
	}
	d, _ := b["data"].(map[string]any)
	return d
}

// fail makes a call that has to fail with status and code.
func (g *gateway) fail(status int, code, action, method, path string, query map[string]string, body any) *apiError {
	g.t.Helper()
	_, err := callAPI(g.api, action, method, path, query, body)
	if err == nil {
		g.t.Fatalf("%s %s succeeded, want %d %s", method, path, status, code)
	}
	if err.Status != status || err.Code != code {
		g.t.Fatalf("%s %s: got %d %s (%s), want %d %s", method, path, err.Status, err.Code, err.Message, status, code)
	}
	return err
}

// fixture is a small gateway built through the API.
type fixture struct {
	env, svc, dom, api string
}

func (g *gateway) fixture() fixture {
	g.t.Helper()
	env, _ := g.srv.EnvironmentID("prod")
	svc := g.must("CreateService", "POST", "/v1/services", nil, map[string]any{
		"gatewayId": g.gw, "sourceType": "DNS",
		"serviceConfigs": []any{map[string]any{"name": "orders-backend", "addresses": []string{"orders.internal:80"}}},
	})["serviceIds"].([]any)[0].(string)
	dom := g.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "api.example.com", "protocol": "HTTP", "gatewayType": "API"})["domainId"].(string)
	api := g.must("CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "orders-http-api", "type": "Http", "protocols": []string{"HTTP"}})["httpApiId"].(string)
	return fixture{env: env, svc: svc, dom: dom, api: api}
}

// routeBody is a CreateHttpApiRoute body.
func routeBody(f fixture, name, pathType, path string, methods ...string) map[string]any {
	return map[string]any{
		"name": name, "environmentId": f.env, "domainIds": []string{f.dom},
		"match": map[string]any{"path": map[string]any{"type": pathType, "value": path}, "methods": methods},
		"backendConfig": map[string]any{"scene": "SingleService",
			"services": []any{map[string]any{"serviceId": f.svc, "protocol": "HTTP", "port": 80, "weight": 100}}},
	}
}

func (g *gateway) createRoute(f fixture, body map[string]any) string {
	g.t.Helper()
	return g.must("CreateHttpApiRoute", "POST", "/v1/http-apis/"+f.api+"/routes", nil, body)["routeId"].(string)
}

// waitStatus polls a route until its deployStatus is want.
func (g *gateway) waitStatus(api, route, want string) map[string]any {
	g.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d := g.must("GetHttpApiRoute", "GET", "/v1/http-apis/"+api+"/routes/"+route, nil, nil)
		if d["deployStatus"] == want {
			return d
		}
		if time.Now().After(deadline) {
			g.t.Fatalf("route %s is %v, want %s", route, d["deployStatus"], want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// num reads a JSON number as the SDK decodes it.
func num(v any) float64 {
	switch n := v.(type) {
	case json.Number:
		f, _ := n.Float64()
		return f
	case float64:
		return n
	}
	return -1
}

// httpClient sends the SDK's requests with Go's default client. Without it
// the SDK shares one client whose transport it sets on every call, which
// races when calls run concurrently (tea v1.3.13 dara.DoRequest).
type httpClient struct{}

func (httpClient) Call(r *http.Request, _ *http.Transport) (*http.Response, error) {
	return http.DefaultClient.Do(r)
}
