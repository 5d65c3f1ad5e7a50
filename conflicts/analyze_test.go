package conflicts_test

import (
	"slices"
	"testing"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Analyze with APIG's precedence decides what Routes reports: one finding
// per shadow, and one per overlap that is not part of a shadow.
func TestAnalyzeAgreesWithRoutes(t *testing.T) {
	rs := placed(
		prefix("wide", "/api"),
		prefix("narrow", "/api/v1"),
		exact("exact", "/api/v1"),
		regex("inside", "/api/v1/[a-z]+"),
		exact("dup-a", "/x", methods("GET")),
		exact("dup-b", "/x", methods("GET", "POST")),
	)
	got := conflicts.Analyze(rs, conflicts.Options{})
	findings := conflicts.Routes(rs)
	count := func(rule string) int {
		return len(slices.DeleteFunc(slices.Clone(findings), func(f diag.Finding) bool { return f.Rule != rule }))
	}
	var same, plain int
	for _, o := range got.Overlaps {
		switch {
		case o.Same:
			same++
		case !o.Shadowing:
			plain++
		}
	}
	if same != count(diag.RuleRouteConflict) || plain != count(diag.RuleRouteOverlap) || len(got.Shadows) != count(diag.RuleRouteShadowed) {
		t.Fatalf("Analyze: %d same, %d plain overlaps, %d shadows; Routes: %d conflicts, %d overlaps, %d shadowed\n%s",
			same, plain, len(got.Shadows), count(diag.RuleRouteConflict), count(diag.RuleRouteOverlap), count(diag.RuleRouteShadowed), dump(findings))
	}
}

// An overlap carries the shared methods, the places and a path both match;
// Same holds for one pattern even when the methods differ.
func TestAnalyzeOverlapFields(t *testing.T) {
	a := exact("a", "/orders", methods("GET"))
	b := exact("b", "/orders", domains(testDomain, "other.example.com"))
	got := conflicts.Analyze(placed(a, b), conflicts.Options{})
	if len(got.Overlaps) != 1 {
		t.Fatalf("got %d overlaps, want 1", len(got.Overlaps))
	}
	o := got.Overlaps[0]
	if o.A != a || o.B != b || !slices.Equal(o.Methods, []string{"GET"}) || o.Path != "/orders" || !o.Same || o.Shadowing || o.Err != nil {
		t.Errorf("overlap = %+v", *o)
	}
	if want := []conflicts.Where{{testEnv, testDomain}}; !slices.Equal(o.Where, want) {
		t.Errorf("where = %v, want %v", o.Where, want)
	}
}

// segmentPrefix is a gateway whose prefix routes match on segment
// boundaries, written as regexes: the exact path first, then the longer
// prefix ("/a/" before "/a").
func segmentPrefix(a, b *model.Route) bool {
	rank := map[string]int{"normal-a": 3, "swa-a-slash": 2, "swa-a": 1}
	return rank[a.Name] > rank[b.Name]
}

// A caller's precedence decides shadows: "/a(/.*)?" is covered by the
// exact "/a" and the longer "/a/.*" only when the longer pattern outranks
// it, which APIG's precedence (regexes all equal) does not say.
func TestAnalyzePrecedence(t *testing.T) {
	rs := placed(
		regex("swa-a", "/a(/.*)?"),
		regex("swa-a-slash", "/a/.*"),
		exact("normal-a", "/a"),
	)
	if got := conflicts.Analyze(rs, conflicts.Options{}); len(got.Shadows) != 0 {
		t.Fatalf("APIG precedence: shadows %v, want none", got.Shadows[0].Route.Name)
	}
	got := conflicts.Analyze(rs, conflicts.Options{Precedence: segmentPrefix})
	if len(got.Shadows) != 1 {
		t.Fatalf("got %d shadows, want 1", len(got.Shadows))
	}
	s := got.Shadows[0]
	var by []string
	for _, r := range s.By {
		by = append(by, r.Name)
	}
	if s.Route.Name != "swa-a" || !slices.Equal(by, []string{"normal-a", "swa-a-slash"}) || s.Via == nil {
		t.Fatalf("shadow = %s by %v", s.Route.Name, by)
	}
	for _, o := range got.Overlaps {
		if o.Shadowing != (o.A.Name == "swa-a") {
			t.Errorf("overlap %s/%s: Shadowing = %v", o.A.Name, o.B.Name, o.Shadowing)
		}
	}
	if w := s.Via; !serves(s.Route, request{w.Methods[0], w.Where[0].Domain, w.Path}) {
		t.Errorf("witness %s %s does not reach %s", w.Methods[0], w.Path, s.Route.Name)
	}
}

// Under a caller's precedence an Exact route can be shadowed too.
func TestAnalyzePrecedenceShadowsExact(t *testing.T) {
	rs := placed(exact("me", "/users/me"), regex("by-id", "/users/[^/]+"))
	regexFirst := func(a, b *model.Route) bool {
		return a.Match.Path.Type == model.PathRegex && b.Match.Path.Type == model.PathExact
	}
	got := conflicts.Analyze(rs, conflicts.Options{Precedence: regexFirst})
	if len(got.Shadows) != 1 || got.Shadows[0].Route.Name != "me" || got.Shadows[0].Via.Path != "/users/me" {
		t.Fatalf("shadows = %+v", got.Shadows)
	}
}

// Of the shortest witnesses, one spelled with a letter or digit is chosen
// where the pattern allows it: "/orders/0", not "/orders/!".
func TestWitnessReadable(t *testing.T) {
	rs := placed(regex("by-id", "/orders/[^/]+"), exact("one", "/orders/0", methods("GET")))
	got := conflicts.Analyze(placed(regex("by-id", "/orders/[^/]+"), regex("any", "/orders/.+")), conflicts.Options{})
	if len(got.Overlaps) != 1 || got.Overlaps[0].Path != "/orders/0" {
		t.Fatalf("overlaps = %+v, want one with path /orders/0", got.Overlaps)
	}
	runRoutesCases(t, []routesCase{{name: "regex against exact", routes: rs, want: []wantFinding{
		{rule: diag.RuleRouteOverlap, route: "by-id", related: []string{"one"}, witness: "GET api.example.com /orders/0"},
	}}})
}
