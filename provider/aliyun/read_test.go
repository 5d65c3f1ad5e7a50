package aliyun_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// liveGateway is an emulator with a provider client pointed at it.
type liveGateway struct {
	t   testing.TB
	srv *apigemu.Server
	c   *aliyun.Client
}

func newLiveGateway(t testing.TB) *liveGateway {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{"ak": "sk"}, DeployDelay: time.Millisecond})
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
	if len(alimodel.Of(&st).Services) != 1 || len(alimodel.Of(&st).Domains) != 1 || len(alimodel.Of(&st).HTTPAPIs) != 2 || len(alimodel.Of(&st).Policies) != 2 || len(alimodel.Of(&st).Environments) != 1 {
		t.Fatalf("read %d services, %d domains, %d APIs, %d policies, %d environments", len(alimodel.Of(&st).Services), len(alimodel.Of(&st).Domains), len(alimodel.Of(&st).HTTPAPIs), len(alimodel.Of(&st).Policies), len(alimodel.Of(&st).Environments))
	}
	rt := alimodel.Of(&st).HTTPAPIs[0].Routes[0]
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
	for _, at := range alimodel.Of(&st).Attachments {
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
// collection plus a fixed few, whatever the number of routes; only
// policies and domains are read one by one (their list items lack the
// description and the HTTP/2 option and CA certificate).
func TestReadUsesListCallsNotGets(t *testing.T) {
	g := newLiveGateway(t)
	g.build(3, 150) // 450 routes: two pages per API
	before := g.c.Calls()
	live, err := aliyun.NewReader(g.c, g.srv.GatewayID()).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st := alimodel.Of(&live.State)
	// GetGateway, ListServices, ListDomains, ListPolicies, ListHttpApis,
	// two pages of routes for each of the three APIs, and a Get of each
	// policy and domain.
	want := int64(5 + 3*2 + len(st.Policies) + len(st.Domains))
	if calls := g.c.Calls() - before; calls != want {
		t.Errorf("read took %d calls, want %d", calls, want)
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

// policyGateway is an emulator holding n policies, the last one with a
// description, and a client reaching it through wrap.
func policyGateway(t *testing.T, n int, wrap func(http.Handler) http.Handler) (*aliyun.Client, string) {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{"ak": "sk"}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(wrap(srv.Handler()))
	t.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: hs.URL, AccessKeyID: "ak", AccessKeySecret: "sk", Seed: 1, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	g := &liveGateway{t: t, srv: srv, c: c}
	for i := range n {
		desc := ""
		if i == n-1 {
			desc = "the last [gwsync]"
		}
		g.id("CreatePolicy", "POST", "/v2/policies", "", map[string]any{"name": fmt.Sprintf("p-%03d", i), "className": "Timeout",
			"config": `{"unitNum":1,"timeUnit":"s","enable":true}`, "description": desc})
	}
	return c, srv.GatewayID()
}

// TestReadPagesPolicies reads every page of ListPolicies (the emulator,
// like APIG, answers 10 a page unless asked) and each policy's
// description with GetPolicy: ListPolicies' items have none.
func TestReadPagesPolicies(t *testing.T) {
	c, gw := policyGateway(t, 230, func(h http.Handler) http.Handler { return h })
	live, err := aliyun.NewReader(c, gw).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st := alimodel.Of(&live.State)
	if n := len(st.Policies); n != 230 {
		t.Fatalf("read %d policies, want 230", n)
	}
	last := st.Policies[229]
	if last.Name != "p-229" || last.Description != "the last [gwsync]" {
		t.Errorf("the last policy read as %q %q: want its description from GetPolicy", last.Name, last.Description)
	}
}

// TestReadRefusesUnpagedPolicies stops the read, rather than miss
// policies, when the gateway ignores ListPolicies' page parameters (which
// the SDK's request model lacks).
func TestReadRefusesUnpagedPolicies(t *testing.T) {
	// A gateway that ignores them answers its first 10 every time.
	ignorePages := func(next http.Handler) http.Handler {
		var first []byte
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("x-acs-action") != "ListPolicies" {
				next.ServeHTTP(w, r)
				return
			}
			if first == nil {
				first = firstTen(t, next, r)
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(first)
		})
	}
	c, gw := policyGateway(t, 12, ignorePages)
	_, err := aliyun.NewReader(c, gw).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "does not page as gwsync asks") {
		t.Errorf("a gateway that ignores the page parameters: %v", err)
	}
}

// TestReadShortPages reads on past a page shorter than asked for, until
// the answers' totalSize: a gateway may cap its page size.
func TestReadShortPages(t *testing.T) {
	tenAPage := func(next http.Handler) http.Handler {
		var all []byte // page 1 of 100 holds all 25
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("x-acs-action") != "ListPolicies" {
				next.ServeHTTP(w, r)
				return
			}
			if all == nil {
				rec := httptest.NewRecorder()
				next.ServeHTTP(rec, r)
				all = rec.Body.Bytes()
			}
			page, _ := strconv.Atoi(r.URL.Query().Get("pageNumber"))
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(cut(t, all, (page-1)*10, page*10))
		})
	}
	c, gw := policyGateway(t, 25, tenAPage)
	live, err := aliyun.NewReader(c, gw).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(alimodel.Of(&live.State).Policies); n != 25 {
		t.Errorf("read %d of 25 policies from pages of 10", n)
	}
}

// firstTen is next's answer to r cut to its first 10 items.
func firstTen(t *testing.T, next http.Handler, r *http.Request) []byte {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	return cut(t, rec.Body.Bytes(), 0, 10)
}

// cut is a list answer with its items lo to hi.
func cut(t *testing.T, answer []byte, lo, hi int) []byte {
	var env struct {
		RequestID string `json:"requestId"`
		Data      struct {
			Items     []json.RawMessage `json:"items"`
			TotalSize int               `json:"totalSize"`
		} `json:"data"`
	}
	if err := json.Unmarshal(answer, &env); err != nil || env.Data.TotalSize == 0 {
		t.Errorf("not a list answer: %s (%v)", answer, err)
	}
	n := len(env.Data.Items)
	env.Data.Items = env.Data.Items[min(lo, n):min(hi, n)]
	b, _ := json.Marshal(env)
	return b
}
