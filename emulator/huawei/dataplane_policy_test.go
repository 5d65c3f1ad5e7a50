package huawei

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator/dataplane"
	"github.com/gwsync/gwsync/emulator/internal/fakeclock"
)

// seedBackend answers as the backend of the seed document's CORS examples:
// 200, Content-Type application/json, Server api-gateway, {"status":"200"},
// with Access-Control-Allow-Origin: http://www.cors.com when it is asked
// for /own-cors.
func seedBackend(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Server", "api-gateway")
		if strings.HasSuffix(r.URL.Path, "/own-cors") {
			w.Header().Set("Access-Control-Allow-Origin", "http://www.cors.com")
		}
		io.WriteString(w, `{"status":"200"}`)
	}))
	t.Cleanup(s.Close)
	return s
}

// httpAPI is an ApiCreate body with an HTTP backend at addr, path
// forwarded as it is (SWA on uri).
func httpAPI(group, name, method, uri, addr string) map[string]any {
	return map[string]any{"group_id": group, "name": name, "type": 1, "req_protocol": "BOTH", "req_method": method,
		"req_uri": uri, "match_mode": "SWA", "auth_type": "NONE", "backend_type": "HTTP",
		"backend_api": map[string]any{"req_protocol": "HTTP", "req_method": "ANY", "req_uri": uri,
			"url_domain": addr, "timeout": 5000, "vpc_channel_status": 2, "retry_count": "-1"}}
}

// wantHeaders checks response headers: "" means absent.
func wantHeaders(t *testing.T, what string, got http.Header, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if g := strings.Join(got.Values(k), ","); g != v {
			t.Errorf("%s: %s = %q, want %q", what, k, g, v)
		}
	}
}

// TestSeedCorsExamples reproduces the seed document's CORS examples
// header by header: a simple request to an API with CORS on (the backend
// sets no CORS header, then its own), a preflight answered by the group's
// OPTIONS API at /, and the PUT that follows it.
func TestSeedCorsExamples(t *testing.T) {
	be := seedBackend(t)
	h := newHarness(t)
	g := h.group("cors_group")
	for _, a := range []map[string]any{
		httpAPI(g, "simple_get", "GET", "/simple", be.Listener.Addr().String()),
		httpAPI(g, "simple_put", "PUT", "/simple", be.Listener.Addr().String()),
	} {
		a["cors"] = true
		h.publish(h.api(a), ReleaseEnvID)
	}
	options := mockAPI(g, "preflight", "OPTIONS", "/", "NORMAL", "")
	options["cors"], options["auth_type"] = true, "IAM" // any auth counts as none
	h.publish(h.api(options), ReleaseEnvID)
	browser := map[string]string{"Origin": "http://www.cors.com", "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": "application/json"}

	cases := []struct {
		name, method, path string
		extra              map[string]string
		body               string
		want               map[string]string
	}{
		{"scenario 1: the gateway adds Allow-Origin *", "GET", "/simple", nil, `{"status":"200"}`,
			map[string]string{"Content-Type": "application/json", "Server": "api-gateway", hAllowOrigin: "*"}},
		{"scenario 2: the backend's own Allow-Origin wins", "GET", "/simple/own-cors", nil, `{"status":"200"}`,
			map[string]string{"Server": "api-gateway", hAllowOrigin: "http://www.cors.com"}},
		{"the preflight", "OPTIONS", "/", map[string]string{hRequestMethod: "PUT", "Access-Control-Request-Headers": "X-Sdk-Date"}, "",
			map[string]string{
				"Server":          "api-gateway",
				hAllowOrigin:      "*",
				hAllowHeaders:     "X-Stage,X-Sdk-Date,X-Sdk-Nonce,X-Proxy-Signed-Headers,X-Sdk-Content-Sha256,X-Forwarded-For,Authorization,Content-Type,Accept,Accept-Ranges,Cache-Control,Range",
				hExposeHeaders:    "X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api,X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv",
				hAllowMethods:     "GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH",
				hMaxAge:           "172800",
				hAllowCredentials: "",
			}},
		{"the preflight API at / takes preflights for every path", "OPTIONS", "/simple", map[string]string{hRequestMethod: "PUT"}, "",
			map[string]string{hAllowOrigin: "*", hAllowMethods: "GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH", hMaxAge: "172800"}},
		{"the PUT after the preflight", "PUT", "/simple", nil, `{"status":"200"}`,
			map[string]string{"Content-Type": "application/json", "Server": "api-gateway", hAllowOrigin: "*"}},
	}
	for _, c := range cases {
		hdr := map[string]string{}
		for k, v := range browser {
			hdr[k] = v
		}
		for k, v := range c.extra {
			hdr[k] = v
		}
		r := request(t, c.method, h.dp.URL+c.path, hdr)
		if r.status != 200 || r.raw != c.body {
			t.Errorf("%s: %d %q, want 200 %q", c.name, r.status, r.raw, c.body)
		}
		if len(r.header.Get("X-Request-Id")) != 32 {
			t.Errorf("%s: X-Request-Id %q", c.name, r.header.Get("X-Request-Id"))
		}
		wantHeaders(t, c.name, r.header, c.want)
		if n := r.header.Values(dataplane.UnmodelledHeader); len(n) != 0 {
			t.Errorf("%s: notes %q, want none (auth of the OPTIONS API counts as none)", c.name, n)
		}
	}
}

func TestPreflightNeedsAnOptionsAPIOrThePlugin(t *testing.T) {
	h := newHarness(t)
	g := h.group("cors_group")
	a := mockAPI(g, "items", "GET", "/items", "NORMAL", "items")
	a["cors"] = true
	h.publish(h.api(a), ReleaseEnvID)
	pre := map[string]string{"Origin": "https://shop.example.com", hRequestMethod: "GET"}
	if r := request(t, "OPTIONS", h.dp.URL+"/items", pre); r.status != 404 || r.body["error_code"] != codeNoAPI {
		t.Errorf("preflight without an OPTIONS API or the plugin: %d %s, want 404 %s", r.status, r.raw, codeNoAPI)
	}
	off := mockAPI(g, "preflight_off", "OPTIONS", "/items", "NORMAL", "")
	h.publish(h.api(off), ReleaseEnvID)
	r := request(t, "OPTIONS", h.dp.URL+"/items", pre)
	if r.status != 200 || r.header.Get(hAllowOrigin) != "" {
		t.Errorf("an OPTIONS API with CORS off answers without CORS headers: %d %v", r.status, r.header)
	}
}

// TestCorsPlugin binds the CORS plugin: it answers preflights with its
// own settings (no OPTIONS API needed), and its settings win over the
// API's cors: true on other answers.
func TestCorsPlugin(t *testing.T) {
	h := newHarness(t)
	g := h.group("cors_group")
	a := mockAPI(g, "items", "GET", "/items", "NORMAL", "items")
	a["cors"] = true
	api := h.api(a)
	h.publish(api, ReleaseEnvID)
	plugin := str(h.must(201, "POST", "/plugins", map[string]any{"plugin_name": "shop_cors", "plugin_type": "cors", "plugin_scope": "global",
		"plugin_content": `{"allow_origin":"https://shop.example.com,https://admin.example.com","allow_methods":"GET,HEAD,OPTIONS",` +
			`"allow_headers":"Content-Type,X-Sdk-Date","expose_headers":"X-Request-Id,X-Apig-Latency","max_age":86400,"allow_credentials":true}`})["plugin_id"])
	h.must(201, "POST", "/plugins/"+plugin+"/attach", map[string]any{"env_id": ReleaseEnvID, "api_ids": []string{api}})
	cases := []struct {
		name, method string
		hdr          map[string]string
		status       int
		want         map[string]string
	}{
		{"preflight from an allowed origin", "OPTIONS", map[string]string{"Origin": "https://admin.example.com", hRequestMethod: "GET"}, 200,
			map[string]string{hAllowOrigin: "https://admin.example.com", hAllowMethods: "GET,HEAD,OPTIONS", hAllowHeaders: "Content-Type,X-Sdk-Date",
				hExposeHeaders: "X-Request-Id,X-Apig-Latency", hMaxAge: "86400", hAllowCredentials: "true", "Vary": "Origin"}},
		{"preflight from another origin gets no CORS headers", "OPTIONS", map[string]string{"Origin": "https://evil.example", hRequestMethod: "GET"}, 200,
			map[string]string{hAllowOrigin: "", hAllowMethods: ""}},
		{"a simple request: the plugin, not cors: true", "GET", map[string]string{"Origin": "https://shop.example.com"}, 200,
			map[string]string{hAllowOrigin: "https://shop.example.com", hAllowCredentials: "true", hExposeHeaders: "X-Request-Id,X-Apig-Latency", hAllowMethods: "", hMaxAge: ""}},
		{"a simple request from another origin", "GET", map[string]string{"Origin": "https://evil.example"}, 200,
			map[string]string{hAllowOrigin: ""}},
	}
	for _, c := range cases {
		r := request(t, c.method, h.dp.URL+"/items", c.hdr)
		if r.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, r.status, r.raw, c.status)
		}
		wantHeaders(t, c.name, r.header, c.want)
	}
}

// TestHTTPSRedirect: plain-HTTP GET and HEAD to an HTTPS or BOTH API on a
// domain with a certificate and the redirect on are redirected; other
// methods, HTTPS requests, HTTP-only APIs, other hosts and domains without
// the redirect are served.
func TestHTTPSRedirect(t *testing.T) {
	h := newHarness(t)
	g := h.group("secure_group")
	did := str(h.must(201, "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": "api.orders.example.com"})["id"])
	cert, key := selfSigned(t, "api.orders.example.com")
	h.must(201, "POST", "/api-groups/"+g+"/domains/"+did+"/certificate", map[string]any{"name": "orders_cert", "cert_content": cert, "private_key": key})
	h.must(201, "PUT", "/api-groups/"+g+"/domains/"+did, map[string]any{"min_ssl_version": "TLSv1.2", "is_http_redirect_to_https": true})
	h.must(201, "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": "plain.orders.example.com"})
	both := mockAPI(g, "orders_any", "ANY", "/orders", "SWA", "orders")
	both["req_protocol"] = "BOTH"
	h.publish(h.api(both), ReleaseEnvID)
	httpOnly := mockAPI(g, "legacy", "GET", "/legacy", "NORMAL", "legacy")
	httpOnly["req_protocol"] = "HTTP"
	h.publish(h.api(httpOnly), ReleaseEnvID)
	h.publish(h.api(mockAPI(g, "secure", "GET", "/secure", "NORMAL", "secure")), ReleaseEnvID) // HTTPS

	secure, plain := "api.orders.example.com", "plain.orders.example.com"
	cases := []struct {
		name, method, host, path string
		https                    bool
		status                   int
		location                 string
	}{
		{"GET to an HTTPS API", "GET", secure, "/secure?a=1&b=2", false, 301, "https://api.orders.example.com/secure?a=1&b=2"},
		{"HEAD to a BOTH API", "HEAD", secure, "/orders/7", false, 301, "https://api.orders.example.com/orders/7"},
		{"POST is not redirected (a browser would drop its body)", "POST", secure, "/orders/7", false, 200, ""},
		{"DELETE is not redirected", "DELETE", secure, "/orders/7", false, 200, ""},
		{"HTTPS is served", "GET", secure, "/secure", true, 200, ""},
		{"an HTTP-only API is served", "GET", secure, "/legacy", false, 200, ""},
		{"a domain without the redirect", "GET", plain, "/secure", false, 200, ""},
		{"the data plane's own address (no bound domain)", "GET", "", "/secure", false, 200, ""},
		{"no API, no redirect", "GET", secure, "/nothing", false, 404, ""},
	}
	for _, c := range cases {
		hdr := map[string]string{}
		if c.host != "" {
			hdr["Host"] = c.host
		}
		if c.https {
			hdr["X-Forwarded-Proto"] = "https"
		}
		r := request(t, c.method, h.dp.URL+c.path, hdr)
		if r.status != c.status || r.header.Get("Location") != c.location {
			t.Errorf("%s: %d Location %q, want %d %q", c.name, r.status, r.header.Get("Location"), c.status, c.location)
		}
	}
	// A custom HTTPS port is in the Location.
	h.must(201, "PUT", "/api-groups/"+g+"/domains/"+did, map[string]any{"min_ssl_version": "TLSv1.2", "is_http_redirect_to_https": true,
		"ingress_http_port": 80, "ingress_https_port": 8443})
	if r := request(t, "GET", h.dp.URL+"/secure", map[string]string{"Host": secure}); r.header.Get("Location") != "https://api.orders.example.com:8443/secure" {
		t.Errorf("with ingress_https_port 8443: %d Location %q", r.status, r.header.Get("Location"))
	}
}

// bindPolicy creates a throttle or ACL from body and binds it to the
// APIs' RELEASE publications.
func (h *harness) bindPolicy(kind string, body map[string]any, pubs ...string) {
	h.t.Helper()
	id := str(h.must(201, "POST", "/"+kind+"s", body)["id"])
	field := map[string]string{"throttle": "strategy_id", "acl": "acl_id"}[kind]
	h.must(201, "POST", "/"+kind+"-bindings", map[string]any{field: id, "publish_ids": pubs})
}

func TestThrottlesAndACLs(t *testing.T) {
	clk := fakeclock.New(time.Now())
	h := newHarnessWith(t, Config{Now: clk.Now})
	g := h.group("guarded")
	pub := func(name, uri string) string {
		return str(h.publish(h.api(mockAPI(g, name, "GET", uri, "NORMAL", name)), ReleaseEnvID)["publish_id"])
	}
	limited, shared1, shared2, perIP, office, blocked := pub("limited", "/limited"), pub("shared_a", "/shared/a"),
		pub("shared_b", "/shared/b"), pub("per_ip", "/per-ip"), pub("office", "/office"), pub("blocked", "/blocked")
	h.bindPolicy("throttle", map[string]any{"name": "two_a_minute", "api_call_limits": 2, "time_interval": 1, "time_unit": "MINUTE"}, limited)
	h.bindPolicy("throttle", map[string]any{"name": "shared", "api_call_limits": 2, "time_interval": 1, "time_unit": "MINUTE", "type": 2}, shared1, shared2)
	h.bindPolicy("throttle", map[string]any{"name": "per_ip", "api_call_limits": 100, "ip_call_limits": 1, "time_interval": 10, "time_unit": "SECOND"}, perIP)
	h.bindPolicy("acl", map[string]any{"acl_name": "office_only", "acl_type": "PERMIT", "entity_type": "IP", "acl_value": "10.0.0.0/8,192.168.1.1"}, office)
	h.bindPolicy("acl", map[string]any{"acl_name": "blocklist", "acl_type": "DENY", "entity_type": "IP", "acl_value": "198.51.100.7,203.0.113.0-203.0.113.9"}, blocked)

	steps := []struct {
		path, from string
		advance    time.Duration
		status     int
		code, msg  string
	}{
		{"/limited", "", 0, 200, "", ""},
		{"/limited", "", time.Second, 200, "", ""},
		{"/limited", "", time.Second, 429, codeOverLimit, "The throttling threshold has been reached: policy api over ratelimit,limit:2,time:1 minute"},
		{"/limited", "", time.Minute, 200, "", ""}, // a new window
		{"/shared/a", "", 0, 200, "", ""},
		{"/shared/b", "", 0, 200, "", ""},
		{"/shared/a", "", 0, 429, codeOverLimit, "policy api over ratelimit,limit:2"}, // type 2: one count for both
		{"/per-ip", "10.1.1.1", 0, 200, "", ""},
		{"/per-ip", "10.1.1.2", 0, 200, "", ""},
		{"/per-ip", "10.1.1.1", 0, 429, codeOverLimit, "policy ip over ratelimit,limit:1,time:10 second"},
		{"/per-ip", "10.1.1.1", 10 * time.Second, 200, "", ""},
		{"/office", "10.2.3.4", 0, 200, "", ""},
		{"/office", "192.168.1.1", 0, 200, "", ""},
		{"/office", "192.168.1.2", 0, 403, codeIPDenied, "192.168.1.2 is not on the PERMIT list of access control policy office_only"},
		{"/office", "unknown", 0, 403, codeUnknownIP, "Unknown client IP address"},
		{"/blocked", "203.0.113.5", 0, 403, codeIPDenied, "203.0.113.5 is on the DENY list of access control policy blocklist"},
		{"/blocked", "198.51.100.7", 0, 403, codeIPDenied, "The IP address is not authorized to access the API"},
		{"/blocked", "198.51.100.8", 0, 200, "", ""},
		{"/blocked", "", 0, 200, "", ""}, // the connection's own address, 127.0.0.1
	}
	for i, s := range steps {
		clk.Add(s.advance)
		hdr := map[string]string{}
		if s.from != "" {
			hdr["X-Forwarded-For"] = s.from + ", 10.255.0.1"
		}
		r := get(t, h.dp.URL+s.path, hdr)
		if r.status != s.status || str(r.body["error_code"]) != s.code || !strings.Contains(str(r.body["error_msg"]), s.msg) {
			t.Errorf("step %d: GET %s from %q: %d %s, want %d %s %q", i, s.path, s.from, r.status, r.raw, s.status, s.code, s.msg)
		}
	}
}

// TestUnmodelledNotes: what applies to an API that the data plane does
// not model is named in X-Gwsync-Unmodelled.
func TestUnmodelledNotes(t *testing.T) {
	h := newHarness(t)
	g := h.group("noted")
	a := mockAPI(g, "Api_mock", "GET", "/test/mock", "SWA", "mock success")
	a["auth_type"] = "IAM"
	a["policy_mocks"] = []map[string]any{{"name": "mock_policy_backend", "effect_mode": "ANY", "result_content": "mock policy success",
		"conditions": []map[string]any{{"condition_origin": "source", "condition_value": "1.0.1.0"}}}}
	api := h.api(a)
	pubID := str(h.publish(api, ReleaseEnvID)["publish_id"])
	h.bindPolicy("throttle", map[string]any{"name": "per_user", "api_call_limits": 100, "user_call_limits": 50, "app_call_limits": 10,
		"time_interval": 1, "time_unit": "SECOND"}, pubID)
	h.bindPolicy("acl", map[string]any{"acl_name": "accounts", "acl_type": "DENY", "entity_type": "DOMAIN", "acl_value": "bad_account"}, pubID)
	plugin := str(h.must(201, "POST", "/plugins", map[string]any{"plugin_name": "resp_headers", "plugin_type": "set_resp_headers", "plugin_scope": "global",
		"plugin_content": `{"response_headers":[]}`})["plugin_id"])
	h.must(201, "POST", "/plugins/"+plugin+"/attach", map[string]any{"env_id": ReleaseEnvID, "api_ids": []string{api}})
	r := get(t, h.dp.URL+"/test/mock/x", nil)
	want := []string{
		"auth_type IAM of API Api_mock",
		"policy backend mock_policy_backend (policy_mocks) of API Api_mock",
		"plugin resp_headers (type set_resp_headers) on API Api_mock",
		"acl accounts (entity_type DOMAIN) on API Api_mock",
		"user_call_limits of throttle per_user on API Api_mock",
		"app_call_limits of throttle per_user on API Api_mock",
	}
	if got := r.header.Values(dataplane.UnmodelledHeader); r.status != 200 || !slices.Equal(got, want) {
		t.Errorf("%d notes:\n%q\nwant\n%q", r.status, got, want)
	}
}
