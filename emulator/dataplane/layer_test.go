package dataplane

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// layered is an ACL of the given protocolLayer.
func layered(layer string, a ACL) ACL {
	a.Layer = layer
	return a
}

// layerTable guards /route with a route ACL, the host other.example.com
// with a domain ACL and /gw (on its own host) with nothing but the
// gateway's ACLs, each of the given layer, all white-listing 10.0.0.0/8.
func layerTable(layer string) *Table {
	white := layered(layer, acl(White, "10.0.0.0/8"))
	return &Table{
		Routes: []Route{
			route("guarded", Prefix, "/route", access(white)),
			route("on-other", Prefix, "/", domains("other.example.com")),
		},
		DomainAccess: map[string][]ACL{"other.example.com": {white}},
	}
}

// serveForwarded serves GET host path in memory from RemoteAddr remote,
// with an X-Forwarded-For header line per xff element.
func serveForwarded(h http.Handler, reqHost, path, remote string, xff ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "http://"+reqHost+path, nil)
	req.RemoteAddr = remote
	for _, line := range xff {
		req.Header.Add("X-Forwarded-For", line)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestACLProtocolLayer(t *testing.T) {
	const (
		inside  = "10.1.2.3"
		outside = "203.0.113.9"
	)
	cases := []struct {
		name, layer, remote string
		xff                 []string
		status              int
		judged              string // the address a 403 names
	}{
		{"L7 judges X-Forwarded-For: allowed", L7, outside + ":4000", []string{inside}, 200, ""},
		{"L7 judges X-Forwarded-For: denied", L7, inside + ":4000", []string{outside}, 403, outside},
		{"L7 takes the first of a list", L7, outside + ":4000", []string{inside + ", " + outside}, 200, ""},
		{"L7 takes the first of a list: denied", L7, inside + ":4000", []string{outside + "," + inside}, 403, outside},
		{"L7 takes the first of several header lines", L7, outside + ":4000", []string{inside, outside}, 200, ""},
		{"L7 skips an empty header line", L7, outside + ":4000", []string{"", inside}, 200, ""},
		{"L7 reads an address with a port", L7, outside + ":4000", []string{inside + ":5555"}, 200, ""},
		{"L7 reads a bracketed IPv6 address", L7, inside + ":4000", []string{"[2001:db8::1]:5555"}, 403, "2001:db8::1"},
		{"L7 without X-Forwarded-For judges the peer: allowed", L7, inside + ":4000", nil, 200, ""},
		{"L7 without X-Forwarded-For judges the peer: denied", L7, outside + ":4000", nil, 403, outside},
		{"L7 fails closed on an unparseable first address", L7, inside + ":4000", []string{"unknown, " + inside}, 403, `unparseable address "unknown"`},
		{"L4 judges the peer, not X-Forwarded-For: denied", L4, outside + ":4000", []string{inside}, 403, outside},
		{"L4 judges the peer, not X-Forwarded-For: allowed", L4, inside + ":4000", []string{outside}, 200, ""},
		{"no layer judges the peer", "", outside + ":4000", []string{inside}, 403, outside},
	}
	levels := []struct{ name, host, path, word string }{
		{"route", host, "/route/1", "route guarded"},
		{"domain", "other.example.com", "/x", "domain other.example.com"},
		{"gateway", host, "/gw", "gateway"},
	}
	for _, lv := range levels {
		for _, c := range cases {
			t.Run(lv.name+"/"+c.name, func(t *testing.T) {
				tb := layerTable(c.layer)
				if lv.name == "gateway" {
					tb = &Table{Routes: []Route{route("gw", Prefix, "/gw")}, GatewayAccess: []ACL{layered(c.layer, acl(White, "10.0.0.0/8"))}}
				}
				rec := serveForwarded(New(fixed(tb), 1), lv.host, lv.path, c.remote, c.xff...)
				if c.status == 200 {
					if rec.Code != 200 {
						t.Fatalf("status %d, want 200; body %s", rec.Code, rec.Body)
					}
					return
				}
				wantError(t, rec, c.status, "Forbidden", "from "+c.judged+" denied", lv.word)
			})
		}
	}
}

// A request meets ACLs of both layers: each judges its own address.
func TestACLLayersMixed(t *testing.T) {
	tb := &Table{
		Routes:       []Route{route("r", Prefix, "/", access(layered(L4, acl(Black, "192.0.2.0/24"))))},
		DomainAccess: map[string][]ACL{host: {layered(L7, acl(White, "10.0.0.0/8"))}},
	}
	h := New(fixed(tb), 1)
	for _, c := range []struct {
		remote, xff string
		status      int
		words       []string
	}{
		{"198.51.100.1:1", "10.1.2.3", 200, nil},
		{"192.0.2.7:1", "10.1.2.3", 403, []string{"from 192.0.2.7 denied", "route r", "Black"}},
		{"198.51.100.1:1", "11.1.2.3", 403, []string{"from 11.1.2.3 denied", "domain " + host, "White"}},
	} {
		rec := serveForwarded(h, host, "/x", c.remote, c.xff)
		if c.status == 200 {
			if rec.Code != 200 {
				t.Errorf("from %s via %s: %d, want 200; body %s", c.remote, c.xff, rec.Code, rec.Body)
			}
			continue
		}
		wantError(t, rec, c.status, "Forbidden", c.words...)
	}
}
