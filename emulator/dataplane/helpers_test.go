package dataplane

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

const host = "api.example.com"

type routeOpt func(*Route)

// route makes a Mock route on host; opts change it.
func route(name, typ, value string, opts ...routeOpt) Route {
	r := Route{ID: "hr-" + name, Name: name, Domains: []string{host}, PathType: typ, PathValue: value, Scene: SceneMock}
	for _, o := range opts {
		o(&r)
	}
	return r
}

func fold() routeOpt                { return func(r *Route) { r.IgnoreURICase = true } }
func methods(ms ...string) routeOpt { return func(r *Route) { r.Methods = ms } }
func domains(ds ...string) routeOpt { return func(r *Route) { r.Domains = ds } }
func header(n, t, v string) routeOpt {
	return func(r *Route) { r.Headers = append(r.Headers, Condition{n, t, v}) }
}
func query(n, t, v string) routeOpt {
	return func(r *Route) { r.Query = append(r.Query, Condition{n, t, v}) }
}
func access(a ...ACL) routeOpt        { return func(r *Route) { r.Access = append(r.Access, a...) } }
func scene(s string) routeOpt         { return func(r *Route) { r.Scene = s } }
func backends(bs ...Backend) routeOpt { return func(r *Route) { r.Backends = bs } }

func acl(typ string, cidrs ...string) ACL {
	a := ACL{Type: typ}
	for _, c := range cidrs {
		a.CIDRs = append(a.CIDRs, netip.MustParsePrefix(c))
	}
	return a
}

// fixed returns a table func that always returns t.
func fixed(t *Table) func() *Table { return func() *Table { return t } }

// serve runs one request through h in memory (forwarding is still real).
func serve(t *testing.T, h http.Handler, method, target string, hdr http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// errorBody decodes a {"code","message"} body.
func errorBody(t *testing.T, body io.Reader) (code, msg string) {
	t.Helper()
	var e struct{ Code, Message string }
	if err := json.NewDecoder(body).Decode(&e); err != nil {
		t.Fatalf("error body is not JSON: %v", err)
	}
	return e.Code, e.Message
}

func wantError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string, words ...string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	gotCode, msg := errorBody(t, rec.Body)
	if gotCode != code {
		t.Errorf("code %q, want %q", gotCode, code)
	}
	for _, w := range words {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
}
