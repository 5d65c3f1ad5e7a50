package dataplane

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// seen is what an echo backend reports about the request it got.
type seen struct {
	Name, URI, Host, XFF, XFHost string
}

// echoBackend starts a backend that answers with what it saw, and tries to
// claim a route of its own (the data plane must override that).
func echoBackend(t *testing.T, name string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(RouteHeader, "backend-says-so")
		_ = json.NewEncoder(w).Encode(seen{name, r.RequestURI, r.Host, r.Header.Get("X-Forwarded-For"), r.Header.Get("X-Forwarded-Host")})
	}))
	t.Cleanup(s.Close)
	return s
}

func addrOf(s *httptest.Server) string { return s.Listener.Addr().String() }

func decodeSeen(t *testing.T, rec *httptest.ResponseRecorder) seen {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var s seen
	if err := json.NewDecoder(rec.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func single(name string, b Backend, opts ...routeOpt) Route {
	return route(name, Prefix, "/orders", append([]routeOpt{scene(SceneSingle), backends(b)}, opts...)...)
}

func TestForwardSingleService(t *testing.T) {
	be := echoBackend(t, "orders-svc")
	h := New(fixed(&Table{Routes: []Route{single("orders-route", Backend{Service: "orders", Addresses: []string{addrOf(be)}})}}), 1)
	rec := serve(t, h, "GET", "http://api.example.com/orders/a%2Fb?x=1&y=two%20words&x=3", http.Header{"X-Forwarded-For": {"10.9.9.9"}})
	if got := rec.Header().Values(RouteHeader); len(got) != 1 || got[0] != "orders-route" {
		t.Errorf("%s = %q, want [orders-route]", RouteHeader, got)
	}
	if got := rec.Header().Get(ServiceHeader); got != "orders" {
		t.Errorf("%s = %q", ServiceHeader, got)
	}
	s := decodeSeen(t, rec)
	want := seen{"orders-svc", "/orders/a%2Fb?x=1&y=two%20words&x=3", addrOf(be), "10.9.9.9, 192.0.2.1", host}
	if s != want {
		t.Errorf("backend saw %+v\nwant        %+v", s, want)
	}
}

func TestForwardPortOverride(t *testing.T) {
	be := echoBackend(t, "svc")
	_, port, _ := net.SplitHostPort(addrOf(be))
	p, _ := strconv.Atoi(port)
	b := Backend{Service: "svc", Addresses: []string{"127.0.0.1:1"}, Port: p}
	h := New(fixed(&Table{Routes: []Route{single("r", b)}}), 1)
	if s := decodeSeen(t, serve(t, h, "GET", "http://api.example.com/orders", nil)); s.Host != addrOf(be) {
		t.Errorf("backend saw Host %q, want %q", s.Host, addrOf(be))
	}
}

func TestForwardRoundRobin(t *testing.T) {
	a, b := echoBackend(t, "a"), echoBackend(t, "b")
	h := New(fixed(&Table{Routes: []Route{single("r", Backend{Service: "svc", Addresses: []string{addrOf(a), "", addrOf(b)}})}}), 1)
	var got []string
	for range 4 {
		got = append(got, decodeSeen(t, serve(t, h, "GET", "http://api.example.com/orders", nil)).Name)
	}
	if strings.Join(got, ",") != "a,b,a,b" {
		t.Errorf("addresses used %v, want a,b,a,b", got)
	}
}

func TestForwardByTagUsesFirstBackend(t *testing.T) {
	a, b := echoBackend(t, "a"), echoBackend(t, "b")
	r := route("r", Prefix, "/", scene(SceneTag), backends(
		Backend{Service: "first", Addresses: []string{addrOf(a)}}, Backend{Service: "second", Addresses: []string{addrOf(b)}}))
	h := New(fixed(&Table{Routes: []Route{r}}), 1)
	for range 5 {
		if s := decodeSeen(t, serve(t, h, "GET", "http://api.example.com/", nil)); s.Name != "a" {
			t.Fatalf("tag scene went to %s", s.Name)
		}
	}
}

func ratioTable(a, b string, wa, wb int) *Table {
	r := route("split", Prefix, "/", scene(SceneRatio), backends(
		Backend{Service: "stable", Addresses: []string{a}, Weight: wa},
		Backend{Service: "canary", Addresses: []string{b}, Weight: wb}))
	return &Table{Routes: []Route{r}}
}

// services sends n requests and lists the services that answered.
func services(t *testing.T, h http.Handler, n int) []string {
	t.Helper()
	out := make([]string, n)
	for i := range out {
		rec := serve(t, h, "GET", "http://api.example.com/", nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		out[i] = rec.Header().Get(ServiceHeader)
	}
	return out
}

func TestForwardByRatio(t *testing.T) {
	a, b := echoBackend(t, "a"), echoBackend(t, "b")
	tb := ratioTable(addrOf(a), addrOf(b), 80, 20)
	const n = 2000
	seq := services(t, New(fixed(tb), 42), n)
	canary := 0
	for _, s := range seq {
		if s == "canary" {
			canary++
		}
	}
	if frac := float64(canary) / n; math.Abs(frac-0.2) > 0.03 {
		t.Errorf("canary took %.3f of traffic, want 0.20±0.03", frac)
	}
	if again := services(t, New(fixed(tb), 42), 200); strings.Join(again, ",") != strings.Join(seq[:200], ",") {
		t.Error("the same seed gave a different sequence")
	}
	if other := services(t, New(fixed(tb), 43), 200); strings.Join(other, ",") == strings.Join(seq[:200], ",") {
		t.Error("a different seed gave the same sequence")
	}
}

func TestForwardByRatioZeroWeight(t *testing.T) {
	a, b := echoBackend(t, "a"), echoBackend(t, "b")
	h := New(fixed(ratioTable(addrOf(a), addrOf(b), 100, -5)), 7)
	for _, s := range services(t, h, 100) {
		if s != "stable" {
			t.Fatalf("a backend with no weight got traffic: %s", s)
		}
	}
	h = New(fixed(ratioTable(addrOf(a), addrOf(b), 0, 0)), 7)
	wantError(t, serve(t, h, "GET", "http://api.example.com/", nil), http.StatusServiceUnavailable, "ServiceUnavailable", "split")
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestForwardUnreachable(t *testing.T) {
	addr := closedAddr(t)
	h := New(fixed(&Table{Routes: []Route{single("orders-route", Backend{Service: "orders", Addresses: []string{addr}})}}), 1)
	rec := serve(t, h, "GET", "http://api.example.com/orders", nil)
	wantError(t, rec, http.StatusBadGateway, "BadGateway", "orders-route", addr, "orders")
	if rec.Header().Get(RouteHeader) != "orders-route" || rec.Header().Get(ServiceHeader) != "orders" {
		t.Errorf("502 headers %v", rec.Header())
	}
}

func TestForwardNoAddresses(t *testing.T) {
	tb := &Table{Routes: []Route{
		single("empty", Backend{Service: "ghost", Addresses: []string{""}}),
		route("none", Exact, "/none", scene(SceneSingle)),
	}}
	h := New(fixed(tb), 1)
	wantError(t, serve(t, h, "GET", "http://api.example.com/orders", nil), http.StatusServiceUnavailable, "ServiceUnavailable", "empty", "ghost")
	wantError(t, serve(t, h, "GET", "http://api.example.com/none", nil), http.StatusServiceUnavailable, "ServiceUnavailable", "none")
}

func TestForwardWithoutURL(t *testing.T) {
	h := New(fixed(&Table{Routes: []Route{route("r", Exact, "", scene(SceneSingle), backends(Backend{Addresses: []string{closedAddr(t)}}))}}), 1)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, &http.Request{Method: "GET", Host: host})
	wantError(t, rec, http.StatusBadRequest, "BadRequest")
}

func TestForwardHTTPS(t *testing.T) {
	be := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secure") }))
	defer be.Close()
	tb := &Table{Routes: []Route{single("tls", Backend{Service: "s", Addresses: []string{addrOf(be)}, Protocol: "HTTPS"})}}
	// The default transport verifies certificates: a self-signed one fails.
	wantError(t, serve(t, New(fixed(tb), 1), "GET", "http://api.example.com/orders", nil), http.StatusBadGateway, "BadGateway", "certificate")
	rec := serve(t, New(fixed(tb), 1, WithTransport(be.Client().Transport)), "GET", "http://api.example.com/orders", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != "secure" {
		t.Errorf("with the server's transport: %d %s", rec.Code, rec.Body)
	}
}

func TestScenes(t *testing.T) {
	tb := &Table{Routes: []Route{
		route("mocked", Exact, "/mock"),
		route("moved", Exact, "/redirect", scene(SceneRedirect)),
		route("odd", Exact, "/odd", scene("Teleport")),
	}}
	h := New(fixed(tb), 1)
	rec := serve(t, h, "POST", "http://api.example.com/mock", nil)
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != `{"mock":true,"route":"mocked"}` || rec.Header().Get(RouteHeader) != "mocked" {
		t.Errorf("mock: %d %s %v", rec.Code, rec.Body, rec.Header())
	}
	wantError(t, serve(t, h, "GET", "http://api.example.com/redirect", nil), http.StatusServiceUnavailable, "ServiceUnavailable", "moved", "Redirect policy")
	wantError(t, serve(t, h, "GET", "http://api.example.com/odd", nil), http.StatusNotImplemented, "NotImplemented", "Teleport")
}

func TestNotFound(t *testing.T) {
	h := New(fixed(&Table{Routes: []Route{route("a", Exact, "/a")}}), 1)
	wantError(t, serve(t, h, "GET", "http://API.example.com:8080/x", nil), http.StatusNotFound, "NotFound",
		"no deployed route matches GET api.example.com /x")
	for _, h := range []*Handler{New(nil, 1), New(fixed(nil), 1)} {
		wantError(t, serve(t, h, "GET", "http://api.example.com/a", nil), http.StatusNotFound, "NotFound")
	}
}

func TestTableSwapCompilesOncePerTable(t *testing.T) {
	t1 := &Table{Routes: []Route{route("one", Prefix, "/")}}
	t2 := &Table{Routes: []Route{route("two", Prefix, "/")}}
	var mu sync.Mutex
	cur := t1
	h := New(func() *Table { mu.Lock(); defer mu.Unlock(); return cur }, 1)
	c1 := h.current()
	if h.current() != c1 {
		t.Error("the same table was compiled twice")
	}
	mu.Lock()
	cur = t2
	mu.Unlock()
	if got := serve(t, h, "GET", "http://api.example.com/", nil).Header().Get(RouteHeader); got != "two" {
		t.Errorf("after the swap route %q answered", got)
	}
	if h.current() == c1 {
		t.Error("the new table was not compiled")
	}
}

func TestConcurrentServeAndSwap(t *testing.T) {
	be := echoBackend(t, "a")
	tables := []*Table{
		{Routes: []Route{single("r", Backend{Service: "s", Addresses: []string{addrOf(be)}})}},
		ratioTable(addrOf(be), addrOf(be), 50, 50),
	}
	var mu sync.Mutex
	i := 0
	h := New(func() *Table { mu.Lock(); defer mu.Unlock(); i++; return tables[i%2] }, 1)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 25 {
				req := httptest.NewRequest("GET", "http://api.example.com/orders", nil)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					t.Errorf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
	wg.Wait()
}

func TestTargetURL(t *testing.T) {
	cases := []struct {
		b    Backend
		addr string
		want string
	}{
		{Backend{}, "10.0.0.1:8080", "http://10.0.0.1:8080"},
		{Backend{Port: 9090}, "10.0.0.1:8080", "http://10.0.0.1:9090"},
		{Backend{Port: 9090}, "svc.local", "http://svc.local:9090"},
		{Backend{Protocol: "HTTPS"}, "svc.local", "https://svc.local"},
		{Backend{Protocol: "https"}, "[::1]:443", "https://[::1]:443"},
		{Backend{}, "::1", "http://[::1]"},
		{Backend{Port: 80}, "[::1]", "http://[::1]:80"},
	}
	for _, c := range cases {
		if got := targetURL(&c.b, c.addr).String(); got != c.want {
			t.Errorf("targetURL(%+v, %q) = %s, want %s", c.b, c.addr, got, c.want)
		}
	}
}
