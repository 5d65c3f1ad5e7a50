package dataplane

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

type matchCase struct {
	name   string
	routes []Route
	req    string // "METHOD HOST PATH[?QUERY]"
	header http.Header
	want   string // route name, "" for none
}

var matchCases = []matchCase{
	// precedence
	{"exact beats prefix", []Route{route("z-exact", Exact, "/orders"), route("a-prefix", Prefix, "/orders")},
		"GET api.example.com /orders", nil, "z-exact"},
	{"prefix takes what exact does not", []Route{route("z-exact", Exact, "/orders"), route("a-prefix", Prefix, "/orders")},
		"GET api.example.com /orders/1", nil, "a-prefix"},
	{"longer prefix beats shorter", []Route{route("a-short", Prefix, "/orders"), route("z-long", Prefix, "/orders/v2")},
		"GET api.example.com /orders/v2/7", nil, "z-long"},
	{"shorter prefix takes the rest", []Route{route("a-short", Prefix, "/orders"), route("z-long", Prefix, "/orders/v2")},
		"GET api.example.com /orders/v1", nil, "a-short"},
	{"prefix length is counted in characters, not bytes", []Route{route("a-kelvin", Prefix, "/\u212a", fold()), route("z-kx", Prefix, "/kx")},
		"GET api.example.com /kx", nil, "z-kx"},
	{"prefix beats regex", []Route{route("a-regex", Regex, "/orders/[0-9]+"), route("z-root", Prefix, "/")},
		"GET api.example.com /orders/12", nil, "z-root"},
	{"exact beats regex", []Route{route("a-regex", Regex, "/orders/[0-9]+"), route("z-exact", Exact, "/orders/12")},
		"GET api.example.com /orders/12", nil, "z-exact"},
	{"prefix is a string prefix", []Route{route("orders", Prefix, "/orders")},
		"GET api.example.com /orders-export", nil, "orders"},
	{"prefix does not match a shorter path", []Route{route("orders", Prefix, "/orders/")},
		"GET api.example.com /orders", nil, ""},
	{"exact is exact", []Route{route("orders", Exact, "/orders")},
		"GET api.example.com /orders/", nil, ""},
	{"regex matches the whole path", []Route{route("r", Regex, "/orders/[0-9]+")},
		"GET api.example.com /orders/12/items", nil, ""},
	{"regex is anchored at the start", []Route{route("r", Regex, "/orders/[0-9]+")},
		"GET api.example.com /v1/orders/12", nil, ""},
	{"regex alternation is anchored as a whole", []Route{route("r", Regex, "/a|/b")},
		"GET api.example.com /bx", nil, ""},
	{"regex alternation", []Route{route("r", Regex, "/a|/b")},
		"GET api.example.com /b", nil, "r"},
	{"path is case-sensitive by default", []Route{route("e", Exact, "/Orders"), route("p", Prefix, "/Orders/"), route("r", Regex, "/orders/[a-z]+")},
		"GET api.example.com /ORDERS/ABC", nil, ""},

	// ignoreUriCase
	{"ignoreUriCase exact", []Route{route("e", Exact, "/Orders", fold())},
		"GET api.example.com /oRDERS", nil, "e"},
	{"ignoreUriCase prefix", []Route{route("p", Prefix, "/Orders/", fold())},
		"GET api.example.com /ORDERS/abc", nil, "p"},
	{"ignoreUriCase prefix still a prefix", []Route{route("p", Prefix, "/Orders/", fold())},
		"GET api.example.com /ORDER", nil, ""},
	{"ignoreUriCase prefix with unicode folding", []Route{route("p", Prefix, "/straße", fold())},
		"GET api.example.com /STRAẞE/1", nil, "p"},
	{"ignoreUriCase exact with a fold outside ASCII", []Route{route("e", Exact, "/\u017f", fold())},
		"GET api.example.com /S", nil, "e"},
	{"ignoreUriCase regex", []Route{route("r", Regex, "/orders/[a-z]+", fold())},
		"GET api.example.com /ORDERS/ABC", nil, "r"},

	// methods
	{"no methods means every method", []Route{route("any", Prefix, "/")},
		"DELETE api.example.com /x", nil, "any"},
	{"method listed", []Route{route("get", Prefix, "/", methods("GET", "HEAD"))},
		"HEAD api.example.com /x", nil, "get"},
	{"method not listed", []Route{route("get", Prefix, "/", methods("GET", "HEAD"))},
		"POST api.example.com /x", nil, ""},
	{"method falls through to a lower precedence route", []Route{route("post", Exact, "/x", methods("POST")), route("get", Prefix, "/", methods("GET"))},
		"GET api.example.com /x", nil, "get"},

	// header conditions
	{"header exact, name case-insensitive", []Route{route("h", Prefix, "/", header("x-canary", Exact, "1"))},
		"GET api.example.com /", http.Header{"X-Canary": {"1"}}, "h"},
	{"header name not canonical in the request map", []Route{route("h", Prefix, "/", header("X-CANARY", Exact, "1"))},
		"GET api.example.com /", http.Header{"x-canary": {"1"}}, "h"},
	{"header value case-sensitive", []Route{route("h", Prefix, "/", header("x-canary", Exact, "yes"))},
		"GET api.example.com /", http.Header{"X-Canary": {"YES"}}, ""},
	{"header absent", []Route{route("h", Prefix, "/", header("x-canary", Exact, ""))},
		"GET api.example.com /", nil, ""},
	{"header present and empty", []Route{route("h", Prefix, "/", header("x-canary", Exact, ""))},
		"GET api.example.com /", http.Header{"X-Canary": {""}}, "h"},
	{"header prefix", []Route{route("h", Prefix, "/", header("user-agent", Prefix, "curl/"))},
		"GET api.example.com /", http.Header{"User-Agent": {"curl/8.5"}}, "h"},
	{"header regex whole value", []Route{route("h", Prefix, "/", header("x-v", Regex, "v[0-9]"))},
		"GET api.example.com /", http.Header{"X-V": {"v12"}}, ""},
	{"header regex", []Route{route("h", Prefix, "/", header("x-v", Regex, "v[0-9]+"))},
		"GET api.example.com /", http.Header{"X-V": {"v12"}}, "h"},
	{"header any of several values", []Route{route("h", Prefix, "/", header("x-v", Exact, "b"))},
		"GET api.example.com /", http.Header{"X-V": {"a", "b"}}, "h"},
	{"all header conditions must hold", []Route{route("h", Prefix, "/", header("x-a", Exact, "1"), header("x-b", Exact, "2"))},
		"GET api.example.com /", http.Header{"X-A": {"1"}}, ""},
	{"condition falls through", []Route{route("canary", Exact, "/x", header("x-canary", Exact, "1")), route("base", Prefix, "/")},
		"GET api.example.com /x", nil, "base"},

	// query conditions
	{"query exact", []Route{route("q", Prefix, "/", query("env", Exact, "gray"))},
		"GET api.example.com /?env=gray", nil, "q"},
	{"query name is exact", []Route{route("q", Prefix, "/", query("env", Exact, "gray"))},
		"GET api.example.com /?Env=gray", nil, ""},
	{"query value case-sensitive", []Route{route("q", Prefix, "/", query("env", Exact, "gray"))},
		"GET api.example.com /?env=GRAY", nil, ""},
	{"query prefix", []Route{route("q", Prefix, "/", query("user", Prefix, "test-"))},
		"GET api.example.com /?user=test-7", nil, "q"},
	{"query regex", []Route{route("q", Prefix, "/", query("id", Regex, "[0-9]{3}"))},
		"GET api.example.com /?id=123", nil, "q"},
	{"query regex whole value", []Route{route("q", Prefix, "/", query("id", Regex, "[0-9]{3}"))},
		"GET api.example.com /?id=1234", nil, ""},
	{"query any of several values", []Route{route("q", Prefix, "/", query("tag", Exact, "b"))},
		"GET api.example.com /?tag=a&tag=b", nil, "q"},
	{"query absent", []Route{route("q", Prefix, "/", query("env", Prefix, ""))},
		"GET api.example.com /", nil, ""},

	// hosts
	{"other host", []Route{route("a", Prefix, "/", domains("a.example.com"))},
		"GET b.example.com /", nil, ""},
	{"one of several domains", []Route{route("a", Prefix, "/", domains("a.example.com", "b.example.com"))},
		"GET b.example.com /", nil, "a"},
	{"host with port and upper case", []Route{route("a", Prefix, "/")},
		"GET API.Example.com:8080 /", nil, "a"},
	{"routes on other hosts do not compete", []Route{route("a-other", Exact, "/x", domains("other.example.com")), route("z-here", Prefix, "/")},
		"GET api.example.com /x", nil, "z-here"},
	{"IPv6 literal host", []Route{route("v6", Prefix, "/", domains("::1"))},
		"GET [::1]:8080 /", nil, "v6"},

	// ties
	{"tie broken by name", []Route{route("b", Exact, "/x"), route("a", Exact, "/x")},
		"GET api.example.com /x", nil, "a"},
	{"prefix tie broken by name", []Route{route("b", Prefix, "/x"), route("a", Prefix, "/x", fold())},
		"GET api.example.com /xy", nil, "a"},
	{"regex tie broken by name", []Route{route("b", Regex, "/.*"), route("a", Regex, "/x.*")},
		"GET api.example.com /xy", nil, "a"},
	{"conditions do not raise precedence", []Route{route("b-cond", Exact, "/x", header("x-canary", Exact, "1")), route("a-plain", Exact, "/x")},
		"GET api.example.com /x", http.Header{"X-Canary": {"1"}}, "a-plain"},

	// routes that cannot match
	{"invalid regex never matches", []Route{route("bad", Regex, "/(")},
		"GET api.example.com /(", nil, ""},
	{"unknown path type never matches", []Route{route("bad", "Glob", "/*")},
		"GET api.example.com /x", nil, ""},
	{"invalid condition never matches", []Route{route("bad", Prefix, "/", query("a", Regex, "["))},
		"GET api.example.com /?a=[", nil, ""},
}

func TestMatch(t *testing.T) {
	for _, tc := range matchCases {
		t.Run(tc.name, func(t *testing.T) {
			for _, order := range [][]Route{tc.routes, reversed(tc.routes)} {
				got := matchRequest(t, &Table{Routes: order}, tc.req, tc.header)
				if got != tc.want {
					t.Errorf("%s matched %q, want %q", tc.req, got, tc.want)
				}
			}
		})
	}
}

// matchRequest matches "METHOD HOST PATH[?QUERY]" and returns the route
// name ("" for none).
func matchRequest(t *testing.T, tb *Table, req string, h http.Header) string {
	t.Helper()
	parts := strings.SplitN(req, " ", 3)
	path, rawQuery, _ := strings.Cut(parts[2], "?")
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := Match(tb, parts[0], parts[1], path, h, q)
	if !ok {
		return ""
	}
	return r.Name
}

func reversed(rs []Route) []Route {
	out := make([]Route, len(rs))
	for i, r := range rs {
		out[len(rs)-1-i] = r
	}
	return out
}

func TestCompileErr(t *testing.T) {
	c := Compile(&Table{Routes: []Route{route("ok", Prefix, "/"), route("bad-re", Regex, "/("), route("bad-type", "Glob", "/"),
		route("bad-header", Prefix, "/", header("x", "Fuzzy", "1"))}})
	err := c.Err()
	if err == nil {
		t.Fatal("no error for routes that cannot compile")
	}
	for _, name := range []string{"bad-re", "bad-type", "bad-header"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
	if strings.Contains(err.Error(), "route ok ") {
		t.Errorf("error %q names a valid route", err)
	}
	if Compile(&Table{Routes: []Route{route("ok", Prefix, "/")}}).Err() != nil {
		t.Error("error for a valid table")
	}
}

func TestMatchNilTable(t *testing.T) {
	if _, ok := Match(nil, "GET", host, "/", nil, nil); ok {
		t.Error("nil table matched")
	}
	var c *Compiled
	if _, ok := c.Match("GET", host, "/", nil, nil); ok || c.Err() != nil {
		t.Error("nil Compiled matched or erred")
	}
}

func TestMatchReturnsTableRoute(t *testing.T) {
	tb := &Table{Routes: []Route{route("a", Prefix, "/")}}
	r, ok := Match(tb, "GET", host, "/", nil, nil)
	if !ok || r != &tb.Routes[0] {
		t.Errorf("Match returned %p, want the table's route %p", r, &tb.Routes[0])
	}
}

func TestHasPrefixFold(t *testing.T) {
	cases := []struct {
		s, prefix string
		want      bool
	}{
		{"/ABC", "/abc", true}, {"/AB", "/abc", false}, {"", "", true}, {"x", "", true},
		{"/\u212Aelvin", "/kelvin", true}, {"/\xff", "/\xff", true}, {"/\xfe", "/\xff", false},
	}
	for _, c := range cases {
		if got := hasPrefixFold(c.s, c.prefix); got != c.want {
			t.Errorf("hasPrefixFold(%q, %q) = %v", c.s, c.prefix, got)
		}
	}
}

// TestMatchCanonicalPath: the data plane matches a request's path as sent,
// in the canonical form routes are written in (package reqpath), as the
// overlap engine decides: an escaped slash is not a slash, an escaped
// letter is the letter.
func TestMatchCanonicalPath(t *testing.T) {
	tbl := &Table{Routes: []Route{route("slash", Exact, "/a/b"), route("escaped", Exact, "/a%2Fb"),
		route("letter", Exact, "/aA"), route("space", Exact, "/x%20y")}}
	h := New(fixed(tbl), 1)
	cases := map[string]string{
		"/a/b":   "slash",
		"/a%2Fb": "escaped",
		"/a%2fb": "escaped",
		"/a%41":  "letter",
		"/x%20y": "space",
	}
	for path, want := range cases {
		rec := serve(t, h, "GET", "http://"+host+path, nil)
		if got := rec.Header().Get("X-Gwsync-Route"); got != want {
			t.Errorf("GET %s went to route %q (%d), want %q", path, got, rec.Code, want)
		}
	}
}
