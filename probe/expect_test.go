package probe

import (
	"context"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/model"
)

func TestRequestCarriesSchemeOriginAndPreflight(t *testing.T) {
	type seen struct{ method, proto, origin, acrm string }
	got := make(chan seen, 1)
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		got <- seen{r.Method, r.Header.Get("X-Forwarded-Proto"), r.Header.Get("Origin"), r.Header.Get("Access-Control-Request-Method")}
	})
	p := newProbe("preflight", "/orders", 200, 1)
	p.Method, p.Scheme, p.Origin, p.PreflightMethod = "OPTIONS", "https", "https://shop.example.com", "PUT"
	if res := Run(context.Background(), addr, []*model.Probe{p}, fast); !res[0].OK() {
		t.Fatal(res[0].Failure())
	}
	if s, want := <-got, (seen{"OPTIONS", "https", "https://shop.example.com", "PUT"}); s != want {
		t.Errorf("data plane saw %+v, want %+v", s, want)
	}
	if d, want := Describe(p), "OPTIONS https://api.example.com/orders with Origin https://shop.example.com, preflight for PUT"; d != want {
		t.Errorf("Describe = %q, want %q", d, want)
	}
}

func TestExpectedHeadersAndLocation(t *testing.T) {
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Add("Vary", "Origin")
		w.Header().Add("Vary", "Accept")
		w.Header().Set("Location", "https://api.example.com/orders")
		w.WriteHeader(http.StatusMovedPermanently)
	})
	exact := func(n, v string) model.HeaderExpectation {
		return model.HeaderExpectation{Name: n, Exact: true, Value: v}
	}
	present := func(n string, p bool) model.HeaderExpectation { return model.HeaderExpectation{Name: n, Present: p} }
	cases := []struct {
		name     string
		expect   []model.HeaderExpectation
		location string
		failure  string // "" passes
	}{
		{"exact, present, absent, any case", []model.HeaderExpectation{exact("access-control-allow-origin", "*"), present("Location", true), present("X-Powered-By", false)}, "", ""},
		{"lines joined", []model.HeaderExpectation{exact("Vary", "Origin, Accept")}, "", ""},
		{"the Location", nil, "https://api.example.com/orders", ""},
		{"a wrong value", []model.HeaderExpectation{exact("Access-Control-Allow-Origin", "https://shop.example.com")}, "",
			`header Access-Control-Allow-Origin is "*", want "https://shop.example.com"`},
		{"absent but wanted", []model.HeaderExpectation{exact("Access-Control-Max-Age", "172800"), present("X-Request-Id", true)}, "",
			`header Access-Control-Max-Age is absent, want "172800"; header X-Request-Id is absent, want it present`},
		{"present but unwanted", []model.HeaderExpectation{present("Access-Control-Allow-Origin", false)}, "",
			`header Access-Control-Allow-Origin is "*", want it absent`},
		{"another Location", nil, "http://api.example.com/orders", `header Location is "https://api.example.com/orders", want "http://api.example.com/orders"`},
	}
	for _, c := range cases {
		p := newProbe("redirect", "/orders", 301, 4)
		p.ExpectHeaders, p.Location, p.HasLocation = c.expect, c.location, c.location != ""
		r := Run(context.Background(), addr, []*model.Probe{p}, fast)[0]
		if c.failure == "" {
			if !r.OK() {
				t.Errorf("%s: %v", c.name, r.Failure())
			}
			continue
		}
		want := "probes.cue:4:2: probe redirect: GET api.example.com/orders: " + c.failure
		if err := r.Failure(); err == nil || err.Error() != want {
			t.Errorf("%s: failure\n %v\nwant\n %s", c.name, err, want)
		}
	}
	// A wrong status and a wrong header are both reported.
	p := newProbe("both", "/orders", 200, 6)
	p.ExpectHeaders = []model.HeaderExpectation{present("X-Request-Id", true)}
	want := "probes.cue:6:2: probe both: GET api.example.com/orders: got 301, want 200; header X-Request-Id is absent, want it present"
	if err := Run(context.Background(), addr, []*model.Probe{p}, fast)[0].Failure(); err == nil || err.Error() != want {
		t.Errorf("failure\n %v\nwant\n %s", err, want)
	}
}

func TestNotesFromTheLocalDataPlane(t *testing.T) {
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add(NotModelledHeader, "policy orders-waf (class Waf) on the gateway")
		w.Header().Add(NotModelledHeader, "auth_type IAM of API Api_mock")
	})
	res := Run(context.Background(), addr, []*model.Probe{newProbe("cors", "/", 200, 1), newProbe("health", "/health", 200, 2)}, fast)
	if !res[0].OK() || !slices.Equal(res[0].Notes, []string{"policy orders-waf (class Waf) on the gateway", "auth_type IAM of API Api_mock"}) {
		t.Errorf("ok %v, notes %q", res[0].OK(), res[0].Notes)
	}
	want := []string{
		"policy orders-waf (class Waf) on the gateway is not modelled by the local data plane; probes cors, health do not prove it",
		"auth_type IAM of API Api_mock is not modelled by the local data plane; probes cors, health do not prove it",
	}
	if got := NotProved(res); !slices.Equal(got, want) {
		t.Errorf("not proved\n%q\nwant\n%q", got, want)
	}
	if got := NotProved(res[1:]); len(got) != 2 || !strings.HasSuffix(got[0], "; probe health does not prove it") {
		t.Errorf("one probe: %q", got)
	}
}

// TestHTTPSProbeOverTLS sends a probe with scheme https to a TLS data
// plane: the connection goes to its address, the server name and Host are
// the probe's domain, and no X-Forwarded-Proto is sent.
func TestHTTPSProbeOverTLS(t *testing.T) {
	seen := make(chan string, 2)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.TLS.ServerName + " " + r.Host + " " + r.Header.Get("X-Forwarded-Proto")
	}))
	defer srv.Close()
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	p := newProbe("tls", "/", 200, 1)
	p.Domain.Name, p.Scheme = "example.com", "https" // httptest's certificate covers example.com
	opts := fast
	opts.HTTPS, opts.RootCAs = strings.TrimPrefix(srv.URL, "https://"), roots
	if r := Run(context.Background(), "127.0.0.1:1", []*model.Probe{p}, opts)[0]; !r.OK() {
		t.Fatal(r.Failure())
	}
	if s := <-seen; s != "example.com example.com " {
		t.Errorf("server saw %q, want server name and Host example.com, no X-Forwarded-Proto", s)
	}
	p.Domain.Name = "other.example.org" // not on the certificate
	if r := Run(context.Background(), "127.0.0.1:1", []*model.Probe{p}, opts)[0]; r.OK() || r.Err == nil || !strings.Contains(r.Err.Error(), "certificate") {
		t.Errorf("a domain the certificate does not cover: ok %v err %v", r.OK(), r.Err)
	}
}
