package aliyun_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
)

// An IpAccessControl policy's protocolLayer reaches the data plane: L7
// judges the first X-Forwarded-For address, L4 (and no layer) the peer's.
func TestIPAccessControlProtocolLayer(t *testing.T) {
	cases := []struct {
		layer       string // "" writes no protocolLayer
		peer, xff   string
		wantAllowed bool
	}{
		{"L7", "203.0.113.9:1", "10.1.2.3", true},
		{"L7", "10.1.2.3:1", "203.0.113.9", false},
		{"L7", "10.1.2.3:1", "", true},
		{"L4", "203.0.113.9:1", "10.1.2.3", false},
		{"L4", "10.1.2.3:1", "203.0.113.9", true},
		{"", "203.0.113.9:1", "10.1.2.3", false},
	}
	for _, c := range cases {
		t.Run(c.layer+" from "+c.peer+" via "+c.xff, func(t *testing.T) {
			g := newGateway(t, apigemu.Config{DeployDelay: time.Millisecond})
			f := g.fixture()
			body := routeBody(f, "orders-route", "Prefix", "/orders", "GET")
			body["backendConfig"] = map[string]any{"scene": "Mock"}
			route := g.createRoute(f, body)
			g.must("DeployHttpApi", "POST", "/v1/http-apis/"+f.api+"/deploy", nil, map[string]any{"routeId": route})
			g.waitStatus(f.api, route, "Deployed")
			config := `{"ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8","enable":true`
			if c.layer != "" {
				config += `,"protocolLayer":"` + c.layer + `"`
			}
			pid := g.must("CreatePolicy", "POST", "/v2/policies", nil, map[string]any{"name": "ip", "className": "IpAccessControl", "config": config + "}"})["policyId"].(string)
			g.must("CreatePolicyAttachment", "POST", "/v1/policy-attachments", nil, map[string]any{"policyId": pid,
				"attachResourceId": f.dom, "attachResourceType": "Domain", "gatewayId": g.gw})

			req := httptest.NewRequest("GET", "http://api.example.com/orders/1", nil)
			req.RemoteAddr = c.peer
			if c.xff != "" {
				req.Header.Set("X-Forwarded-For", c.xff)
			}
			rec := httptest.NewRecorder()
			g.srv.DataPlane().ServeHTTP(rec, req)
			if allowed := rec.Code == http.StatusOK; allowed != c.wantAllowed || (!allowed && rec.Code != http.StatusForbidden) {
				t.Errorf("status %d (%s), want allowed %v", rec.Code, rec.Body, c.wantAllowed)
			}
		})
	}
}

// TestLocalStateInUse: a second gwsync on the same local gateway is told
// what holds the state and which flag picks another.
func TestLocalStateInUse(t *testing.T) {
	dir := t.TempDir()
	l, err := apigemu.StartLocal(dir, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = apigemu.StartLocal(dir, time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "in use by another gwsync") || !strings.Contains(err.Error(), "--state-dir") {
		t.Errorf("a second local gateway on one state: %v", err)
	}
}
