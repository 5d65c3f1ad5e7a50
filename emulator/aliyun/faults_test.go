package aliyun_test

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

func TestSignatureChecked(t *testing.T) {
	g := newGateway(t, apigemu.Config{})
	hs := httptest.NewServer(g.srv.Handler())
	defer hs.Close()
	for _, tc := range []struct {
		name, ak, secret string
		status           int
		code             string
	}{
		{"wrong secret", testAK, "not-the-secret", 403, "SignatureDoesNotMatch"},
		{"unknown access key", "nobody", testSecret, 404, "InvalidAccessKeyId.NotFound"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := callAPI(newClient(t, hs.URL, tc.ak, tc.secret), "ListServices", "GET", "/v1/services", nil, nil)
			if err == nil || err.Status != tc.status || err.Code != tc.code {
				t.Fatalf("got %+v, want %d %s", err, tc.status, tc.code)
			}
		})
	}
}

func TestInjectedFaults(t *testing.T) {
	for _, tc := range []struct {
		name   string
		faults apigemu.Faults
		status int
		code   string
	}{
		{"server errors", apigemu.Faults{ErrorRate: 1}, 503, "ServiceUnavailable"},
		{"throttling", apigemu.Faults{ThrottleRate: 1}, 400, "Throttling.User"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGateway(t, apigemu.Config{Faults: tc.faults})
			g.fail(tc.status, tc.code, "ListServices", "GET", "/v1/services", nil, nil)
		})
	}
}

func TestQPSLimitPerAccessKey(t *testing.T) {
	g := newGateway(t, apigemu.Config{Faults: apigemu.Faults{QPS: 1}})
	g.must("ListServices", "GET", "/v1/services", nil, nil)
	g.fail(400, "Throttling.User", "ListServices", "GET", "/v1/services", nil, nil)
}

// outcomes records which of n calls failed under a 50% error rate.
func outcomes(t *testing.T, seed uint64, n int) string {
	g := newGateway(t, apigemu.Config{Seed: seed, Faults: apigemu.Faults{ErrorRate: 0.5}})
	out := make([]byte, n)
	for i := range out {
		_, err := callAPI(g.api, "ListServices", "GET", "/v1/services", nil, nil)
		out[i] = map[bool]byte{true: 'x', false: '.'}[err != nil]
	}
	return string(out)
}

func TestFaultsRepeatUnderASeed(t *testing.T) {
	a, b, c := outcomes(t, 7, 40), outcomes(t, 7, 40), outcomes(t, 8, 40)
	if a != b {
		t.Errorf("seed 7 gave %s then %s", a, b)
	}
	if a == c {
		t.Errorf("seeds 7 and 8 gave the same faults %s", a)
	}
	t.Logf("seed 7: %s", a)
}

func TestConcurrentDeploys(t *testing.T) {
	g := newGateway(t, apigemu.Config{DeployDelay: time.Second}) // long enough for both racing calls to land while Deploying
	f := g.fixture()
	const n = 24
	ids := make([]string, n)
	for i := range ids {
		ids[i] = g.createRoute(f, routeBody(f, fmt.Sprintf("r%02d", i), "Exact", fmt.Sprintf("/r/%d", i)))
	}
	var wg sync.WaitGroup
	errs := make(chan *apiError, 2*n)
	for _, id := range ids {
		for range 2 { // a second, racing deploy of the same route
			wg.Go(func() {
				_, err := callAPI(g.api, "DeployHttpApi", "POST", "/v1/http-apis/"+f.api+"/deploy", nil, map[string]any{"routeId": id})
				errs <- err
			})
		}
	}
	wg.Wait()
	close(errs)
	forbidden := 0
	for err := range errs {
		switch {
		case err == nil:
		case err.Code == "DeployRouteForbidden":
			forbidden++
		default:
			t.Errorf("deploy: %+v", err)
		}
	}
	if forbidden != n {
		t.Errorf("%d racing deploys were refused, want %d (one per route)", forbidden, n)
	}
	for _, id := range ids {
		g.waitStatus(f.api, id, "Deployed")
	}
	if got := len(g.srv.Table().Routes); got != n {
		t.Errorf("routing table has %d routes, want %d", got, n)
	}
}

func TestRestartKeepsState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	open := func() *gateway {
		st, err := emulator.OpenBolt(path)
		if err != nil {
			t.Fatal(err)
		}
		return newGateway(t, apigemu.Config{Store: st, DeployDelay: 300 * time.Millisecond})
	}
	g := open()
	f := g.fixture()
	id := g.createRoute(f, routeBody(f, "orders-route", "Prefix", "/orders"))
	g.must("DeployHttpApi", "POST", "/v1/http-apis/"+f.api+"/deploy", nil, map[string]any{"routeId": id})
	gw := g.gw
	g.srv.Close()

	g2 := open()
	if g2.gw != gw {
		t.Errorf("gateway ID changed across a restart: %s -> %s", gw, g2.gw)
	}
	if env, _ := g2.srv.EnvironmentID("prod"); env != f.env {
		t.Errorf("environment ID changed: %s -> %s", f.env, env)
	}
	// The deploy that was under way when the emulator stopped settles.
	rt := g2.waitStatus(f.api, id, "Deployed")
	if rt["name"] != "orders-route" {
		t.Errorf("route after restart %v", rt)
	}
	for _, p := range []string{"/v1/services/" + f.svc, "/v1/domains/" + f.dom, "/v1/http-apis/" + f.api} {
		g2.must("Get", "GET", p, nil, nil)
	}
	g2.fail(409, "ServiceExisted", "CreateService", "POST", "/v1/services", nil, map[string]any{"gatewayId": gw, "sourceType": "DNS",
		"serviceConfigs": []any{map[string]any{"name": "orders-backend", "addresses": []string{"x:80"}}}})
}
