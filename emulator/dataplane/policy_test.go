package dataplane

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator/internal/fakeclock"
)

// pol is a policy of class with config (a JSON object), attached to the
// route (its key names the attachment).
func pol(name, class, config string) Policy {
	return Policy{Name: name, Class: class, On: "route r", Key: "pr-" + name, Config: json.RawMessage(config)}
}

func withPolicies(ps ...Policy) routeOpt {
	return func(r *Route) { r.Policies = append(r.Policies, ps...) }
}

// headerBackend answers 200 with the request's path, Host and the headers
// it was asked about, and sets Access-Control-Allow-Origin itself.
func headerBackend(t *testing.T, delay time.Duration) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Access-Control-Allow-Origin", "https://backend.example")
		w.Header().Set("X-Backend", "yes")
		_ = json.NewEncoder(w).Encode(map[string]string{
			"path": r.URL.RequestURI(), "host": r.Host, "tenant": r.Header.Get("X-Tenant"),
			"debug": r.Header.Get("X-Debug"), "proto": r.Header.Get("X-Forwarded-Proto"), "trace": strings.Join(r.Header.Values("X-Trace"), ","),
		})
	}))
	t.Cleanup(s.Close)
	return s
}

func backendRoute(be *httptest.Server, path string, ps ...Policy) Route {
	return route("r", Prefix, path, scene(SceneSingle), backends(Backend{Service: "svc", Addresses: []string{addrOf(be)}}), withPolicies(ps...))
}

func TestTimeoutPolicy(t *testing.T) {
	slow := headerBackend(t, 300*time.Millisecond)
	cases := []struct {
		name   string
		ps     []Policy
		status int
	}{
		{"no timeout waits", nil, 200},
		{"a timeout shorter than the backend answers 504", []Policy{pol("t", "Timeout", `{"unitNum":50,"timeUnit":"ms","enable":true}`)}, 504},
		{"a longer timeout lets it answer", []Policy{pol("t", "Timeout", `{"unitNum":5,"timeUnit":"s","enable":true}`)}, 200},
		{"a disabled timeout does nothing", []Policy{pol("t", "Timeout", `{"unitNum":50,"timeUnit":"ms","enable":false}`)}, 200},
		{"the route's own replaces its API's", []Policy{
			pol("api-t", "Timeout", `{"unitNum":50,"timeUnit":"ms","enable":true}`),
			pol("route-t", "Timeout", `{"unitNum":5,"timeUnit":"s","enable":true}`)}, 200},
	}
	for _, c := range cases {
		h := New(fixed(&Table{Routes: []Route{backendRoute(slow, "/", c.ps...)}}), 1)
		rec := serve(t, h, "GET", "http://api.example.com/slow", nil)
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
		}
		if c.status == 504 {
			wantError(t, rec, 504, "GatewayTimeout", "within the Timeout policy's 50ms")
		}
	}
}

func TestHeaderModifyAndRewritePolicies(t *testing.T) {
	be := headerBackend(t, 0)
	headers := pol("h", "HeaderModify", `{"enable":true,
		"request":{"set":[{"key":"X-Tenant","value":"acme"}],"add":[{"key":"X-Trace","value":"gw"}],"remove":["X-Debug"]},
		"response":{"set":[{"key":"X-Served-By","value":"gateway"}],"remove":["X-Backend"]}}`)
	cases := []struct {
		name, path string
		ps         []Policy
		hdr        http.Header
		want       map[string]string // what the backend saw
		respSet    map[string]string // response headers ("" = absent)
	}{
		{"headers changed both ways", "/orders/7", []Policy{headers}, http.Header{"X-Debug": {"1"}, "X-Trace": {"client"}},
			map[string]string{"path": "/orders/7", "tenant": "acme", "debug": "", "trace": "client,gw"},
			map[string]string{"X-Served-By": "gateway", "X-Backend": ""}},
		{"no policy passes them through", "/orders/7", nil, http.Header{"X-Debug": {"1"}},
			map[string]string{"path": "/orders/7", "debug": "1", "tenant": ""},
			map[string]string{"X-Backend": "yes", "X-Served-By": ""}},
		{"Exact rewrite replaces the path, keeps the query", "/orders/7?x=1", []Policy{pol("rw", "HttpRewrite", `{"enable":true,"pathType":"Exact","path":"/v2/all"}`)}, nil,
			map[string]string{"path": "/v2/all?x=1"}, nil},
		{"Prefix rewrite replaces the route's prefix", "/orders/7", []Policy{pol("rw", "HttpRewrite", `{"enable":true,"pathType":"Prefix","path":"/api/v2/orders"}`)}, nil,
			map[string]string{"path": "/api/v2/orders/7"}, nil},
		{"Regex rewrite substitutes", "/orders/7", []Policy{pol("rw", "HttpRewrite", `{"enable":true,"pathType":"Regex","pattern":"^/orders/(\\d+)$","substitution":"/order?id=$1"}`)}, nil,
			map[string]string{"path": "/order%3Fid=7"}, nil},
		{"host rewrite", "/orders", []Policy{pol("rw", "HttpRewrite", `{"enable":true,"host":"orders.internal"}`)}, nil,
			map[string]string{"host": "orders.internal", "path": "/orders"}, nil},
		{"X-Forwarded-Proto says https", "/orders", nil, http.Header{"X-Forwarded-Proto": {"https"}},
			map[string]string{"proto": "https"}, nil},
	}
	for _, c := range cases {
		h := New(fixed(&Table{Routes: []Route{backendRoute(be, "/orders", c.ps...)}}), 1)
		rec := serve(t, h, "GET", "http://api.example.com"+c.path, c.hdr)
		var got map[string]string
		if rec.Code != 200 || json.NewDecoder(rec.Body).Decode(&got) != nil {
			t.Fatalf("%s: %d %s", c.name, rec.Code, rec.Body)
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%s: backend saw %s %q, want %q", c.name, k, got[k], v)
			}
		}
		for k, v := range c.respSet {
			if g := rec.Header().Get(k); g != v {
				t.Errorf("%s: response %s = %q, want %q", c.name, k, g, v)
			}
		}
	}
}

func TestCorsPolicy(t *testing.T) {
	be := headerBackend(t, 0)
	open := pol("c", "Cors", `{"enable":true,"allowOrigins":"*","allowMethods":["GET","PUT"],"allowHeaders":"X-Sdk-Date,Content-Type","exposeHeaders":["X-Request-Id"],"maxAge":600}`)
	shop := pol("c", "Cors", `{"enable":true,"allowOrigins":["https://shop.example.com"],"allowCredentials":true}`)
	cases := []struct {
		name, method string
		ps           []Policy
		hdr          http.Header
		status       int
		want         map[string]string // response headers ("" = absent)
	}{
		{"preflight answered from the policy", "OPTIONS", []Policy{open},
			http.Header{"Origin": {"https://a.example"}, "Access-Control-Request-Method": {"PUT"}, "Access-Control-Request-Headers": {"X-Sdk-Date"}}, 200,
			map[string]string{hAllowOrigin: "*", hAllowMethods: "GET,PUT", hAllowHeaders: "X-Sdk-Date,Content-Type", hMaxAge: "600", "X-Backend": ""}},
		{"preflight for a method not allowed", "OPTIONS", []Policy{open},
			http.Header{"Origin": {"https://a.example"}, "Access-Control-Request-Method": {"DELETE"}}, 403, map[string]string{hAllowOrigin: ""}},
		{"preflight from an origin not allowed", "OPTIONS", []Policy{shop},
			http.Header{"Origin": {"https://evil.example"}, "Access-Control-Request-Method": {"GET"}}, 403, nil},
		{"preflight with credentials echoes origin and method", "OPTIONS", []Policy{shop},
			http.Header{"Origin": {"https://shop.example.com"}, "Access-Control-Request-Method": {"PATCH"}}, 200,
			map[string]string{hAllowOrigin: "https://shop.example.com", hAllowCredentials: "true", hAllowMethods: "PATCH", "Vary": "Origin", hMaxAge: ""}},
		{"simple request: the policy's headers replace the backend's", "GET", []Policy{open},
			http.Header{"Origin": {"https://a.example"}}, 200, map[string]string{hAllowOrigin: "*", hExposeHeaders: "X-Request-Id"}},
		{"simple request without Origin: the backend's stay", "GET", []Policy{open}, nil, 200,
			map[string]string{hAllowOrigin: "https://backend.example", hExposeHeaders: ""}},
		{"simple request from an origin not allowed: none added", "GET", []Policy{shop},
			http.Header{"Origin": {"https://evil.example"}}, 200, map[string]string{hAllowOrigin: "https://backend.example", hAllowCredentials: ""}},
		{"without a Cors policy an OPTIONS goes to the backend", "OPTIONS", nil,
			http.Header{"Origin": {"https://a.example"}, "Access-Control-Request-Method": {"PUT"}}, 200, map[string]string{"X-Backend": "yes"}},
	}
	for _, c := range cases {
		h := New(fixed(&Table{Routes: []Route{backendRoute(be, "/orders", c.ps...)}}), 1)
		rec := serve(t, h, c.method, "http://api.example.com/orders/1", c.hdr)
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
		}
		for k, v := range c.want {
			if g := rec.Header().Get(k); g != v {
				t.Errorf("%s: %s = %q, want %q", c.name, k, g, v)
			}
		}
	}
}

func TestCorsPreflightFindsTheRouteOfTheRequestedMethod(t *testing.T) {
	cors := pol("c", "Cors", `{"enable":true}`)
	h := New(fixed(&Table{Routes: []Route{
		route("put-orders", Prefix, "/orders", methods("PUT"), withPolicies(cors)),
		route("get-orders", Prefix, "/orders", methods("GET")),
	}}), 1)
	rec := serve(t, h, "OPTIONS", "http://api.example.com/orders", http.Header{"Origin": {"https://a.example"}, "Access-Control-Request-Method": {"PUT"}})
	if rec.Code != 200 || rec.Header().Get(RouteHeader) != "put-orders" || rec.Header().Get(hAllowMethods) != "PUT" {
		t.Errorf("preflight for PUT: %d route %q methods %q", rec.Code, rec.Header().Get(RouteHeader), rec.Header().Get(hAllowMethods))
	}
	rec = serve(t, h, "OPTIONS", "http://api.example.com/orders", http.Header{"Origin": {"https://a.example"}, "Access-Control-Request-Method": {"GET"}})
	if rec.Code != 404 {
		t.Errorf("preflight for GET (no Cors policy, no OPTIONS route): %d, want 404", rec.Code)
	}
}

func TestRateLimitPolicy(t *testing.T) {
	clk := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 58, 0, time.UTC))
	limit := pol("two-a-minute", "RateLimit", `{"enable":true,"limit":2,"timeUnit":"m"}`)
	shared := limit
	shared.On, shared.Key = "HTTP API orders", "pr-api"
	h := New(fixed(&Table{Routes: []Route{
		route("a", Exact, "/a", withPolicies(limit)),
		route("b", Exact, "/b", withPolicies(shared)),
		route("c", Exact, "/c", withPolicies(shared)),
	}}), 1, WithClock(clk.Now))
	steps := []struct {
		path    string
		advance time.Duration
		status  int
	}{
		{"/a", 0, 200}, {"/a", time.Second, 200},
		{"/a", 2 * time.Second, 429},                   // across the calendar minute: still the same window
		{"/b", 0, 200}, {"/c", 0, 200}, {"/b", 0, 429}, // one API-level attachment, counted together
		{"/a", time.Minute, 200}, // the window that opened at :58 has closed
	}
	for i, s := range steps {
		clk.Add(s.advance)
		rec := serve(t, h, "GET", "http://api.example.com"+s.path, nil)
		if rec.Code != s.status {
			t.Fatalf("step %d (%s): %d, want %d: %s", i, s.path, rec.Code, s.status, rec.Body)
		}
		if s.status == 429 {
			if rec.Header().Get("Retry-After") == "" {
				t.Errorf("step %d: 429 without Retry-After", i)
			}
			wantError(t, rec, 429, "TooManyRequests", "RateLimit policy two-a-minute allows 2 requests per minute")
		}
	}
}

func TestDirectResponseRedirectAndForceHTTPS(t *testing.T) {
	direct := pol("d", "DirectResponse", `{"enable":true,"code":418,"body":"teapot"}`)
	moved := pol("m", "Redirect", `{"enable":true,"code":302,"host":"new.example.com","path":"/v2/orders"}`)
	tb := &Table{
		Routes: []Route{
			route("mock-direct", Exact, "/mock", withPolicies(direct)),
			route("moved", Exact, "/moved", scene(SceneRedirect), withPolicies(moved)),
			route("same-host", Exact, "/same", scene(SceneRedirect), withPolicies(pol("m", "Redirect", `{"enable":true}`))),
			route("secure", Exact, "/secure", domains("secure.example.com")),
		},
		ForceHTTPS: map[string]bool{"Secure.Example.com": true},
	}
	h := New(fixed(tb), 1)
	cases := []struct {
		name, target string
		hdr          http.Header
		status       int
		location     string
		body         string
	}{
		{"DirectResponse answers for the Mock scene", "http://api.example.com/mock", nil, 418, "", "teapot"},
		{"Redirect policy", "http://api.example.com/moved?x=1", nil, 302, "http://new.example.com/v2/orders?x=1", ""},
		{"Redirect keeps what it does not set, and the scheme", "http://api.example.com/same", http.Header{"X-Forwarded-Proto": {"https"}}, 301, "https://api.example.com/same", ""},
		{"forceHttps redirects plain HTTP", "http://secure.example.com/secure?a=b", nil, 301, "https://secure.example.com/secure?a=b", ""},
		{"forceHttps redirects every method", "http://secure.example.com/secure", http.Header{"X-Method": {"POST"}}, 301, "https://secure.example.com/secure", ""},
		{"forceHttps serves HTTPS", "http://secure.example.com/secure", http.Header{"X-Forwarded-Proto": {"https"}}, 200, "", ""},
	}
	for _, c := range cases {
		method := "GET"
		if m := c.hdr.Get("X-Method"); m != "" {
			method = m
		}
		rec := serve(t, h, method, c.target, c.hdr)
		if rec.Code != c.status || rec.Header().Get("Location") != c.location || (c.body != "" && rec.Body.String() != c.body) {
			t.Errorf("%s: %d Location %q body %q; want %d %q %q", c.name, rec.Code, rec.Header().Get("Location"), rec.Body, c.status, c.location, c.body)
		}
	}
}

func TestUnmodelledPoliciesAreNoted(t *testing.T) {
	tb := &Table{
		Routes: []Route{route("r", Prefix, "/", withPolicies(
			pol("guard", "Waf", `{"enable":true}`),
			pol("off", "CircuitBreaker", `{"enable":false}`),
			pol("odd", "Timeout", `{"enable":true,"unitNum":"soon"}`),
			pol("fine", "Timeout", `{"enable":true,"unitNum":1,"timeUnit":"s"}`),
		), func(r *Route) { r.Unmodelled = []string{"policy lb (class ServiceLb) on service svc"} })},
		Unmodelled:       []string{"policy jwt (class JWTAuth) on the gateway"},
		DomainUnmodelled: map[string][]string{"API.example.com": {"policy d (class Waf) on domain api.example.com"}},
	}
	rec := serve(t, New(fixed(tb), 1), "GET", "http://api.example.com/x", nil)
	got := rec.Header().Values(UnmodelledHeader)
	want := []string{
		"policy jwt (class JWTAuth) on the gateway",
		"policy d (class Waf) on domain api.example.com",
		"policy lb (class ServiceLb) on service svc",
		"policy guard (class Waf) on route r",
	}
	if len(got) != len(want)+1 || !slices.Equal(got[:len(want)], want) || !strings.Contains(got[len(want)], "policy odd (class Timeout) on route r: its config cannot be read") {
		t.Errorf("%s =\n%q\nwant\n%q\nand a note on odd's config", UnmodelledHeader, got, want)
	}
	// A 404 still says what guards the host.
	rec = serve(t, New(fixed(tb), 1), "GET", "http://other.example.com/x", nil)
	if got := rec.Header().Values(UnmodelledHeader); rec.Code != 404 || !slices.Equal(got, want[:1]) {
		t.Errorf("404 on another host: %d %q", rec.Code, got)
	}
	for _, c := range []string{"Timeout", "Cors", "HeaderModify", "HttpRewrite", "RateLimit", "DirectResponse", "Redirect", "IpAccessControl"} {
		if !Modelled(c) {
			t.Errorf("Modelled(%s) = false", c)
		}
	}
	if Modelled("Waf") || Modelled("Retry") {
		t.Error("Waf or Retry reported modelled")
	}
}
