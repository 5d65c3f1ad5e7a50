package conflicts_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// wantFinding is one finding a case expects from conflicts.Routes.
type wantFinding struct {
	rule    string
	route   string   // name of the route the finding is about
	related []string // names of the routes in Related, in order
	witness string   // the exact witness; "" means the finding has none
	msg     []string // fragments the message must contain
}

func conflictOf(route, other, witness string, msg ...string) wantFinding {
	return wantFinding{diag.RuleRouteConflict, route, []string{other}, witness, append([]string{fmt.Sprintf("conflicts with route %q", other)}, msg...)}
}

func overlapOf(route, other, witness string, msg ...string) wantFinding {
	return wantFinding{diag.RuleRouteOverlap, route, []string{other}, witness, append([]string{fmt.Sprintf("overlaps route %q", other)}, msg...)}
}

func shadowedBy(route, witness string, by ...string) wantFinding {
	return wantFinding{diag.RuleRouteShadowed, route, by, witness, []string{"no request reaches this route"}}
}

// shadowedByMany is the finding on a route shadowed by more than
// conflicts.GroupAbove routes: it names the first of them (shown, the
// route its witness is taken by among them) and counts the others.
func shadowedByMany(route, witness string, shown []string, more int) wantFinding {
	w := shadowedBy(route, witness, shown...)
	w.msg = append(w.msg, fmt.Sprintf(" and %d more (", more))
	return w
}

// checkShadowedBy asserts that Analyze finds route shadowed by exactly
// the routes named by: the finding names only the first few.
func checkShadowedBy(t *testing.T, rs []*model.Route, route string, by []string) {
	t.Helper()
	for _, s := range conflicts.Analyze(rs, conflicts.Options{}).Shadows {
		if s.Route.Name == route {
			var got []string
			for _, r := range s.By {
				got = append(got, r.Name)
			}
			if !slices.Equal(got, by) {
				t.Errorf("%s is shadowed by %q, want %q", route, got, by)
			}
			return
		}
	}
	t.Errorf("%s is not shadowed", route)
}

// unmatchable is the finding on a route whose path matches no request
// path at all: it has no witness and names no other route.
func unmatchable(route string) wantFinding {
	return wantFinding{diag.RuleRouteShadowed, route, nil, "", []string{"no request reaches this route", "matches no request path"}}
}

// routesCase lists routes and the exact multiset of findings they give.
type routesCase struct {
	name   string
	routes []*model.Route
	want   []wantFinding
}

func runRoutesCases(t *testing.T, cases []routesCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := placed(c.routes...)
			checkFindings(t, rs, conflicts.Routes(rs), c.want)
		})
	}
}

// checkFindings asserts that got is exactly want (as a multiset of rule and
// route), with the stated related routes, positions and witnesses, and that
// every witness is really served by the routes it names.
func checkFindings(t *testing.T, rs []*model.Route, got []diag.Finding, want []wantFinding) {
	t.Helper()
	byPath := map[string]*model.Route{}
	for _, r := range rs {
		byPath[r.Path()] = r
	}
	name := func(res string) string {
		if r, ok := byPath[res]; ok {
			return r.Name
		}
		return "?" + res
	}
	var gotKeys, wantKeys []string
	for _, f := range got {
		gotKeys = append(gotKeys, f.Rule+" "+name(f.Resource))
	}
	for _, w := range want {
		wantKeys = append(wantKeys, w.rule+" "+w.route)
	}
	slices.Sort(gotKeys)
	slices.Sort(wantKeys)
	if !slices.Equal(gotKeys, wantKeys) {
		t.Fatalf("findings:\n got %q\nwant %q\n%s", gotKeys, wantKeys, dump(got))
	}
	used := make([]bool, len(got))
	for _, w := range want {
		i := nextUnused(got, used, w, name)
		used[i] = true
		checkOne(t, got[i], w, byPath, name)
	}
}

// nextUnused returns the first finding not yet checked that has w's rule
// and route, preferring one whose related routes and witness match w.
func nextUnused(got []diag.Finding, used []bool, w wantFinding, name func(string) string) int {
	first := -1
	for i, f := range got {
		if used[i] || f.Rule != w.rule || name(f.Resource) != w.route {
			continue
		}
		if first < 0 {
			first = i
		}
		if f.Witness == w.witness && slices.Equal(relatedNames(f, name), w.related) {
			return i
		}
	}
	return first
}

func relatedNames(f diag.Finding, name func(string) string) []string {
	var out []string
	for _, r := range f.Related {
		out = append(out, name(r.Resource))
	}
	return out
}

func checkOne(t *testing.T, f diag.Finding, w wantFinding, byPath map[string]*model.Route, name func(string) string) {
	t.Helper()
	r := byPath[f.Resource]
	wantSev := diag.Error
	if w.rule == diag.RuleRouteOverlap {
		wantSev = diag.Warning
	}
	if f.Severity != wantSev {
		t.Errorf("%s on %s: severity %s, want %s", f.Rule, w.route, f.Severity, wantSev)
	}
	if f.Pos != r.Match.Path.Pos {
		t.Errorf("%s on %s: pos %v, want the path's %v", f.Rule, w.route, f.Pos, r.Match.Path.Pos)
	}
	if got := relatedNames(f, name); !slices.Equal(got, w.related) {
		t.Errorf("%s on %s: related %q, want %q", f.Rule, w.route, got, w.related)
	}
	for _, rel := range f.Related {
		if o, ok := byPath[rel.Resource]; ok && rel.Pos != o.Match.Path.Pos {
			t.Errorf("%s on %s: related %s at %v, want %v", f.Rule, w.route, o.Name, rel.Pos, o.Match.Path.Pos)
		}
	}
	if f.Witness != w.witness {
		t.Errorf("%s on %s: witness %q, want %q", f.Rule, w.route, f.Witness, w.witness)
	}
	for _, m := range w.msg {
		if !strings.Contains(f.Message, m) {
			t.Errorf("%s on %s: message lacks %q:\n%s", f.Rule, w.route, m, f.Message)
		}
	}
	if err := witnessServed(f, byPath); err != nil {
		t.Error(err)
	}
}

// witnessServed checks a finding's witness with the independent matcher:
// an overlap or conflict's witness is served by both routes (by the route
// and the first it names, for a finding that groups many), a shadow's by
// the shadowed route and at least one route it names, all in one
// environment. Only an undecided overlap, the finding that the budget
// stopped the analysis and a route that matches no request path have none.
func witnessServed(f diag.Finding, byPath map[string]*model.Route) error {
	if f.Witness == "" {
		if f.Rule == diag.RuleRouteOverlap && strings.Contains(f.Message, "could not decide") {
			return nil
		}
		if f.Rule == diag.RuleRouteOverlap && len(f.Related) == 0 && strings.Contains(f.Message, "stopped at its budget") {
			return nil
		}
		if f.Rule == diag.RuleRouteShadowed && len(f.Related) == 0 && strings.Contains(f.Message, "matches no request path") {
			return nil
		}
		return fmt.Errorf("%s on %s has no witness", f.Rule, f.Resource)
	}
	q, err := parseWitness(f.Witness)
	if err != nil {
		return err
	}
	if !isRequestPath(q.path) {
		return fmt.Errorf("%s on %s: witness %q is not a request path", f.Rule, f.Resource, f.Witness)
	}
	r := byPath[f.Resource]
	if !serves(r, q) {
		return fmt.Errorf("%s: witness %q is not served by %s (%s %q)", f.Rule, f.Witness, r.Name, r.Match.Path.Type, r.Match.Path.Value)
	}
	servedBy := 0
	rels := f.Related
	if grouped(f) {
		rels = rels[:1]
	}
	for _, rel := range rels {
		o := byPath[rel.Resource]
		if o != nil && serves(o, q) && o.Environment.Name == r.Environment.Name {
			servedBy++
		} else if f.Rule != diag.RuleRouteShadowed {
			return fmt.Errorf("%s on %s: witness %q is not served by related %s", f.Rule, r.Name, f.Witness, rel.Resource)
		}
	}
	if servedBy == 0 {
		return fmt.Errorf("%s on %s: witness %q is served by no related route", f.Rule, r.Name, f.Witness)
	}
	return nil
}

// grouped reports whether a finding stands for many pairs and names the
// first few routes: only the first of them serves its witness.
func grouped(f diag.Finding) bool {
	return strings.Contains(f.Message, " other routes; the first ") || strings.Contains(f.Message, "also conflicts with")
}

// isRequestPath reports whether path is one a request can have: "/" then
// path characters.
func isRequestPath(path string) bool {
	return strings.HasPrefix(path, "/") && strings.Trim(path, readable) == ""
}

func dump(fs []diag.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %q related=%v\n    %s\n", f.Rule, f.Resource, f.Witness, f.Related, f.Message)
	}
	return b.String()
}

const get = "GET api.example.com "

func TestRoutesSamePathConflicts(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"identical Exact on one domain, environment and method",
			[]*model.Route{exact("a", "/orders", methods("GET")), exact("b", "/orders", methods("GET"))},
			[]wantFinding{conflictOf("b", "a", get+"/orders", `Exact "/orders" for GET`)}},
		{"identical Exact with disjoint methods",
			[]*model.Route{exact("a", "/orders", methods("GET")), exact("b", "/orders", methods("POST"))},
			nil},
		{"no methods against GET",
			[]*model.Route{exact("a", "/orders"), exact("b", "/orders", methods("GET"))},
			[]wantFinding{conflictOf("b", "a", get+"/orders")}},
		{"witness method is a shared one",
			[]*model.Route{exact("a", "/orders", methods("DELETE", "POST")), exact("b", "/orders", methods("post"))},
			[]wantFinding{conflictOf("b", "a", "POST api.example.com /orders")}},
		{"different domains",
			[]*model.Route{exact("a", "/orders"), exact("b", "/orders", domains("other.example.com"))},
			nil},
		{"different environments",
			[]*model.Route{exact("a", "/orders"), exact("b", "/orders", env("test"))},
			nil},
		{"no environment is its own environment",
			[]*model.Route{exact("a", "/orders"), exact("b", "/orders", env(""))},
			nil},
		{"different APIs on one domain",
			[]*model.Route{exact("a", "/orders", api("orders-api")), exact("b", "/orders", api("billing-api"))},
			[]wantFinding{conflictOf("b", "a", get+"/orders")}},
		{"identical Prefix",
			[]*model.Route{prefix("a", "/orders"), prefix("b", "/orders")},
			[]wantFinding{conflictOf("b", "a", get+"/orders")}},
		{"identical Regex",
			[]*model.Route{regex("a", "/orders/[0-9]+"), regex("b", "/orders/[0-9]+")},
			[]wantFinding{conflictOf("b", "a", get+"/orders/0")}},
		{"Regex in canonical form",
			[]*model.Route{regex("a", "/[ab]"), regex("b", "/(?:a|b)")},
			[]wantFinding{conflictOf("b", "a", get+"/a")}},
		{"Exact and Regex of one string are not a conflict",
			[]*model.Route{exact("a", "/orders"), regex("b", "/orders")},
			[]wantFinding{shadowedBy("b", get+"/orders", "a")}},
		{"two domains in common are reported once",
			[]*model.Route{
				exact("a", "/orders", domains("b.example.com", "a.example.com")),
				exact("b", "/orders", domains("a.example.com", "b.example.com")),
			},
			[]wantFinding{conflictOf("b", "a", "GET a.example.com /orders", "on a.example.com", "(and 1 more domain)")}},
	})
}

func TestRoutesLiteralOverlaps(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"Prefix matches as a string, not by segment",
			[]*model.Route{prefix("p", "/orders"), exact("e", "/orders-export")},
			[]wantFinding{overlapOf("p", "e", get+"/orders-export", "Exact before Prefix")}},
		{"Prefix and a longer Prefix",
			[]*model.Route{prefix("p", "/orders"), prefix("q", "/orders/")},
			[]wantFinding{overlapOf("p", "q", get+"/orders/", "the longer Prefix first")}},
		{"Prefix and the Exact of its own value",
			[]*model.Route{prefix("p", "/orders"), exact("e", "/orders")},
			[]wantFinding{overlapOf("p", "e", get+"/orders")}},
		{"disjoint Prefixes",
			[]*model.Route{prefix("a", "/a"), prefix("b", "/b")},
			nil},
		{"Exact longer than a Prefix it does not start with",
			[]*model.Route{prefix("a", "/orders/"), exact("b", "/orders")},
			nil},
		{"overlap on a shared method only",
			[]*model.Route{prefix("p", "/orders", methods("GET", "PUT")), exact("e", "/orders/1", methods("PUT", "DELETE"))},
			[]wantFinding{overlapOf("p", "e", "PUT api.example.com /orders/1")}},
	})
}

func TestRoutesCaseFolding(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"ignoreUriCase against case-sensitive is an overlap, not a conflict",
			[]*model.Route{exact("a", "/Orders", fold()), exact("b", "/orders")},
			[]wantFinding{overlapOf("b", "a", get+"/orders", "equal precedence")}},
		{"both ignoreUriCase and equal up to case conflict",
			[]*model.Route{exact("a", "/Orders", fold()), exact("b", "/ORDERS", fold())},
			[]wantFinding{conflictOf("b", "a", get+"/orders")}},
		{"case-sensitive paths differing in case",
			[]*model.Route{exact("a", "/Orders"), exact("b", "/orders")},
			nil},
		{"Prefix ignoring case against a longer case-sensitive Prefix",
			[]*model.Route{prefix("p", "/API", fold()), prefix("q", "/api/v1")},
			[]wantFinding{overlapOf("p", "q", get+"/api/v1")}},
		{"Regex ignoring case against a case-sensitive Prefix",
			[]*model.Route{regex("r", "/orders/[a-z]+", fold()), prefix("p", "/ORDERS/")},
			[]wantFinding{overlapOf("r", "p", get+"/ORDERS/A", "Prefix before Regex")}},
	})
}

// The witness of an ignoreUriCase route against a case-sensitive one must
// be spelled as the case-sensitive route writes it: that is the only
// spelling both match.
func TestRoutesCaseFoldingWitnessKeepsCaseSensitiveSpelling(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"Exact ignoring case declared first",
			[]*model.Route{exact("a", "/Orders", fold()), exact("b", "/ORDERS")},
			[]wantFinding{overlapOf("b", "a", get+"/ORDERS", "equal precedence")}},
		{"Prefix ignoring case against a longer case-sensitive Exact",
			[]*model.Route{prefix("p", "/api", fold()), exact("e", "/API/x")},
			[]wantFinding{overlapOf("p", "e", get+"/API/x", "Exact before Prefix")}},
		{"two Prefixes of one length, the later ignoring case",
			[]*model.Route{prefix("a", "/Items"), prefix("b", "/items", fold())},
			[]wantFinding{overlapOf("b", "a", get+"/Items", "with equal precedence")}},
	})
}

func TestRoutesRegexShadowedByPrefix(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"Regex wholly inside a Prefix",
			[]*model.Route{prefix("p", "/api", methods("GET")), regex("r", "/api/v[0-9]+", methods("GET"))},
			[]wantFinding{shadowedBy("r", get+"/api/v0", "p")}},
		{"covered for GET but not for POST",
			[]*model.Route{prefix("p", "/api", methods("GET")), regex("r", "/api/v[0-9]+", methods("GET", "POST"))},
			[]wantFinding{overlapOf("r", "p", get+"/api/v0", "Prefix before Regex")}},
		{"covered on one domain but not another",
			[]*model.Route{prefix("p", "/api"), regex("r", "/api/v[0-9]+", domains(testDomain, "b.example.com"))},
			[]wantFinding{overlapOf("r", "p", get+"/api/v0")}},
		{"covered on every domain",
			[]*model.Route{
				prefix("p", "/api", domains(testDomain, "b.example.com")),
				regex("r", "/api/v[0-9]+", domains("b.example.com", testDomain)),
			},
			[]wantFinding{shadowedBy("r", get+"/api/v0", "p")}},
		{"covered only by two Prefixes together",
			[]*model.Route{prefix("pa", "/a/"), prefix("pb", "/b/"), regex("r", "/(a|b)/x")},
			[]wantFinding{shadowedBy("r", get+"/a/x", "pa", "pb")}},
		{"partly covered",
			[]*model.Route{prefix("pa", "/a/"), regex("r", "/(a|b)/x")},
			[]wantFinding{overlapOf("r", "pa", get+"/a/x")}},
		{"Regex with a condition inside an unconditional Prefix",
			[]*model.Route{prefix("p", "/api"), regex("r", "/api/.*", header("x-canary", model.PathExact, "1"))},
			[]wantFinding{shadowedBy("r", get+"/api/", "p")}},
		{"unconditional Regex inside a Prefix with a condition",
			[]*model.Route{prefix("p", "/api", header("x-canary", model.PathExact, "1")), regex("r", "/api/.*")},
			[]wantFinding{overlapOf("r", "p", get+"/api/", "do not keep them apart")}},
		{"Regex condition implied by a narrower one",
			[]*model.Route{prefix("p", "/api", header("x-v", model.PathPrefix, "1")), regex("r", "/api/.*", header("X-V", model.PathExact, "12"))},
			[]wantFinding{shadowedBy("r", get+"/api/", "p")}},
		{"a shadowed route still overlaps the routes that do not take it",
			[]*model.Route{prefix("p", "/api"), regex("r", "/api/.*"), regex("s", "/api/x.*")},
			[]wantFinding{shadowedBy("r", get+"/api/", "p"), shadowedBy("s", get+"/api/x", "p"), overlapOf("s", "r", get+"/api/x", "equal precedence")}},
	})
}

func TestRoutesRegexPairs(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"non-obvious intersection",
			[]*model.Route{regex("a", "/a[0-9]*b"), regex("b", "/a1.*")},
			[]wantFinding{overlapOf("b", "a", get+"/a1b", "equal precedence")}},
		{"disjoint character classes",
			[]*model.Route{regex("a", "/x[0-9]+"), regex("b", "/x[a-z]+")},
			nil},
		{"disjoint without a common literal prefix",
			[]*model.Route{regex("a", "/(x|y)[0-9]"), regex("b", "/[yz][a-z]")},
			nil},
		{"meeting without a common literal prefix",
			[]*model.Route{regex("a", "/(x|y)[0-9]"), regex("b", "/[yz][0-9]")},
			[]wantFinding{overlapOf("b", "a", get+"/y0", "equal precedence")}},
		{"regex that matches no path",
			[]*model.Route{regex("a", "/a$x"), prefix("b", "/a")},
			[]wantFinding{unmatchable("a")}},
		{"invalid regex is left to validate",
			[]*model.Route{regex("a", "/a("), prefix("b", "/")},
			nil},
	})
}

func TestRoutesRegexAnchors(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"^ and $ around a literal",
			[]*model.Route{regex("r", "^/api$"), prefix("p", "/api")},
			[]wantFinding{shadowedBy("r", get+"/api", "p")}},
		{"^ against an unanchored regex",
			[]*model.Route{regex("a", "^/a.*"), regex("b", "/a[0-9]$")},
			[]wantFinding{overlapOf("b", "a", get+"/a0")}},
		{`\b before a word character`,
			[]*model.Route{regex("r", `/a\b.*`), prefix("p", "/ab")},
			nil},
		{`\b before a non-word character`,
			[]*model.Route{regex("r", `/a\b.*`), prefix("p", "/a/")},
			[]wantFinding{overlapOf("r", "p", get+"/a/")}},
		{`\b at the end of the path`,
			[]*model.Route{regex("r", `/a\b.*`), exact("e", "/a")},
			[]wantFinding{overlapOf("r", "e", get+"/a")}},
		{`\B at the end of the path`,
			[]*model.Route{regex("r", `/a\B.*`), exact("e", "/a")},
			nil},
		{`\B before a word character`,
			[]*model.Route{regex("r", `/a\B.*`), prefix("p", "/ab")},
			[]wantFinding{overlapOf("r", "p", get+"/ab")}},
	})
}

func TestRoutesHeaderAndQueryConditions(t *testing.T) {
	h := func(name, typ, value string) opt { return header(name, typ, value) }
	runRoutesCases(t, []routesCase{
		{"header names are case-insensitive: disjoint values keep routes apart",
			[]*model.Route{exact("a", "/orders", h("x-canary", model.PathExact, "1")), exact("b", "/orders", h("X-Canary", model.PathExact, "0"))},
			nil},
		{"same condition under names differing in case",
			[]*model.Route{exact("a", "/orders", h("x-canary", model.PathExact, "1")), exact("b", "/orders", h("X-CANARY", model.PathExact, "1"))},
			[]wantFinding{conflictOf("b", "a", get+"/orders")}},
		{"conditions on different headers",
			[]*model.Route{exact("a", "/orders", h("x-canary", model.PathExact, "1")), exact("b", "/orders", h("x-tenant", model.PathExact, "t1"))},
			[]wantFinding{overlapOf("b", "a", get+"/orders", "equal precedence", "do not keep them apart",
				`header "x-canary" Exact "1"`, `header "x-tenant" Exact "t1"`)}},
		{"a condition against none",
			[]*model.Route{exact("a", "/orders"), exact("b", "/orders", h("x-canary", model.PathExact, "1"))},
			[]wantFinding{overlapOf("b", "a", get+"/orders", `"a": none`, `header "x-canary" Exact "1"`)}},
		{"compatible Prefix and Exact conditions",
			[]*model.Route{exact("a", "/orders", h("x-version", model.PathPrefix, "v1")), exact("b", "/orders", h("x-version", model.PathExact, "v1.2"))},
			[]wantFinding{overlapOf("b", "a", get+"/orders", "do not keep them apart")}},
		{"incompatible Prefix and Exact conditions",
			[]*model.Route{exact("a", "/orders", h("x-version", model.PathPrefix, "v1")), exact("b", "/orders", h("x-version", model.PathExact, "v2"))},
			nil},
		{"disjoint Regex conditions",
			[]*model.Route{prefix("a", "/orders", h("x-id", model.PathRegex, "[0-9]+")), prefix("b", "/orders/", h("x-id", model.PathRegex, "[a-z]+"))},
			nil},
		{"header values are case-sensitive",
			[]*model.Route{exact("a", "/orders", h("x-env", model.PathExact, "Prod")), exact("b", "/orders", h("x-env", model.PathExact, "prod"))},
			nil},
		{"query parameter names are case-sensitive",
			[]*model.Route{exact("a", "/orders", query("Version", model.PathExact, "1")), exact("b", "/orders", query("version", model.PathExact, "2"))},
			[]wantFinding{overlapOf("b", "a", get+"/orders", `query "Version" Exact "1"`, `query "version" Exact "2"`)}},
		{"disjoint query parameter values",
			[]*model.Route{exact("a", "/orders", query("version", model.PathExact, "1")), exact("b", "/orders", query("version", model.PathExact, "2"))},
			nil},
		{"a header and a query parameter of one name do not exclude each other",
			[]*model.Route{exact("a", "/orders", h("v", model.PathExact, "1")), exact("b", "/orders", query("v", model.PathExact, "2"))},
			[]wantFinding{overlapOf("b", "a", get+"/orders", "do not keep them apart")}},
	})
}

// readable are the characters the README says a path can hold.
const readable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@%/"

// continuations returns a Prefix route value+c for every path character c
// except those in skip, named c00, c01, ...
func continuations(value, skip string) []*model.Route {
	var rs []*model.Route
	for i, c := range readable {
		if !strings.ContainsRune(skip, c) {
			rs = append(rs, prefix(fmt.Sprintf("c%02d", i), value+string(c)))
		}
	}
	return rs
}

func names(rs []*model.Route) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func TestRoutesPrefixShadowedByExactAndEveryContinuation(t *testing.T) {
	if len(readable) != 81 {
		t.Fatalf("readable has %d characters, want 81", len(readable))
	}
	conts := continuations("/a", "")
	rs := append([]*model.Route{prefix("p", "/a"), exact("exact", "/a")}, conts...)
	runRoutesCases(t, []routesCase{
		{"Exact plus every continuation", rs,
			[]wantFinding{shadowedByMany("p", get+"/a", []string{"c00", "c01", "c02", "c03", "exact"}, 77)}},
	})
	checkShadowedBy(t, rs, "p", append(names(conts), "exact"))
}

// Not shadowed, the Prefix overlaps 81 routes: one finding, with the
// count and the first three.
func TestRoutesPrefixNotShadowedWithoutItsExact(t *testing.T) {
	conts := continuations("/a", "")
	want := wantFinding{diag.RuleRouteOverlap, "p", []string{"c00", "c01", "c02"}, get + "/aA", []string{
		"overlaps 81 other routes; the first 3: ",
		`"c00" (Prefix "/aA" for every method) takes GET api.example.com /aA first (the longer Prefix first)`,
		"and 78 more"}}
	runRoutesCases(t, []routesCase{{"every continuation but no Exact", append([]*model.Route{prefix("p", "/a")}, conts...), []wantFinding{want}}})
}

func TestRoutesPrefixNotShadowedWithAContinuationMissing(t *testing.T) {
	conts := continuations("/a", "~")
	want := wantFinding{diag.RuleRouteOverlap, "p", []string{"exact", "c00", "c01"}, get + "/a", []string{
		"overlaps 81 other routes", `"exact" (Exact "/a" for every method) takes GET api.example.com /a first (Exact before Prefix)`}}
	runRoutesCases(t, []routesCase{{"Exact and all continuations but ~", append([]*model.Route{prefix("p", "/a"), exact("exact", "/a")}, conts...), []wantFinding{want}}})
}

func TestRoutesEqualPrecedenceRegexes(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"two Regex routes",
			[]*model.Route{regex("a", "/items/[0-9]+"), regex("b", "/items/.*")},
			[]wantFinding{overlapOf("b", "a", get+"/items/0", "with equal precedence", "not defined")}},
	})
}

func TestRoutesTooLargeRegexIsUndecided(t *testing.T) {
	big := "/(?:abcdefghijklmnopqrstu){1000}"
	runRoutesCases(t, []routesCase{
		{"over the automaton budget",
			[]*model.Route{prefix("p", "/"), regex("r", big)},
			[]wantFinding{{diag.RuleRouteOverlap, "r", []string{"p"}, "", []string{"could not decide", "too large"}}}},
	})
}
