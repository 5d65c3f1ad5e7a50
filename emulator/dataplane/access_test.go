package dataplane

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// clientFrom is an HTTP client whose connections come from the loopback
// address ip (the whole of 127/8 is loopback on Linux).
func clientFrom(t *testing.T, ip string) *http.Client {
	t.Helper()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: d.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// canDialFrom reports whether this system lets a socket bind ip.
func canDialFrom(ip string) bool {
	l, err := net.ListenPacket("udp", ip+":0")
	if err != nil {
		return false
	}
	l.Close()
	return true
}

type response struct {
	status int
	body   string
	route  string
}

// get sends GET url to the data plane at base, from ip, for host.
func get(t *testing.T, base, ip, reqHost, path string, hdr http.Header) response {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), "GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = reqHost
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	resp, err := clientFrom(t, ip).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(body), resp.Header.Get(RouteHeader)}
}

func skipUnlessSources(t *testing.T) {
	if !canDialFrom("127.0.0.2") || !canDialFrom("127.0.0.3") {
		t.Skip("this system cannot send from 127.0.0.2 and 127.0.0.3")
	}
}

// accessTable guards routes at the route and domain levels.
func accessTable() *Table {
	return &Table{
		Routes: []Route{
			route("white", Prefix, "/white", access(acl(White, "127.0.0.2/32"))),
			route("black", Prefix, "/black", access(acl(Black, "127.0.0.3/32"))),
			route("open", Prefix, "/open"),
			route("internal-a", Prefix, "/a", domains("internal.example.com")),
			route("internal-b", Prefix, "/b", domains("internal.example.com")),
			route("elsewhere", Prefix, "/", domains("elsewhere.example.com")),
		},
		DomainAccess: map[string][]ACL{"Internal.example.com": {acl(White, "127.0.0.2/32", "10.0.0.0/8")}},
	}
}

var accessCases = []struct {
	name, from, host, path string
	status                 int
	words                  []string
}{
	{"route white list allows", "127.0.0.2", host, "/white", 200, nil},
	{"route white list denies", "127.0.0.3", host, "/white", 403, []string{"127.0.0.3", "route white", "White"}},
	{"route black list allows", "127.0.0.2", host, "/black", 200, nil},
	{"route black list denies", "127.0.0.3", host, "/black", 403, []string{"route black", "Black"}},
	{"route without ACL", "127.0.0.3", host, "/open", 200, nil},
	{"domain list allows", "127.0.0.2", "internal.example.com", "/a", 200, nil},
	{"domain list denies one route", "127.0.0.3", "internal.example.com", "/a", 403, []string{"domain internal.example.com"}},
	{"domain list denies every route", "127.0.0.3", "INTERNAL.example.com:80", "/b", 403, []string{"domain internal.example.com"}},
	{"domain list denies unmatched paths", "127.0.0.3", "internal.example.com", "/nowhere", 403, []string{"domain"}},
	{"unmatched path from an allowed address", "127.0.0.2", "internal.example.com", "/nowhere", 404, []string{"no deployed route matches GET internal.example.com /nowhere"}},
	{"other host is not guarded by the domain list", "127.0.0.3", host, "/open", 200, nil},
}

func TestAccessControlRealSources(t *testing.T) {
	skipUnlessSources(t)
	srv := httptest.NewServer(New(fixed(accessTable()), 1))
	defer srv.Close()
	for _, c := range accessCases {
		t.Run(c.name, func(t *testing.T) { checkResponse(t, get(t, srv.URL, c.from, c.host, c.path, nil), c.status, c.words) })
	}
	t.Run("X-Forwarded-For is not trusted", func(t *testing.T) {
		r := get(t, srv.URL, "127.0.0.3", host, "/white", http.Header{"X-Forwarded-For": {"127.0.0.2"}})
		checkResponse(t, r, 403, nil)
	})
}

func TestGatewayAccessRealSources(t *testing.T) {
	skipUnlessSources(t)
	tb := accessTable()
	tb.GatewayAccess = []ACL{acl(Black, "127.0.0.3/32")}
	srv := httptest.NewServer(New(fixed(tb), 1))
	defer srv.Close()
	for _, req := range [][2]string{{host, "/open"}, {"elsewhere.example.com", "/x"}, {"nowhere.example.com", "/"}} {
		checkResponse(t, get(t, srv.URL, "127.0.0.3", req[0], req[1], nil), 403, []string{"gateway", "Black"})
	}
	checkResponse(t, get(t, srv.URL, "127.0.0.2", "elsewhere.example.com", "/x", nil), 200, nil)
	checkResponse(t, get(t, srv.URL, "127.0.0.2", "nowhere.example.com", "/", nil), 404, nil)
}

func checkResponse(t *testing.T, r response, status int, words []string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if status == 403 && !strings.Contains(r.body, "denied by IP access control") {
		t.Errorf("403 body %s does not say IP access control denied it", r.body)
	}
	for _, w := range words {
		if !strings.Contains(r.body, w) {
			t.Errorf("body %s lacks %q", r.body, w)
		}
	}
}

func TestForwardFromRealSource(t *testing.T) {
	if !canDialFrom("127.0.0.2") {
		t.Skip("this system cannot send from 127.0.0.2")
	}
	be := echoBackend(t, "svc")
	tb := &Table{Routes: []Route{single("r", Backend{Service: "svc", Addresses: []string{addrOf(be)}}, access(acl(White, "127.0.0.2/32")))}}
	srv := httptest.NewServer(New(fixed(tb), 1))
	defer srv.Close()
	r := get(t, srv.URL, "127.0.0.2", host, "/orders?a=1", nil)
	checkResponse(t, r, 200, []string{`"XFF":"127.0.0.2"`, `"URI":"/orders?a=1"`})
	if r.route != "r" {
		t.Errorf("%s = %q", RouteHeader, r.route)
	}
}

func TestACLAllows(t *testing.T) {
	cases := []struct {
		acl  ACL
		addr string
		want bool
	}{
		{acl(White, "10.0.0.0/8"), "10.1.2.3", true},
		{acl(White, "10.0.0.0/8"), "11.1.2.3", false},
		{acl(White), "10.1.2.3", false},
		{acl(Black), "10.1.2.3", true},
		{acl(Black, "10.0.0.0/8", "192.0.2.7/32"), "192.0.2.7", false},
		{acl(Black, "10.0.0.0/8", "192.0.2.7/32"), "192.0.2.8", true},
		{acl(White, "10.0.0.0/8"), "::ffff:10.0.0.1", true},
		{acl(White, "2001:db8::/32"), "2001:db8::1%eth0", true},
		{acl(White, "10.0.0.0/8"), "2001:db8::1", false},
		{acl("Grey", "10.0.0.0/8"), "11.0.0.1", true},
	}
	for _, c := range cases {
		if got := c.acl.Allows(netip.MustParseAddr(c.addr)); got != c.want {
			t.Errorf("%v allows %s = %v, want %v", c.acl, c.addr, got, c.want)
		}
	}
}

func TestUnparseableRemoteAddrFailsClosed(t *testing.T) {
	tb := &Table{Routes: []Route{
		route("black", Exact, "/black", access(acl(Black, "10.0.0.0/8"))),
		route("open", Exact, "/open"),
	}}
	h := New(fixed(tb), 1)
	for _, remote := range []string{"", "pipe", "@"} {
		wantError(t, serveFrom(h, "/black", remote), http.StatusForbidden, "Forbidden", "unparseable address", "route black")
		if rec := serveFrom(h, "/open", remote); rec.Code != http.StatusOK {
			t.Errorf("route without ACLs from %q: %d", remote, rec.Code)
		}
	}
	wantError(t, serveFrom(h, "/black", "10.0.0.1"), http.StatusForbidden, "Forbidden", "from 10.0.0.1 ") // a bare IP is parsed
}

// serveFrom serves GET host path in memory as if from RemoteAddr remote.
func serveFrom(h http.Handler, path, remote string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "http://"+host+path, nil)
	req.RemoteAddr = remote
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
