package dataplane

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzTable has a route of every path type, with and without
// ignoreUriCase, conditions and ACLs; every scene answers without a network.
var fuzzTable = &Table{
	Routes: []Route{
		route("exact", Exact, "/orders"),
		route("exact-fold", Exact, "/Users/Me", fold(), methods("GET")),
		route("prefix", Prefix, "/orders"),
		route("prefix-long", Prefix, "/orders/v2/", methods("POST", "PUT")),
		route("prefix-fold", Prefix, "/ADMIN", fold(), access(acl(White, "10.0.0.0/8"))),
		route("regex", Regex, `/items/[0-9]+(/.*)?`),
		route("regex-fold", Regex, `/(a|b)+/\w*`, fold(), scene(SceneRedirect)),
		route("header", Prefix, "/h", header("X-Canary", Exact, "1"), header("user-agent", Regex, "curl/.*")),
		route("query", Prefix, "/q", query("env", Prefix, "gr"), query("id", Regex, "[0-9]{2}")),
		route("other-host", Prefix, "/", domains("other.example.com", "[::1]"), access(acl(Black, "192.0.2.0/24"))),
		route("no-backend", Exact, "/nb", scene(SceneSingle)),
		route("bad", Regex, "(", domains(host)),
	},
	DomainAccess:  map[string][]ACL{"other.example.com": {acl(Black, "198.51.100.0/24")}},
	GatewayAccess: []ACL{acl(Black, "203.0.113.9/32")},
}

var (
	fuzzCompiled = Compile(fuzzTable)
	fuzzHandler  = New(fixed(fuzzTable), 1)
)

func FuzzMatch(f *testing.F) {
	f.Add("GET", "api.example.com", "/orders", "X-Canary", "1", "env=gray&id=12", "192.0.2.1:1")
	f.Add("post", "API.EXAMPLE.COM:443", "/orders/v2/x", "User-Agent", "curl/8", "", "10.1.1.1:5")
	f.Add("GET", "[::1]:80", "/users/me", "", "", "%zz", "[::1]:9")
	f.Add("", "", "", "", "", "", "")
	f.Add("GET", "other.example.com", "/\xff/ADMIN", "x-canary\x00", "\xff", ";;&&==", "203.0.113.9:1")
	f.Fuzz(func(t *testing.T, method, reqHost, path, hname, hvalue, rawQuery, remote string) {
		hdr := http.Header{hname: {hvalue}}
		q, _ := url.ParseQuery(rawQuery)
		r, ok := fuzzCompiled.Match(method, reqHost, path, hdr, q)
		if ok {
			checkWinner(t, r, method, reqHost, path, hdr, q)
		}
		req := &http.Request{Method: method, Host: reqHost, URL: &url.URL{Path: path, RawQuery: rawQuery}, Header: hdr, RemoteAddr: remote}
		rec := httptest.NewRecorder()
		fuzzHandler.ServeHTTP(rec, req)
		checkServed(t, rec, r, ok)
	})
}

// checkWinner checks, by a plain reference reading of the semantics, that
// the route Match chose matches and that no route that also matches has
// higher precedence. Folding is only checked on ASCII paths, where the
// reference's byte-wise comparison is exact.
func checkWinner(t *testing.T, r *Route, method, reqHost, path string, hdr http.Header, q url.Values) {
	if !refMatches(r, method, reqHost, path, hdr, q) {
		t.Fatalf("Match chose %s, which does not match %q %q %q", r.Name, method, reqHost, path)
	}
	for i := range fuzzTable.Routes {
		o := &fuzzTable.Routes[i]
		if o != r && refMatches(o, method, reqHost, path, hdr, q) && refRank(o) < refRank(r) {
			t.Fatalf("Match chose %s over %s, which has higher precedence", r.Name, o.Name)
		}
	}
}

func refMatches(r *Route, method, reqHost, path string, hdr http.Header, q url.Values) bool {
	h := normalizeHost(reqHost)
	okHost := false
	for _, d := range r.Domains {
		okHost = okHost || normalizeHost(d) == h
	}
	okMethod := len(r.Methods) == 0
	for _, m := range r.Methods {
		okMethod = okMethod || strings.EqualFold(m, method)
	}
	return okHost && okMethod && refPath(r, path) && refConds(r, hdr, q)
}

func refPath(r *Route, path string) bool {
	if r.IgnoreURICase && !isASCII(path) {
		return true // not checked
	}
	p, v := path, r.PathValue
	if r.IgnoreURICase {
		p, v = strings.ToLower(p), strings.ToLower(v)
	}
	switch r.PathType {
	case Exact:
		return p == v
	case Prefix:
		return strings.HasPrefix(p, v)
	}
	m, err := wholeRegexp(r.PathValue, r.IgnoreURICase)
	return err == nil && m(path)
}

func refConds(r *Route, hdr http.Header, q url.Values) bool {
	for _, c := range r.Headers {
		var vs []string
		for k, v := range hdr {
			if strings.EqualFold(k, c.Name) {
				vs = append(vs, v...)
			}
		}
		if !anyOf(vs, c) {
			return false
		}
	}
	for _, c := range r.Query {
		if !anyOf(q[c.Name], c) {
			return false
		}
	}
	return true
}

func anyOf(vs []string, c Condition) bool {
	for _, v := range vs {
		if refValue(c, v) {
			return true
		}
	}
	return false
}

func refValue(c Condition, v string) bool {
	switch c.Type {
	case Exact:
		return v == c.Value
	case Prefix:
		return strings.HasPrefix(v, c.Value)
	}
	m, err := wholeRegexp(c.Value, false)
	return err == nil && m(v)
}

// refRank orders by precedence: lower is stronger.
func refRank(r *Route) int {
	switch r.PathType {
	case Exact:
		return 0
	case Prefix:
		return 1_000_000 - utf8.RuneCountInString(r.PathValue)
	}
	return 2_000_000
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkServed checks the handler's answer agrees with Match.
func checkServed(t *testing.T, rec *httptest.ResponseRecorder, r *Route, ok bool) {
	switch rec.Code {
	case http.StatusOK, http.StatusNotImplemented, http.StatusServiceUnavailable:
		if !ok || rec.Header().Get(RouteHeader) != r.Name {
			t.Fatalf("status %d from route %q, Match chose %v", rec.Code, rec.Header().Get(RouteHeader), r)
		}
	case http.StatusNotFound:
		if ok {
			t.Fatalf("404 but Match chose %s", r.Name)
		}
	case http.StatusForbidden:
	default:
		t.Fatalf("unexpected status %d: %s", rec.Code, rec.Body)
	}
}
