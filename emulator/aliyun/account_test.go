package aliyun_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// account is an Account under test with a client pointed at it.
type account struct {
	*gateway
	acct *apigemu.Account
	data string // the data plane's URL
}

func newAccount(t *testing.T, store emulator.Store, ids ...string) *account {
	t.Helper()
	cfg := apigemu.Config{AccessKeys: map[string]string{testAK: testSecret}, Store: store, DeployDelay: time.Millisecond}
	acct, err := apigemu.NewAccount(cfg, ids)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(acct.Handler())
	dp := httptest.NewServer(acct.DataPlane())
	t.Cleanup(func() { hs.Close(); dp.Close(); acct.Close() })
	g := &gateway{t: t, srv: acct.Gateways()[0], api: newClient(t, hs.URL, testAK, testSecret), gw: ids[0]}
	return &account{gateway: g, acct: acct, data: dp.URL}
}

// service makes a service in gateway gw and returns its ID.
func (a *account) service(gw, name string) string {
	a.t.Helper()
	out := a.must("CreateService", "POST", "/v1/services", nil, map[string]any{"gatewayId": gw, "sourceType": "DNS",
		"serviceConfigs": []any{map[string]any{"name": name, "addresses": []string{name + ".internal:80"}}}})
	return out["serviceIds"].([]any)[0].(string)
}

func TestAccountServesItsGatewaysApart(t *testing.T) {
	a := newAccount(t, nil, "gw-prod", "gw-staging")
	for _, gw := range []string{"gw-prod", "gw-staging"} {
		if got := a.must("GetGateway", "GET", "/v1/gateways/"+gw, nil, nil)["gatewayId"]; got != gw {
			t.Errorf("GetGateway %s answered %v", gw, got)
		}
	}
	a.fail(404, "NotFound.GatewayNotFound", "GetGateway", "GET", "/v1/gateways/gw-other", nil, nil)
	a.fail(404, "NotFound.GatewayNotFound", "ListServices", "GET", "/v1/services", map[string]string{"gatewayId": "gw-other"}, nil)

	// The same name in two gateways is two services, each listed by its own.
	prod, staging := a.service("gw-prod", "orders"), a.service("gw-staging", "orders")
	for gw, want := range map[string]string{"gw-prod": prod, "gw-staging": staging} {
		items := a.must("ListServices", "GET", "/v1/services", map[string]string{"gatewayId": gw}, nil)["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["serviceId"] != want {
			t.Errorf("ListServices of %s: %v, want only %s", gw, items, want)
		}
	}
	// A call naming a resource by ID reaches the gateway that holds it.
	if got := a.must("GetService", "GET", "/v1/services/"+staging, nil, nil)["gatewayId"]; got != "gw-staging" {
		t.Errorf("GetService %s answered gateway %v", staging, got)
	}
	items := a.must("ListGateways", "GET", "/v1/gateways", nil, nil)["items"].([]any)
	if len(items) != 2 {
		t.Errorf("ListGateways: %v, want both gateways", items)
	}
}

func TestAccountKeepsEachGatewayInItsState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "account.db")
	open := func(ids ...string) *account {
		st, err := emulator.OpenBolt(path)
		if err != nil {
			t.Fatal(err)
		}
		return newAccount(t, st, ids...)
	}
	a := open("gw-a", "gw-b")
	id := a.service("gw-b", "kept")
	envB, _ := a.acct.Gateways()[1].EnvironmentID("prod")
	a.acct.Close()

	b := open("gw-a", "gw-b")
	if got := b.must("GetService", "GET", "/v1/services/"+id, nil, nil)["name"]; got != "kept" {
		t.Errorf("after a restart, service %s is %v", id, got)
	}
	if env, _ := b.acct.Gateways()[1].EnvironmentID("prod"); env != envB {
		t.Errorf("gateway gw-b's environment is %s after a restart, was %s", env, envB)
	}
	b.acct.Close()

	// Another gateway may join the account; the others keep their state.
	c := open("gw-c", "gw-b")
	if got := c.must("GetService", "GET", "/v1/services/"+id, nil, nil)["name"]; got != "kept" {
		t.Errorf("with gw-c added, service %s is %v", id, got)
	}
	c.acct.Close()

	// One gateway of several cannot be served alone, nor a lone gateway's
	// state as one of several: its state would not be found.
	for _, ids := range [][]string{{"gw-b"}} {
		st, err := emulator.OpenBolt(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := apigemu.NewAccount(apigemu.Config{Store: st}, ids); err == nil || !strings.Contains(err.Error(), "serve them all together") {
			t.Errorf("gateways %v of a several-gateway state file: %v", ids, err)
		}
		st.Close()
	}
	lone := filepath.Join(t.TempDir(), "lone.db")
	st, err := emulator.OpenBolt(lone)
	if err != nil {
		t.Fatal(err)
	}
	one, err := apigemu.NewAccount(apigemu.Config{Store: st}, []string{"gw-lone"})
	if err != nil {
		t.Fatal(err)
	}
	one.Close()
	if st, err = emulator.OpenBolt(lone); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := apigemu.NewAccount(apigemu.Config{Store: st}, []string{"gw-lone", "gw-two"}); err == nil || !strings.Contains(err.Error(), "one gateway's state") {
		t.Errorf("a lone gateway's state served as one of several: %v", err)
	}
	if _, err := apigemu.NewAccount(apigemu.Config{Store: st}, []string{"gw-other"}); err == nil || !strings.Contains(err.Error(), "holds gateway gw-lone") {
		t.Errorf("a lone gateway's state served as another gateway: %v", err)
	}
}

func TestAccountRefusesBadGatewayIDs(t *testing.T) {
	for _, ids := range [][]string{{"gw-a", "gw-a"}, {"orders"}, {"gw-a/b"}, {"gw-a", ""}} {
		if _, err := apigemu.NewAccount(apigemu.Config{}, ids); err == nil {
			t.Errorf("gateway IDs %q: no error", ids)
		}
	}
	st := emulator.MemoryStore{}
	srv, err := apigemu.New(apigemu.Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.GatewayID(), "gw-") {
		t.Errorf("a gateway made with no ID is %s", srv.GatewayID())
	}
}

// TestAccountDataPlane sends a request to the gateway that has a route
// deployed on its host.
func TestAccountDataPlane(t *testing.T) {
	a := newAccount(t, nil, "gw-a", "gw-b")
	g := a.acct.Gateways()[1]
	env, _ := g.EnvironmentID("prod")
	svc := a.must("CreateService", "POST", "/v1/services", nil, map[string]any{"gatewayId": "gw-b", "sourceType": "VIP",
		"serviceConfigs": []any{map[string]any{"name": "b", "addresses": []string{"10.0.0.1:80"}}}})["serviceIds"].([]any)[0]
	dom := a.must("CreateDomain", "POST", "/v1/domains", nil, map[string]any{"name": "b.example.com", "protocol": "HTTP", "gatewayType": "API"})["domainId"]
	api := a.must("CreateHttpApi", "POST", "/v1/http-apis", nil, map[string]any{"name": "b", "type": "Http", "gatewayId": "gw-b"})["httpApiId"].(string)
	rt := a.must("CreateHttpApiRoute", "POST", "/v1/http-apis/"+api+"/routes", nil, map[string]any{"name": "b", "environmentId": env,
		"domainIds": []any{dom}, "match": map[string]any{"path": map[string]any{"type": "Prefix", "value": "/"}},
		"backendConfig": map[string]any{"scene": "SingleService", "services": []any{map[string]any{"serviceId": svc, "port": 80}}}})["routeId"]
	a.must("DeployHttpApi", "POST", "/v1/http-apis/"+api+"/deploy", nil, map[string]any{"routeId": rt})
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		req, _ := http.NewRequest("GET", a.data+"/x", nil)
		req.Host = "b.example.com"
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.Header.Get("X-Gwsync-Route") == "b" {
			return
		}
	}
	t.Error("the data plane never sent b.example.com to gateway gw-b's route")
}

// The emulator's own GET /emulator/v1/about says it is gwsync's emulator
// and names every gateway of the account, so a client that must change
// only an emulator can tell it from Alibaba Cloud.
func TestAboutNamesTheEmulatorAndItsGateways(t *testing.T) {
	a := newAccount(t, nil, "gw-prod", "gw-staging")
	got := a.must("EmulatorAbout", "GET", "/emulator/v1/about", nil, nil)
	if got["emulator"] != "gwsync" || fmt.Sprint(got["gatewayIds"]) != "[gw-prod gw-staging]" {
		t.Errorf("about answered %v, want emulator gwsync and both gateways", got)
	}
	g := newGateway(t, apigemu.Config{})
	if got := g.must("EmulatorAbout", "GET", "/emulator/v1/about", nil, nil); fmt.Sprint(got["gatewayIds"]) != "["+g.gw+"]" {
		t.Errorf("about of a lone gateway answered %v, want [%s]", got, g.gw)
	}
}
