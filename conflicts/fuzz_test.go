package conflicts_test

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// callBudget is how long one Routes call on two regexes may take.
const callBudget = 2 * time.Second * raceSlowdown

// documentedMaxStates is the README's automaton budget: a regex over it is
// reported as undecided.
const documentedMaxStates = 20000

// FuzzRegexPair runs Routes on two Regex routes of one domain. It must not
// panic, must return within callBudget, must prove every witness, must
// report every common path a tiny brute force finds, must report a route
// as matching no request path only when brute force finds none, and must
// report a regex too large to analyse rather than decide it slowly.
func FuzzRegexPair(f *testing.F) {
	for _, p := range [][2]string{
		{"(a*)*", "a"},
		{"(a|aa)*b", "a*b"},
		{"[^/]+", "/x"},
		{`\b`, ""},
		{`/a\b.*`, `/a\B.*`},
		{"(?i)ABC", "abc"},
		{"a{1000}", "a*"},
		{"(x{100}){100}", "x*"},
		{"(x{10}){100}", "x+"},
		{`\pL+`, "[a-z]+"},
		{`\p{Greek}+`, ".*"},
		{"", ""},
		{"(", "a"},
		{"^/api$", "/api"},
		{"/a[0-9]*b", "/a1.*"},
		{"[ab]*a[ab]{12}", "[ab]*c"},
		{"/(?:abcdefghijklmnopqrstu){1000}", "/.*"},
		{"(?m)^/a$", "/a"},
		{"(?s).*", "\\x{10FFFF}"},
		{"%[0-9A-F]{2}", "%2f"},
		{"/%[0-9A-F]{2}", "/%2F"},
		{`/x\?y`, `/x\?y`},
		{"/(a|b)", "/(?:a|b)"},
		{"/a+", "/aa*"},
		{"(?i)/\u212a", "/k"},
		{`\Q`, "0"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, expr1, expr2 string) {
		rs := placed(regex("a", expr1), regex("b", expr2))
		fs := routesWithin(t, rs, callBudget)
		byPath := map[string]*model.Route{rs[0].Path(): rs[0], rs[1].Path(): rs[1]}
		for _, f := range fs {
			if err := witnessServed(f, byPath); err != nil {
				t.Errorf("%v\n%s", err, dump(fs))
			}
		}
		re1, re2 := fuzzRegexp(expr1), fuzzRegexp(expr2)
		if re1 == nil || re2 == nil {
			checkInvalidPair(t, fs, re1, re2)
			return
		}
		pair, none := splitUnmatchable(fs)
		for _, f := range none {
			if re := map[string]*regexp.Regexp{rs[0].Path(): re1, rs[1].Path(): re2}[f.Resource]; re != nil {
				if path, ok := commonPath(re, re); ok {
					t.Errorf("%s is reported to match no request path, but matches %q:\n%s", f.Resource, path, dump(fs))
				}
			}
		}
		undecided := len(pair) == 1 && strings.Contains(pair[0].Message, "could not decide")
		if tooLarge(expr1) || tooLarge(expr2) {
			if mayMeet(expr1, expr2) && !undecided && len(none) == 0 {
				t.Errorf("a regex over %d states gives no undecided finding:\n%s", documentedMaxStates, dump(fs))
			}
			return
		}
		if undecided {
			return // the search outgrew its budget
		}
		if path, ok := commonPath(re1, re2); ok && len(pair) == 0 {
			t.Errorf("both match %q, but no finding", path)
		}
		for _, f := range pair {
			if f.Rule == diag.RuleRouteShadowed {
				t.Errorf("equal-precedence regexes cannot shadow each other:\n%s", dump(fs))
			}
		}
	})
}

// checkInvalidPair checks the findings of a pair with an invalid regex:
// at most the valid one's own finding that it matches no request path.
func checkInvalidPair(t *testing.T, fs []diag.Finding, re1, re2 *regexp.Regexp) {
	t.Helper()
	pair, none := splitUnmatchable(fs)
	valid := re1
	if valid == nil {
		valid = re2
	}
	if len(pair) != 0 || len(none) > 1 || len(none) == 1 && valid == nil {
		t.Errorf("findings for an invalid regex:\n%s", dump(fs))
	}
}

// splitUnmatchable separates the findings about the pair from those about
// a route that matches no request path (route-shadowed naming no route).
func splitUnmatchable(fs []diag.Finding) (pair, none []diag.Finding) {
	for _, f := range fs {
		if f.Rule == diag.RuleRouteShadowed && len(f.Related) == 0 {
			none = append(none, f)
		} else {
			pair = append(pair, f)
		}
	}
	return pair, none
}

// routesWithin returns Routes(rs), failing the test as soon as the call
// has taken longer than budget (the fuzzer then records the input rather
// than losing it when -fuzztime runs out).
func routesWithin(t *testing.T, rs []*model.Route, budget time.Duration) []diag.Finding {
	t.Helper()
	done := make(chan []diag.Finding, 1)
	start := time.Now()
	go func() { done <- conflicts.Routes(rs) }()
	select {
	case fs := <-done:
		if d := time.Since(start); d > budget {
			t.Fatalf("Routes took %v (over %v) on %q and %q", d, budget, rs[0].Match.Path.Value, rs[1].Match.Path.Value)
		}
		return fs
	case <-time.After(budget):
		t.Fatalf("Routes still running after %v on %q and %q", budget, rs[0].Match.Path.Value, rs[1].Match.Path.Value)
	}
	return nil
}

// fuzzRegexp compiles expr for whole-string matching, without caching (a
// fuzzer sees millions of expressions), or returns nil when it is not RE2.
func fuzzRegexp(expr string) *regexp.Regexp {
	if _, err := regexp.Compile(expr); err != nil {
		return nil
	}
	return wholeOf(expr)
}

// tooLarge reports whether expr's compiled program is over the
// documented budget.
func tooLarge(expr string) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return false
	}
	prog, err := syntax.Compile(re.Simplify())
	return err == nil && len(prog.Inst) > documentedMaxStates
}

// mayMeet reports whether the literal prefixes of two regexes leave room
// for a common path (one is a prefix of the other, ignoring case).
func mayMeet(expr1, expr2 string) bool {
	p1, _ := regexp.MustCompile(expr1).LiteralPrefix()
	p2, _ := regexp.MustCompile(expr2).LiteralPrefix()
	p1, p2 = strings.ToLower(p1), strings.ToLower(p2)
	return strings.HasPrefix(p1, p2) || strings.HasPrefix(p2, p1)
}

// commonPath looks for a request path, "/" and up to three characters of
// "/a0B", that both regexes match.
func commonPath(re1, re2 *regexp.Regexp) (string, bool) {
	paths := []string{"/"}
	for n := 0; n < len(paths); n++ {
		if re1.MatchString(paths[n]) && re2.MatchString(paths[n]) {
			return paths[n], true
		}
		if len(paths[n]) < 4 {
			for _, c := range "/a0B" {
				paths = append(paths, paths[n]+string(c))
			}
		}
	}
	return "", false
}

// routesByStates runs Routes on rs with no time limit to speak of, so
// that only the deterministic limits (states, pairs) can stop it: what it
// finds does not depend on how loaded the machine is. That it stops soon
// is measured by BenchmarkRegexBlowup, not by a clock in a test.
func routesByStates(rs []*model.Route) []diag.Finding {
	return conflicts.RoutesWithin(rs, conflicts.Budget{Time: time.Hour})
}

// The search budget counts configurations, not the states inside them:
// overlapping counted repetitions make configurations of thousands of
// states each, and a few thousand of them take seconds. The README promises
// an undecided finding, never a hang.
func TestRoutesRegexWithLargeConfigurationsIsBounded(t *testing.T) {
	for _, p := range [][2]string{
		{"/[a-z]{0,1000}[a-z]{0,1000}[a-z]{0,1000}[a-z]{0,1000}", "/[a-z]*0"},
		{"/.{0,1000}.{0,1000}.{0,1000}.{0,1000}x", "/.*y"},
	} {
		fs := routesByStates(placed(regex("a", p[0]), regex("b", p[1])))
		// The regexes share no path: the answer is no finding, or a
		// warning that gwsync could not decide.
		if len(fs) > 1 || len(fs) == 1 && !strings.Contains(fs[0].Message, "could not decide") {
			t.Errorf("findings on %q and %q:\n%s", p[0], p[1], dump(fs))
		}
	}
}

// Deciding whether a route is shadowed repeats the same inclusion search
// for every domain and every method of the route, so the budget of one
// search is multiplied by up to 9 methods times the domain count: one
// method is well within the budget, every method is not.
func TestRoutesShadowSearchIsNotRepeatedPerMethodAndDomain(t *testing.T) {
	for _, ms := range [][]string{{"GET"}, nil} {
		rs := placed(prefix("p", "/", methods(ms...)), regex("r", "/[ab]*a[ab]{14}", methods(ms...)))
		fs := routesByStates(rs)
		checkFindings(t, rs, fs, []wantFinding{shadowedBy("r", get+"/aaaaaaaaaaaaaaa", "p")})
	}
}
