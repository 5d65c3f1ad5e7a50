package aliyun_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/internal/sdkmodel"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// The provider and the emulator held to the official APIG SDK's models
// (internal/sdkmodel, extracted from github.com/alibabacloud-go/apig-20240327):
// a whole lifecycle runs through the provider against the emulator, every
// exchange is recorded, and every request must be one the SDK sends and
// every answer one the SDK's response model can hold.

// exchange is one recorded call.
type exchange struct {
	action, method, path string
	query                url.Values
	reqBody, respBody    []byte
	status               int
}

// recorder records every exchange its handler serves.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	log  []exchange
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	r.next.ServeHTTP(rec, req)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, exchange{action: req.Header.Get("x-acs-action"), method: req.Method, path: req.URL.EscapedPath(),
		query: req.URL.Query(), reqBody: body, respBody: rec.Body.Bytes(), status: rec.Code})
}

func (r *recorder) exchanges() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.log)
}

// lifecycle is a provider pointed at a recorded emulator.
type lifecycle struct {
	t   *testing.T
	srv *apigemu.Server
	rec *recorder
	c   *aliyun.Client
	gw  *aliyun.Gateway
}

func newLifecycle(t *testing.T) *lifecycle {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{testKeyID: testSecret}, DeployDelay: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	l := &lifecycle{t: t, srv: srv, rec: &recorder{next: srv.Handler()}}
	hs := httptest.NewServer(l.rec)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	l.c, err = aliyun.NewClient(aliyun.Config{Endpoint: hs.URL, AccessKeyID: testKeyID, AccessKeySecret: testSecret, Seed: 1, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	l.gw = aliyun.NewGateway(l.c, srv.GatewayID())
	return l
}

func compileState(t *testing.T, dir string) *model.Desired {
	t.Helper()
	res := compiler.Compile([]string{dir}, compiler.Options{})
	if res.Desired == nil {
		t.Fatalf("%s does not compile: %v", dir, res.Findings)
	}
	return res.Desired
}

// plan reads the gateway and diffs d against it.
func (l *lifecycle) plan(d *model.Desired, opts gwsync.Options) (*gwsync.Plan, *model.Live) {
	l.t.Helper()
	live, err := l.gw.Read(context.Background())
	if err != nil {
		l.t.Fatalf("read: %v", err)
	}
	p, findings := gwsync.Diff(d, live, opts)
	if len(findings) > 0 {
		l.t.Fatalf("plan findings: %v", findings)
	}
	return p, live
}

// apply applies p and verifies it, failing the test on any error.
func (l *lifecycle) apply(d *model.Desired, p *gwsync.Plan, live *model.Live) {
	l.t.Helper()
	ctx := context.Background()
	res := gwsync.Apply(ctx, l.gw, p, live, gwsync.ApplyOptions{Parallelism: 4, PollInterval: 2 * time.Millisecond,
		MaxPollInterval: 20 * time.Millisecond, DeployTimeout: 10 * time.Second})
	if !res.OK() {
		l.t.Fatalf("apply: %d failed, %d skipped: %v", res.Failed, res.Skipped, res.Errors)
	}
	errs := gwsync.Verify(ctx, l.gw, gwsync.Verification{Desired: d, Plan: p, IDs: res, GatewayID: l.srv.GatewayID(), Parallelism: 4, Routes: res.Routes})
	if len(errs) > 0 {
		l.t.Fatalf("verification: %v", errs)
	}
}

// converge applies d (pruning when asked), then checks the next plan is
// empty and there is no drift.
func (l *lifecycle) converge(d *model.Desired, opts gwsync.Options) {
	l.t.Helper()
	p, live := l.plan(d, opts)
	l.apply(d, p, live)
	again, live := l.plan(d, opts)
	if !again.Empty() {
		l.t.Fatalf("the plan after apply has %d changes, first %s", len(again.Changes), again.Changes[0].Label())
	}
	if drift := gwsync.Drift(again, d, live); len(drift) > 0 {
		l.t.Fatalf("drift after apply: %+v", drift[0])
	}
	if _, err := dump.Build(live, dump.Options{}); err != nil {
		l.t.Fatalf("dump: %v", err)
	}
}

// TestConformanceAPIG runs the lifecycle (create everything, apply a
// stale plan again so every create meets its resource and adopts it,
// update and prune, read each resource on its own) and holds every
// exchange to the SDK's models.
func TestConformanceAPIG(t *testing.T) {
	facts, err := sdkmodel.APIG()
	if err != nil {
		t.Fatal(err)
	}
	reads := &decodes{types: map[string]map[reflect.Type]bool{}}
	defer aliyun.OnDecode(reads.note)()
	l := newLifecycle(t)
	v1 := compileState(t, "testdata/conformance/v1")
	stale, live := l.plan(v1, gwsync.Options{})
	l.converge(v1, gwsync.Options{})
	l.apply(v1, stale, live) // every create finds its resource made
	l.converge(compileState(t, "testdata/conformance/v2"), gwsync.Options{Prune: true})
	l.getEach()

	seen := checkExchanges(t, facts, l.rec.exchanges())
	checkReads(t, facts, reads)
	for _, action := range slices.Sorted(func(yield func(string) bool) {
		for a := range facts.Operations {
			if !yield(a) {
				return
			}
		}
	}) {
		if !seen[action] && !strings.HasPrefix(action, "Undeploy") {
			t.Errorf("the lifecycle never called %s: the emulator's answer to it is not checked", action)
		}
	}
}

// getEach calls, through the client, the reads the provider does not
// make, so the emulator's answers to them are checked too.
func (l *lifecycle) getEach() {
	l.t.Helper()
	live, err := l.gw.Read(context.Background())
	if err != nil {
		l.t.Fatal(err)
	}
	gw := l.srv.GatewayID()
	calls := []aliyun.Request{
		{Action: "ListGateways", Method: "GET", Path: "/v1/gateways", Query: map[string]string{"pageNumber": "1", "pageSize": "10"}},
		{Action: "ListEnvironments", Method: "GET", Path: "/v1/environments", Query: map[string]string{"gatewayId": gw}},
		{Action: "GetEnvironment", Method: "GET", Path: "/v1/environments/" + aliyun.PathEscape(live.IDs[alimodel.EnvironmentPath("prod")])},
		{Action: "GetService", Method: "GET", Path: "/v1/services/" + aliyun.PathEscape(live.IDs[alimodel.ServicePath("pay-backend")])},
		{Action: "GetDomain", Method: "GET", Path: "/v1/domains/" + aliyun.PathEscape(live.IDs[alimodel.DomainPath("secure.example.com")])},
		{Action: "GetHttpApi", Method: "GET", Path: "/v1/http-apis/" + aliyun.PathEscape(live.IDs[alimodel.HTTPAPIPath("orders-http-api")])},
		{Action: "GetPolicy", Method: "GET", Path: "/v2/policies/" + aliyun.PathEscape(live.IDs[alimodel.PolicyPath("orders-timeout")])},
		// gwsync never deletes services or domains (it cannot mark them).
		{Action: "DeleteService", Method: "DELETE", Path: "/v1/services/" + aliyun.PathEscape(live.IDs[alimodel.ServicePath("tagged-backend")])},
		{Action: "DeleteDomain", Method: "DELETE", Path: "/v1/domains/" + aliyun.PathEscape(live.IDs[alimodel.DomainPath("spare.example.com")])},
	}
	for _, r := range calls {
		if _, err := l.c.Call(context.Background(), r); err != nil {
			l.t.Errorf("%s: %v", r.Action, err)
		}
	}
}

var index = regexp.MustCompile(`\[\d+\]`)

// deviations are the places where gwsync knowingly sends what the SDK's
// request model does not have, each with why (the README's unverified
// table lists them). A deviation the lifecycle no longer shows fails the
// test, so the list cannot outlive the code.
var deviations = map[string]string{
	"ListPolicies request: query.pageNumber: not a query parameter of the SDK's request": "ListPolicies answers a page (pageNumber, pageSize, totalSize) though its request model has no page parameters",
	"ListPolicies request: query.pageSize: not a query parameter of the SDK's request":   "as pageNumber",
}

// checkExchanges holds each exchange to the facts and returns the actions
// answered with success. Violations are reported once per operation and
// key path.
func checkExchanges(t *testing.T, facts *sdkmodel.Facts, log []exchange) map[string]bool {
	t.Helper()
	seen := map[string]bool{}
	reported := map[string]bool{}
	report := func(action, side string, vs []sdkmodel.Violation, err error) {
		if err != nil {
			vs = append(vs, sdkmodel.Violation{Path: side, Problem: err.Error()})
		}
		for _, v := range vs {
			key := action + " " + side + ": " + index.ReplaceAllString(v.String(), "[]")
			if reported[key] {
				continue
			}
			reported[key] = true
			if _, known := deviations[key]; !known {
				t.Errorf("%s %s: %s", action, side, v)
			}
		}
	}
	defer func() {
		for key, why := range deviations {
			if !reported[key] {
				t.Errorf("deviation %q (%s) no longer occurs: take it off the list and the README", key, why)
			}
		}
	}()
	for _, x := range log {
		if strings.HasPrefix(x.path, "/emulator/") {
			continue
		}
		vs, err := facts.CheckRequest(x.action, x.method, x.path, x.query, x.reqBody)
		report(x.action, "request", vs, err)
		if x.status < 200 || x.status > 299 {
			continue
		}
		seen[x.action] = true
		vs, err = facts.CheckResponse(x.action, x.respBody)
		report(x.action, "answer", vs, err)
	}
	return seen
}

// decodes notes each Go type the provider decoded an answer into, by
// action.
type decodes struct {
	mu    sync.Mutex
	types map[string]map[reflect.Type]bool
}

func (d *decodes) note(action string, into reflect.Type) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.types[action] == nil {
		d.types[action] = map[reflect.Type]bool{}
	}
	d.types[action][into] = true
}

// checkReads holds every key the provider reads to the data of the SDK's
// response model of the operation it read it from.
func checkReads(t *testing.T, facts *sdkmodel.Facts, reads *decodes) {
	t.Helper()
	if len(reads.types) == 0 {
		t.Fatal("the provider decoded nothing: is the decode hook wired?")
	}
	for _, action := range slices.Sorted(maps.Keys(reads.types)) {
		data, err := facts.ResponseData(action)
		if err != nil {
			t.Errorf("%s: %v", action, err)
			continue
		}
		for typ := range reads.types[action] {
			for _, v := range facts.Models.Covers(data, typ, "data") {
				t.Errorf("%s read as %s: %s", action, typ, v)
			}
		}
	}
}

func (x exchange) String() string { return fmt.Sprintf("%s %s %s", x.action, x.method, x.path) }
