package aliyun_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// mapIDs resolves resource paths from a map, as apply does with the live
// IDs and those of what it created.
type mapIDs map[string]string

func (m mapIDs) Lookup(path string) (string, bool) {
	id, ok := m[path]
	return id, ok
}

// sentCall is one request the emulator received.
type sentCall struct{ action, body string }

// writeEnv is an emulator, a Gateway pointed at it over HTTP, the IDs an
// apply would hold, and every request body the emulator received.
type writeEnv struct {
	t   *testing.T
	srv *apigemu.Server
	c   *aliyun.Client
	gw  *aliyun.Gateway
	ids mapIDs

	mu   sync.Mutex
	sent []sentCall
}

const (
	testKeyID  = "test-ak"
	testSecret = "Zq8-emulator-secret-Xv3"
)

// newWriteEnv starts an emulator that accepts testKeyID/testSecret and
// points a Gateway signing with secret at it.
func newWriteEnv(t *testing.T, secret string) *writeEnv {
	t.Helper()
	return newWriteEnvDelay(t, secret, 5*time.Millisecond)
}

// newWriteEnvDelay is newWriteEnv with deploys that take deployDelay.
func newWriteEnvDelay(t *testing.T, secret string, deployDelay time.Duration) *writeEnv {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{testKeyID: testSecret}, DeployDelay: deployDelay})
	if err != nil {
		t.Fatal(err)
	}
	w := &writeEnv{t: t, srv: srv, ids: mapIDs{}}
	hs := httptest.NewServer(w.record(srv.Handler()))
	t.Cleanup(func() { hs.Close(); srv.Close() })
	w.c, err = aliyun.NewClient(aliyun.Config{Endpoint: hs.URL, AccessKeyID: testKeyID, AccessKeySecret: secret, Seed: 1, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	w.gw = aliyun.NewGateway(w.c, srv.GatewayID())
	if secret == testSecret {
		for path, id := range w.read().IDs {
			w.ids[path] = id
		}
	}
	return w
}

// record notes each request's action and body before the emulator
// serves it.
func (w *writeEnv) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		w.mu.Lock()
		w.sent = append(w.sent, sentCall{r.Header.Get("x-acs-action"), string(b)})
		w.mu.Unlock()
		next.ServeHTTP(rw, r)
	})
}

// count is the number of requests of action the emulator received.
func (w *writeEnv) count(action string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, c := range w.sent {
		if c.action == action {
			n++
		}
	}
	return n
}

// lastBody is the body of the last request of action.
func (w *writeEnv) lastBody(action string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := len(w.sent) - 1; i >= 0; i-- {
		if w.sent[i].action == action {
			return w.sent[i].body
		}
	}
	w.t.Fatalf("no %s call was made", action)
	return ""
}

func (w *writeEnv) read() *model.Live {
	w.t.Helper()
	live, err := w.gw.Read(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return live
}

// exec makes a change that must succeed and records the ID it returns
// under the change's resource path, as apply does.
func (w *writeEnv) exec(c *gwsync.Change) string {
	w.t.Helper()
	id, err := w.gw.Execute(context.Background(), c, w.ids)
	if err != nil {
		w.t.Fatalf("%s %s: %v", c.Action, c.Label(), err)
	}
	if id != "" {
		w.ids[c.Resource] = id
	}
	return id
}

// waitDeploy polls DeployStatus until the route's status is want.
func (w *writeEnv) waitDeploy(api, route, want string) model.Deploy {
	w.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d, err := w.gw.DeployStatus(context.Background(), w.ids[alimodel.HTTPAPIPath(api)], w.ids[model.RoutePath(api, route)])
		if err != nil {
			w.t.Fatal(err)
		}
		if d.Status == want {
			return d
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("route %s is %s (%s), still not %s", route, d.Status, d.ErrorMessage, want)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Change builders.

func created(k gwsync.Kind, name, resource string, after gwsync.Document) *gwsync.Change {
	return &gwsync.Change{Action: gwsync.Create, Kind: k, Name: name, Resource: resource, After: after}
}

func serviceCreate(name string, addrs ...string) *gwsync.Change {
	return created(gwsync.KindService, name, alimodel.ServicePath(name), &gwsync.ServiceDoc{SourceType: "DNS", Addresses: addrs, Protocol: "HTTP"})
}

func domainCreate(name string) *gwsync.Change {
	return created(gwsync.KindDomain, name, alimodel.DomainPath(name), &gwsync.DomainDoc{Protocol: "HTTP"})
}

func apiCreate(name string) *gwsync.Change {
	return created(gwsync.KindHTTPAPI, name, alimodel.HTTPAPIPath(name), &gwsync.HTTPAPIDoc{BasePath: "/", Protocols: []string{"HTTP"}})
}

func policyCreate(name, class string, cfg map[string]any) *gwsync.Change {
	return created(gwsync.KindPolicy, name, alimodel.PolicyPath(name), &gwsync.PolicyDoc{ClassName: class, Config: cfg})
}

var ipConfig = map[string]any{"enable": true, "ipAccessControlContent": "10.0.0.0/8", "ipAccessControlType": "White"}

func routeCreate(api, name string, doc *gwsync.RouteDoc) *gwsync.Change {
	doc.API = api
	c := created(gwsync.KindRoute, name, model.RoutePath(api, name), doc)
	c.API = api
	return c
}

// singleRoute is a GET route on path to the service orders, in prod on
// api.example.com.
func singleRoute(path string) *gwsync.RouteDoc {
	return &gwsync.RouteDoc{Environment: "prod", Domains: []string{"api.example.com"},
		Match:   gwsync.MatchDoc{Path: gwsync.PathDoc{Type: "Prefix", Value: path}, Methods: []string{"GET"}},
		Backend: gwsync.BackendDoc{Scene: model.SceneSingle, Services: []gwsync.BackendServiceDoc{{Service: "orders", Protocol: "HTTP", Port: 80}}}}
}

func attachCreate(policy, resourceType, resource, env string) *gwsync.Change {
	key := alimodel.AttachmentKey(policy, resource)
	return &gwsync.Change{Action: gwsync.Attach, Kind: gwsync.KindAttachment, Name: policy, Resource: key,
		After: &gwsync.AttachmentDoc{Policy: policy, ResourceType: resourceType, Resource: resource, Environment: env}}
}

// updated is the update of what c created, to after.
func (w *writeEnv) updated(c *gwsync.Change, after gwsync.Document) *gwsync.Change {
	u := *c
	u.Action, u.ID, u.Before, u.After = gwsync.Update, w.ids[c.Resource], c.After, after
	return &u
}

// deleted is the delete (or detach) of what c made.
func (w *writeEnv) deleted(c *gwsync.Change) *gwsync.Change {
	d := *c
	d.Action, d.ID, d.Before, d.After = gwsync.Delete, w.ids[c.Resource], c.After, nil
	if c.Kind == gwsync.KindAttachment {
		d.Action = gwsync.Detach
	}
	return &d
}

// baseline creates the services orders and canary, the domain
// api.example.com and the HTTP API orders-api.
func (w *writeEnv) baseline() {
	for _, c := range []*gwsync.Change{serviceCreate("orders", "orders.internal:80"), serviceCreate("canary", "canary.internal:80"),
		domainCreate("api.example.com"), apiCreate("orders-api")} {
		w.exec(c)
	}
}

// Renderers of what a read shows of one resource ("" when absent).

func find[T any](items []*T, ok func(*T) bool) *T {
	for _, it := range items {
		if ok(it) {
			return it
		}
	}
	return nil
}

func refs(rs []model.Ref) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func showService(name string) func(*model.Live) string {
	return func(l *model.Live) string {
		s := find(alimodel.Of(&l.State).Services, func(s *alimodel.Service) bool { return s.Name == name })
		if s == nil {
			return ""
		}
		return fmt.Sprintf("%s %v", s.SourceType, refs(s.Addresses))
	}
}

func showDomain(name string) func(*model.Live) string {
	return func(l *model.Live) string {
		d := find(alimodel.Of(&l.State).Domains, func(d *alimodel.Domain) bool { return d.Name == name })
		if d == nil {
			return ""
		}
		return fmt.Sprintf("%s cert=%q forceHttps=%v tls=%s-%s", d.Protocol, d.CertIdentifier, d.ForceHTTPS, d.TLSMin, d.TLSMax)
	}
}

func showPolicy(name string) func(*model.Live) string {
	return func(l *model.Live) string {
		p := find(alimodel.Of(&l.State).Policies, func(p *alimodel.Policy) bool { return p.Name == name })
		if p == nil {
			return ""
		}
		return fmt.Sprintf("%s %s %q", p.ClassName, p.ConfigJSON, p.Description)
	}
}

func showAPI(name string) func(*model.Live) string {
	return func(l *model.Live) string {
		a := find(alimodel.Of(&l.State).HTTPAPIs, func(a *alimodel.HTTPAPI) bool { return a.Name == name })
		if a == nil {
			return ""
		}
		return fmt.Sprintf("%s %v %q", a.BasePath, a.Protocols, a.Description)
	}
}

func showRoute(api, name string) func(*model.Live) string {
	return func(l *model.Live) string {
		r := find(alimodel.Of(&l.State).Routes(), func(r *model.Route) bool { return r.API == api && r.Name == name })
		if r == nil {
			return ""
		}
		m := r.Match
		var svcs []string
		for _, s := range r.Backend.Services {
			svcs = append(svcs, fmt.Sprintf("%s:%s:%d:w%d", s.Service.Name, s.Protocol, s.Port, s.Weight))
		}
		return fmt.Sprintf("%q env=%s domains=%v %s %s methods=%v headers=%v query=%v icase=%v %s %v",
			r.Description, r.Environment.Name, refs(r.Domains), m.Path.Type, m.Path.Value, m.Methods,
			conds(m.Headers), conds(m.QueryParams), m.IgnoreURICase, r.Backend.Scene, svcs)
	}
}

func conds(cs []model.Condition) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name+" "+c.Type+" "+c.Value)
	}
	return out
}

func showAttachment(policy, resource string) func(*model.Live) string {
	return func(l *model.Live) string {
		a := find(alimodel.Of(&l.State).Attachments, func(a *alimodel.Attachment) bool { return a.Policy.Name == policy && a.Resource == resource })
		if a == nil {
			return ""
		}
		return fmt.Sprintf("%s %s env=%q", a.ResourceType, a.ResourceName, a.Environment)
	}
}

// TestExecuteLifecycle creates, updates and deletes each kind of resource
// through the emulator's HTTP API, reading the gateway back after each.
func TestExecuteLifecycle(t *testing.T) {
	conditions := singleRoute("/orders")
	conditions.Match.Headers = []gwsync.ConditionDoc{{Name: "x-version", Type: "Exact", Value: "v2"}}
	conditions.Match.QueryParams = []gwsync.ConditionDoc{{Name: "debug", Type: "Prefix", Value: "1"}}
	conditionsNext := singleRoute("/orders/list")
	conditionsNext.Description = "listing"
	conditionsNext.Match.Path.Type, conditionsNext.Match.Methods, conditionsNext.Match.IgnoreURICase = "Exact", []string{"GET", "POST"}, true
	conditionsNext.Match.Headers = []gwsync.ConditionDoc{{Name: "x-tenant", Type: "Regex", Value: "^a.*"}}

	ratio := func(orders, canary int) *gwsync.RouteDoc {
		d := singleRoute("/split")
		d.Backend = gwsync.BackendDoc{Scene: model.SceneRatio, Services: []gwsync.BackendServiceDoc{
			{Service: "orders", Protocol: "HTTP", Port: 80, Weight: orders}, {Service: "canary", Protocol: "HTTP", Port: 80, Weight: canary}}}
		return d
	}

	tests := []struct {
		name        string
		setup       func(w *writeEnv)
		create      *gwsync.Change
		update      gwsync.Document // nil: the kind is not updated in place
		show        func(*model.Live) string
		wantCreated string
		wantUpdated string
	}{
		{
			name:        "service",
			create:      serviceCreate("orders", "orders.internal:80"),
			update:      &gwsync.ServiceDoc{SourceType: "DNS", Addresses: []string{"orders-a.internal:8080", "orders-b.internal:8080"}},
			show:        showService("orders"),
			wantCreated: "DNS [orders.internal:80]",
			wantUpdated: "DNS [orders-a.internal:8080 orders-b.internal:8080]",
		},
		{
			name:        "domain",
			create:      domainCreate("api.example.com"),
			update:      &gwsync.DomainDoc{Protocol: "HTTPS", CertIdentifier: "1234-cn-hangzhou", ForceHTTPS: true, TLSMin: "TLS1.2", TLSMax: "TLS1.3"},
			show:        showDomain("api.example.com"),
			wantCreated: `HTTP cert="" forceHttps=false tls=-`,
			wantUpdated: `HTTPS cert="1234-cn-hangzhou" forceHttps=true tls=TLS1.2-TLS1.3`,
		},
		{
			name:        "policy",
			create:      policyCreate("timeout", "Timeout", map[string]any{"unitNum": 1, "timeUnit": "s", "enable": true}),
			update:      &gwsync.PolicyDoc{ClassName: "Timeout", Description: "slow <backends> & co", Config: map[string]any{"unitNum": 5, "timeUnit": "s", "enable": true, "note": "a<b&c"}},
			show:        showPolicy("timeout"),
			wantCreated: `Timeout {"enable":true,"timeUnit":"s","unitNum":1} ""`,
			wantUpdated: `Timeout {"enable":true,"note":"a<b&c","timeUnit":"s","unitNum":5} "slow <backends> & co"`,
		},
		{
			name:        "httpApi",
			create:      created(gwsync.KindHTTPAPI, "orders-api", alimodel.HTTPAPIPath("orders-api"), &gwsync.HTTPAPIDoc{BasePath: "/orders", Protocols: []string{"HTTP"}, Description: "v1"}),
			update:      &gwsync.HTTPAPIDoc{BasePath: "/v2", Protocols: []string{"HTTP", "HTTPS"}},
			show:        showAPI("orders-api"),
			wantCreated: `/orders [HTTP] "v1"`,
			wantUpdated: `/v2 [HTTP HTTPS] ""`,
		},
		{
			name:        "route with conditions",
			setup:       (*writeEnv).baseline,
			create:      routeCreate("orders-api", "orders-route", conditions),
			update:      func() *gwsync.RouteDoc { conditionsNext.API = "orders-api"; return conditionsNext }(),
			show:        showRoute("orders-api", "orders-route"),
			wantCreated: `"" env=prod domains=[api.example.com] Prefix /orders methods=[GET] headers=[x-version Exact v2] query=[debug Prefix 1] icase=false SingleService [orders:HTTP:80:w0]`,
			wantUpdated: `"listing" env=prod domains=[api.example.com] Exact /orders/list methods=[GET POST] headers=[x-tenant Regex ^a.*] query=[] icase=true SingleService [orders:HTTP:80:w0]`,
		},
		{
			name:        "route by ratio",
			setup:       (*writeEnv).baseline,
			create:      routeCreate("orders-api", "split", ratio(80, 20)),
			update:      func() *gwsync.RouteDoc { d := ratio(100, 0); d.API = "orders-api"; return d }(),
			show:        showRoute("orders-api", "split"),
			wantCreated: `"" env=prod domains=[api.example.com] Prefix /split methods=[GET] headers=[] query=[] icase=false MultiServiceByRatio [orders:HTTP:80:w80 canary:HTTP:80:w20]`,
			wantUpdated: `"" env=prod domains=[api.example.com] Prefix /split methods=[GET] headers=[] query=[] icase=false MultiServiceByRatio [orders:HTTP:80:w100 canary:HTTP:80:w0]`,
		},
		{
			name: "IpAccessControl on a route in prod",
			setup: func(w *writeEnv) {
				w.baseline()
				w.exec(routeCreate("orders-api", "orders-route", singleRoute("/orders")))
				w.exec(policyCreate("office-only", "IpAccessControl", ipConfig))
			},
			create:      attachCreate("office-only", alimodel.AttachRoute, model.RoutePath("orders-api", "orders-route"), "prod"),
			show:        showAttachment("office-only", model.RoutePath("orders-api", "orders-route")),
			wantCreated: `GatewayRoute orders-route env="prod"`,
		},
		{
			name: "IpAccessControl on a domain in no environment",
			setup: func(w *writeEnv) {
				w.exec(domainCreate("api.example.com"))
				w.exec(policyCreate("office-only", "IpAccessControl", ipConfig))
			},
			create:      attachCreate("office-only", alimodel.AttachDomain, alimodel.DomainPath("api.example.com"), ""),
			show:        showAttachment("office-only", alimodel.DomainPath("api.example.com")),
			wantCreated: `Domain api.example.com env=""`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWriteEnv(t, testSecret)
			if tt.setup != nil {
				tt.setup(w)
			}
			id := w.exec(tt.create)
			if id == "" || w.read().IDs[tt.create.Resource] != id {
				t.Fatalf("create returned ID %q; the read has %q", id, w.read().IDs[tt.create.Resource])
			}
			if got := tt.show(w.read()); got != tt.wantCreated {
				t.Errorf("after create, read\n %s\nwant\n %s", got, tt.wantCreated)
			}
			last := tt.create
			if tt.update != nil {
				last = w.updated(tt.create, tt.update)
				if id := w.exec(last); id != "" {
					t.Errorf("update returned ID %q, want none", id)
				}
				if got := tt.show(w.read()); got != tt.wantUpdated {
					t.Errorf("after update, read\n %s\nwant\n %s", got, tt.wantUpdated)
				}
			}
			w.exec(w.deleted(last))
			live := w.read()
			if got := tt.show(live); got != "" {
				t.Errorf("after delete, read %s", got)
			}
			if id, ok := live.IDs[tt.create.Resource]; ok {
				t.Errorf("after delete, the read still has ID %s", id)
			}
		})
	}
}

// TestExecuteWritesWireForms checks bodies the emulator does not echo
// back: the policy config string, "*" for no environment, weights.
func TestExecuteWritesWireForms(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	w.exec(policyCreate("p", "Timeout", map[string]any{"unitNum": 1, "timeUnit": "s", "enable": true, "note": "<a&b>"}))
	if got, want := w.lastBody("CreatePolicy"), `{"className":"Timeout","config":"{\"enable\":true,\"note\":\"<a&b>\",\"timeUnit\":\"s\",\"unitNum\":1}","name":"p","description":""}`; got != want {
		t.Errorf("CreatePolicy body\n %s\nwant\n %s", got, want)
	}
	w.exec(policyCreate("ip", "IpAccessControl", ipConfig))
	w.exec(attachCreate("ip", alimodel.AttachDomain, alimodel.DomainPath("api.example.com"), ""))
	if got := w.lastBody("CreatePolicyAttachment"); !strings.Contains(got, `"environmentId":"*"`) {
		t.Errorf("CreatePolicyAttachment body %s: want environmentId \"*\"", got)
	}
	d := singleRoute("/split")
	d.Backend = gwsync.BackendDoc{Scene: model.SceneRatio, Services: []gwsync.BackendServiceDoc{
		{Service: "orders", Protocol: "HTTP", Weight: 100}, {Service: "canary", Protocol: "HTTP", Weight: 0}}}
	w.exec(routeCreate("orders-api", "split", d))
	want := fmt.Sprintf(`"services":[{"serviceId":"%s","protocol":"HTTP","weight":100},{"serviceId":"%s","protocol":"HTTP","weight":0}]`,
		w.ids[alimodel.ServicePath("orders")], w.ids[alimodel.ServicePath("canary")])
	if got := w.lastBody("CreateHttpApiRoute"); !strings.Contains(got, want) {
		t.Errorf("CreateHttpApiRoute body\n %s\nwant it to contain\n %s", got, want)
	}
}

// TestCreateServiceSetsPorts checks that a service declaring ports and a
// protocol gets them with UpdateService after CreateService.
func TestCreateServiceSetsPorts(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	c := created(gwsync.KindService, "tls", alimodel.ServicePath("tls"), &gwsync.ServiceDoc{SourceType: "DNS",
		Addresses: []string{"tls.internal:443"}, Protocol: "HTTPS", Ports: []gwsync.PortDoc{{Name: "https", Port: 443, Protocol: "TCP"}}})
	id := w.exec(c)
	data, err := w.c.Call(context.Background(), aliyun.Request{Action: "GetService", Method: "GET", Path: "/v1/services/" + aliyun.PathEscape(id)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"protocol":"HTTPS"`, `"ports":[{"name":"https","port":443,"protocol":"TCP"}]`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("GetService answered %s; want %s", data, want)
		}
	}
	if body := w.lastBody("UpdateService"); !strings.Contains(body, `"addresses":["tls.internal:443"]`) {
		t.Errorf("UpdateService body %s", body)
	}
}

// TestDeployAndUndeploy starts a deploy, polls DeployStatus until the
// route is Deployed, then takes it offline the same way.
func TestDeployAndUndeploy(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	w.exec(routeCreate("orders-api", "orders-route", singleRoute("/orders")))
	path := model.RoutePath("orders-api", "orders-route")
	id := w.exec(&gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: "orders-route", API: "orders-api",
		Resource: path, After: &gwsync.DeployDoc{Environment: "prod"}})
	if id != "" {
		t.Errorf("deploy returned ID %q, want none", id)
	}
	d := w.waitDeploy("orders-api", "orders-route", "Deployed")
	if d.Environment != "prod" || d.ErrorMessage != "" {
		t.Errorf("deployed as %+v", d)
	}
	if got := w.read().Deploys[path]; got != d {
		t.Errorf("read deploy state %+v, DeployStatus %+v", got, d)
	}
	w.exec(&gwsync.Change{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: "orders-route", API: "orders-api",
		Resource: path, ID: w.ids[path], Before: &gwsync.DeployDoc{Environment: "prod", Status: "Deployed"}})
	if body := w.lastBody("UndeployHttpApi"); !strings.Contains(body, w.ids[alimodel.EnvironmentPath("prod")]) {
		t.Errorf("UndeployHttpApi body %s names no environment", body)
	}
	w.waitDeploy("orders-api", "orders-route", "NotDeployed")
}

// TestDeployStatusReportsFailure reads a failed deploy: APIG answers no
// reason, so the message says where to find it and what gatewayStatus
// says.
func TestDeployStatusReportsFailure(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	w.srv.FailNextDeploy("orders-route")
	w.exec(routeCreate("orders-api", "orders-route", singleRoute("/orders")))
	w.exec(&gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: "orders-route", API: "orders-api",
		Resource: model.RoutePath("orders-api", "orders-route"), After: &gwsync.DeployDoc{Environment: "prod"}})
	d := w.waitDeploy("orders-api", "orders-route", "DeployFailed")
	if !strings.Contains(d.ErrorMessage, "console") || !strings.Contains(d.ErrorMessage, w.srv.GatewayID()+": DeployFailed") || d.Environment != "prod" {
		t.Errorf("failed deploy read as %+v", d)
	}
}

// TestReplaceMovesRouteBetweenAPIs moves a route to another HTTP API
// under the same name.
func TestReplaceMovesRouteBetweenAPIs(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	w.exec(apiCreate("billing-api"))
	old := w.exec(routeCreate("orders-api", "moving", singleRoute("/moving")))
	before := w.ids[model.RoutePath("orders-api", "moving")]
	after := singleRoute("/moved")
	after.API = "billing-api"
	c := &gwsync.Change{Action: gwsync.Replace, Kind: gwsync.KindRoute, Name: "moving", API: "billing-api",
		Resource: model.RoutePath("billing-api", "moving"), ID: before,
		Before: &gwsync.RouteDoc{API: "orders-api", Environment: "prod", Domains: []string{"api.example.com"}}, After: after}
	id := w.exec(c)
	if id == "" || id == old {
		t.Fatalf("replace returned ID %q (the old route was %s)", id, old)
	}
	live := w.read()
	if got := showRoute("orders-api", "moving")(live); got != "" {
		t.Errorf("the route is still in orders-api: %s", got)
	}
	if got := live.IDs[model.RoutePath("billing-api", "moving")]; got != id {
		t.Errorf("billing-api's route moving has ID %q, want %q", got, id)
	}
	if got := showRoute("billing-api", "moving")(live); !strings.Contains(got, "Prefix /moved") {
		t.Errorf("moved route read as %s", got)
	}
}

// TestReplaceDeletesAndCreates replaces a service (its source type
// changes) and a policy (its class changes): the old one goes, a new one
// of the same name comes.
func TestReplaceDeletesAndCreates(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	oldSvc := w.exec(serviceCreate("orders", "orders.internal:80"))
	oldPol := w.exec(policyCreate("p", "Timeout", map[string]any{"unitNum": 1, "timeUnit": "s", "enable": true}))
	svc := w.updated(serviceCreate("orders", "orders.internal:80"), &gwsync.ServiceDoc{SourceType: "VIP", Addresses: []string{"10.0.0.1:80"}})
	pol := w.updated(policyCreate("p", "Timeout", nil), &gwsync.PolicyDoc{ClassName: "IpAccessControl", Config: ipConfig})
	for _, c := range []*gwsync.Change{svc, pol} {
		c.Action = gwsync.Replace
		w.exec(c)
	}
	live := w.read()
	if id := live.IDs[alimodel.ServicePath("orders")]; id == oldSvc || showService("orders")(live) != "VIP [10.0.0.1:80]" {
		t.Errorf("service read as %s (%s; it was %s)", showService("orders")(live), id, oldSvc)
	}
	if id := live.IDs[alimodel.PolicyPath("p")]; id == oldPol || !strings.HasPrefix(showPolicy("p")(live), "IpAccessControl ") {
		t.Errorf("policy read as %s (%s; it was %s)", showPolicy("p")(live), id, oldPol)
	}
}

// TestUnresolvedNameIsAnError checks that a name neither live nor created
// is named in the error, and nothing is sent.
func TestUnresolvedNameIsAnError(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	d := singleRoute("/x")
	d.Backend.Services[0].Service = "ghost"
	calls := w.c.Calls()
	_, err := w.gw.Execute(context.Background(), routeCreate("orders-api", "r", d), w.ids)
	if err == nil {
		t.Fatal("a route to an unknown service was created")
	}
	for _, want := range []string{"route r", "services.ghost", "neither live nor created earlier in this apply"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if n := w.c.Calls() - calls; n != 0 {
		t.Errorf("%d calls were made", n)
	}
}

// TestDuplicateCreateIsExistsError re-runs each create and expects the
// resource already there, with its ID.
func TestDuplicateCreateIsExistsError(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	changes := []*gwsync.Change{
		serviceCreate("orders", "orders.internal:80"),
		domainCreate("API.example.com"), // domain names are not case sensitive
		apiCreate("orders-api"),
		routeCreate("orders-api", "orders-route", singleRoute("/orders")),
		policyCreate("ip", "IpAccessControl", ipConfig),
		attachCreate("ip", alimodel.AttachRoute, model.RoutePath("orders-api", "orders-route"), "prod"),
	}
	for _, c := range changes[3:] {
		w.exec(c)
	}
	w.ids[alimodel.DomainPath("API.example.com")] = w.ids[alimodel.DomainPath("api.example.com")]
	for _, c := range changes {
		_, err := w.gw.Execute(context.Background(), c, w.ids)
		var ee *gwsync.ExistsError
		if !errors.As(err, &ee) {
			t.Errorf("%s again: %v, want an *ExistsError", c.Label(), err)
			continue
		}
		if ee.ID != w.ids[c.Resource] || ee.Kind != c.Kind || ee.Name != c.Name || ee.Resource != c.Resource {
			t.Errorf("%s again: %+v, want ID %s", c.Label(), ee, w.ids[c.Resource])
		}
		if msg := err.Error(); !strings.Contains(msg, "already exists on the gateway as "+ee.ID) {
			t.Errorf("%s again: the error says %q", c.Label(), msg)
		}
		var ae *aliyun.APIError
		if !errors.As(err, &ae) || ae.Status != http.StatusConflict {
			t.Errorf("%s again: the error does not wrap APIG's 409: %v", c.Label(), err)
		}
	}
}

// TestRouteNameTakenInAnotherAPI is not adoptable: the route there is not
// the one being created.
func TestRouteNameTakenInAnotherAPI(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	w.exec(apiCreate("billing-api"))
	w.exec(routeCreate("billing-api", "shared", singleRoute("/billing")))
	_, err := w.gw.Execute(context.Background(), routeCreate("orders-api", "shared", singleRoute("/orders")), w.ids)
	var ee *gwsync.ExistsError
	if err == nil || errors.As(err, &ee) || !aliyun.HasCode(err, "RouteNameDuplicated") {
		t.Errorf("got %v (%+v), want the RouteNameDuplicated error itself", err, ee)
	}
}

// TestDeleteOfMissingSucceeds deletes what is already gone.
func TestDeleteOfMissingSucceeds(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	w.baseline()
	gone := []*gwsync.Change{
		{Action: gwsync.Delete, Kind: gwsync.KindService, Name: "x", Resource: alimodel.ServicePath("x"), ID: "svc-gone"},
		{Action: gwsync.Delete, Kind: gwsync.KindDomain, Name: "x", Resource: alimodel.DomainPath("x"), ID: "d-gone"},
		{Action: gwsync.Delete, Kind: gwsync.KindPolicy, Name: "x", Resource: alimodel.PolicyPath("x"), ID: "p-gone"},
		{Action: gwsync.Delete, Kind: gwsync.KindHTTPAPI, Name: "x", Resource: alimodel.HTTPAPIPath("x"), ID: "api-gone"},
		{Action: gwsync.Delete, Kind: gwsync.KindRoute, Name: "x", API: "orders-api", Resource: model.RoutePath("orders-api", "x"), ID: "hr-gone"},
		{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: "x", API: "orders-api", Resource: model.RoutePath("orders-api", "x"), ID: "hr-gone"},
		{Action: gwsync.Detach, Kind: gwsync.KindAttachment, Name: "x", Resource: alimodel.AttachmentKey("x", "domains.y"), ID: "pr-gone"},
	}
	for _, c := range gone {
		if _, err := w.gw.Execute(context.Background(), c, w.ids); err != nil {
			t.Errorf("%s %s: %v", c.Action, c.Label(), err)
		}
	}
}

// TestExecuteRefusesWhatAPIGCannotDo checks changes no APIG call makes.
func TestExecuteRefusesWhatAPIGCannotDo(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	for _, c := range []*gwsync.Change{
		{Action: gwsync.Deploy, Kind: gwsync.KindService, Name: "s"},
		{Action: gwsync.Update, Kind: gwsync.KindAttachment, Name: "p"},
		{Action: gwsync.Create, Kind: gwsync.KindService, Name: "s", After: &gwsync.DomainDoc{}},
	} {
		if _, err := w.gw.Execute(context.Background(), c, w.ids); err == nil {
			t.Errorf("%s %s: no error", c.Action, c.Label())
		}
	}
}

// TestErrorsHoldNoSecret fails calls, with a wrong secret and with the
// right one, and checks the secret is in no error.
func TestErrorsHoldNoSecret(t *testing.T) {
	const wrong = "Wr0ng-secret-Kp2"
	bad := newWriteEnv(t, wrong)
	_, err := bad.gw.Execute(context.Background(), serviceCreate("s", "s.internal:80"), bad.ids)
	if err == nil || !aliyun.HasCode(err, "SignatureDoesNotMatch") {
		t.Fatalf("a call signed with the wrong secret: %v", err)
	}
	if strings.Contains(err.Error(), wrong) || strings.Contains(fmt.Sprintf("%+v", err), wrong) {
		t.Errorf("the error holds the secret: %v", err)
	}

	good := newWriteEnv(t, testSecret)
	_, err = good.gw.Execute(context.Background(), serviceCreate("s", "no-port"), good.ids)
	if err == nil || !strings.HasPrefix(err.Error(), "service s: ") {
		t.Fatalf("a service with a bad address: %v", err)
	}
	if strings.Contains(err.Error(), testSecret) {
		t.Errorf("the error holds the secret: %v", err)
	}
}
