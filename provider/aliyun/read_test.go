package aliyun_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// liveGateway is an emulator with a provider client pointed at it.
type liveGateway struct {
	t   testing.TB
	srv *emulator.Server
	c   *aliyun.Client
}

func newLiveGateway(t testing.TB) *liveGateway {
	t.Helper()
	srv, err := emulator.New(emulator.Config{AccessKeys: map[string]string{"ak": "sk"}, DeployDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: hs.URL, AccessKeyID: "ak", AccessKeySecret: "sk", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return &liveGateway{t: t, srv: srv, c: c}
}

// id makes a call that must succeed and returns the ID field of its data.
func (g *liveGateway) id(action, method, path, field string, body any) string {
	g.t.Helper()
	data, err := g.c.Call(context.Background(), aliyun.Request{Action: action, Method: method, Path: path, Body: body})
	if err != nil {
		g.t.Fatal(err)
	}
	var m map[string]any
	if field == "" {
		return ""
	}
	if err := json.Unmarshal(data, &m); err != nil {
		g.t.Fatal(err)
	}
	if ids, ok := m[field].([]any); ok {
		return ids[0].(string)
	}
	return m[field].(string)
}

// build makes, through the API by hand, a gateway with apis APIs of
// routesPer routes each, one service, one domain and two attached policies.
func (g *liveGateway) build(apis, routesPer int) {
	env, _ := g.srv.EnvironmentID("prod")
	gw := g.srv.GatewayID()
	svc := g.id("CreateService", "POST", "/v1/services", "serviceIds", map[string]any{"gatewayId": gw, "sourceType": "DNS",
		"serviceConfigs": []any{map[string]any{"name": "orders-backend", "addresses": []string{"orders.internal:80"}}}})
	dom := g.id("CreateDomain", "POST", "/v1/domains", "domainId", map[string]any{"name": "api.example.com", "protocol": "HTTP"})
	var firstRoute string
	for a := range apis {
		api := g.id("CreateHttpApi", "POST", "/v1/http-apis", "httpApiId", map[string]any{"name": fmt.Sprintf("api-%03d", a), "type": "Http", "description": "d"})
		for r := range routesPer {
			id := g.id("CreateHttpApiRoute", "POST", "/v1/http-apis/"+api+"/routes", "routeId", map[string]any{
				"name": fmt.Sprintf("r-%03d-%03d", a, r), "environmentId": env, "domainIds": []string{dom},
				"match":         map[string]any{"path": map[string]any{"type": "Prefix", "value": fmt.Sprintf("/a%d/r%d", a, r)}, "methods": []string{"GET"}},
				"backendConfig": map[string]any{"scene": "SingleService", "services": []any{map[string]any{"serviceId": svc, "protocol": "HTTP", "port": 80}}},
			})
			if firstRoute == "" {
				firstRoute = id
			}
		}
	}
	ip := g.id("CreatePolicy", "POST", "/v2/policies", "policyId", map[string]any{"name": "ip", "className": "IpAccessControl",
		"config": `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8","enable":true}`})
	g.id("CreatePolicyAttachment", "POST", "/v1/policy-attachments", "", map[string]any{"policyId": ip, "attachResourceId": dom, "attachResourceType": "Domain", "gatewayId": gw})
	to := g.id("CreatePolicy", "POST", "/v2/policies", "policyId", map[string]any{"name": "t", "className": "Timeout", "config": `{"unitNum":3,"timeUnit":"s","enable":true}`})
	if firstRoute != "" {
		g.id("CreatePolicyAttachment", "POST", "/v1/policy-attachments", "", map[string]any{"policyId": to, "attachResourceId": firstRoute, "attachResourceType": "GatewayRoute", "environmentId": env, "gatewayId": gw})
	}
}

func TestReadResolvesNamesAndFoldsSpellings(t *testing.T) {
	g := newLiveGateway(t)
	g.build(2, 3)
	live, err := aliyun.NewReader(g.c, g.srv.GatewayID()).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st := live.State
	if len(st.Services) != 1 || len(st.Domains) != 1 || len(st.HTTPAPIs) != 2 || len(st.Policies) != 2 || len(st.Environments) != 1 {
		t.Fatalf("read %d services, %d domains, %d APIs, %d policies, %d environments", len(st.Services), len(st.Domains), len(st.HTTPAPIs), len(st.Policies), len(st.Environments))
	}
	rt := st.HTTPAPIs[0].Routes[0]
	want := `r-000-000 env=prod domains=[{api.example.com -}] path=Prefix /a0/r0 scene=SingleService service=orders-backend port=80`
	got := fmt.Sprintf("%s env=%s domains=%v path=%s %s scene=%s service=%s port=%d", rt.Name, rt.Environment.Name, rt.Domains,
		rt.Match.Path.Type, rt.Match.Path.Value, rt.Backend.Scene, rt.Backend.Services[0].Service.Name, rt.Backend.Services[0].Port)
	if got != want {
		t.Errorf("route read as\n %s\nwant\n %s", got, want)
	}
	if id := live.IDs[model.RoutePath("api-000", "r-000-000")]; len(id) < 4 || id[:3] != "hr-" {
		t.Errorf("route ID %q", id)
	}
	if live.Deploys[rt.Path()].Status != "NotDeployed" {
		t.Errorf("deploy state %+v", live.Deploys[rt.Path()])
	}
	ats := map[string]string{}
	for _, at := range st.Attachments {
		ats[at.Policy.Name] = at.ResourceType + " " + at.Resource + " env=" + at.Environment
	}
	wantAts := map[string]string{"ip": "Domain domains.api.example.com env=", "t": "GatewayRoute httpApis.api-000.routes.r-000-000 env=prod"}
	if fmt.Sprint(ats) != fmt.Sprint(wantAts) {
		t.Errorf("attachments %v, want %v", ats, wantAts)
	}
	if len(live.Fingerprints) != len(live.IDs)-1-2 { // environments and attachments have IDs but no fingerprint
		t.Errorf("%d fingerprints for %d IDs", len(live.Fingerprints), len(live.IDs))
	}
}

// TestReadUsesListCallsNotGets holds the read to ceil(N/100) list calls per
// collection plus a fixed few, whatever the number of routes.
func TestReadUsesListCallsNotGets(t *testing.T) {
	g := newLiveGateway(t)
	g.build(3, 150) // 450 routes: two pages per API
	before := g.c.Calls()
	if _, err := aliyun.NewReader(g.c, g.srv.GatewayID()).Read(context.Background()); err != nil {
		t.Fatal(err)
	}
	// GetGateway, ListServices, ListDomains, ListPolicies, ListHttpApis,
	// and two pages of routes for each of the three APIs.
	if calls := g.c.Calls() - before; calls != 5+3*2 {
		t.Errorf("read took %d calls, want %d", calls, 5+3*2)
	}
}

// BenchmarkRead reads a 10,000-route gateway (100 APIs of 100 routes)
// from the emulator and reports the calls per read.
func BenchmarkRead(b *testing.B) {
	g := newLiveGateway(b)
	g.build(100, 100)
	r := aliyun.NewReader(g.c, g.srv.GatewayID())
	b.ResetTimer()
	before := g.c.Calls()
	for b.Loop() {
		if _, err := r.Read(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(g.c.Calls()-before)/float64(b.N), "calls/read")
}
