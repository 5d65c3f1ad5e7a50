package conflicts_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// The properties below check conflicts.Routes against brute force on small
// random states: every request path (a "/" then up to propMaxLen-1
// characters of propAlphabet) is tried with the independent matcher of
// helpers_test.go. The alphabet holds both cases of every letter the
// patterns use, s and k among them, so that ſ (U+017F) and the KELVIN SIGN
// (U+212A), which fold to them, are exercised; every pattern below that
// matches some request path matches one within these bounds.

const (
	propStates   = 3000
	propAlphabet = "/0aAbBxXsSkK"
	propMaxLen   = 5
)

var (
	propDomains = []string{"d1.example.com", "d2.example.com"}
	propLits    = []string{"/", "/a", "/ab", "/a/b", "/b", "/A", "/ab0", "/ax"}
	propRegexes = []string{"/a[0-9]*", "/(a|b)x?", "/a.*", "/ab?", "^/a$", `/a\b.*`, "/[ab]+", "/A.*", "/(ab|a)x", "/.*0", `/a\B.*`, "/(?:a|b)x?", "/aa*"}
	// propFoldLits and propFoldRegexes hold letters whose case folds leave
	// ASCII (and é, which has none in a path).
	propFoldLits    = []string{"/s", "/" + longS, "/" + longS + "x", "/k", "/" + kelvin, "/" + kelvin + "a", "/é"}
	propFoldRegexes = []string{"/sx.*", "/S[0-9]", "(?i)/k.*", "/" + kelvin + ".*", "/[sk]+"}
	// propEmptyRegexes match no request path.
	propEmptyRegexes = []string{`/x\?y`, `/a[ ]`, `/a[^\x00-\x{10FFFF}]`, "/a$x", "a.*", ""}
	propMethods      = [][]string{nil, {"GET"}, {"POST"}, {"GET", "POST"}}
	propHeaders      = []model.Condition{
		{Name: "x-a", Type: model.PathExact, Value: "1"},
		{Name: "X-A", Type: model.PathExact, Value: "2"},
		{Name: "x-a", Type: model.PathPrefix, Value: "1"},
		{Name: "x-a", Type: model.PathRegex, Value: "[12]"},
		{Name: "x-b", Type: model.PathExact, Value: "1"},
	}
	// every method a route can name, none meaning all of them.
	propAllMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"}
)

// genState returns 2 to 6 random routes on one or two domains: no route
// meets more than conflicts.GroupAbove (5) others, so every pair that
// meets is a finding of its own, which the properties below rely on.
func genState(rng *rand.Rand) []*model.Route {
	n := 2 + rng.IntN(5)
	rs := make([]*model.Route, n)
	for i := range rs {
		r := genPath(rng, fmt.Sprintf("r%d", i))
		switch rng.IntN(3) {
		case 0:
			r.Domains = []model.Ref{{Name: propDomains[0]}}
		case 1:
			r.Domains = []model.Ref{{Name: propDomains[1]}}
		default:
			r.Domains = []model.Ref{{Name: propDomains[0]}, {Name: propDomains[1]}}
		}
		if rng.IntN(10) == 0 {
			r.Environment = model.Ref{Name: "test"}
		}
		r.Match.Methods = propMethods[rng.IntN(len(propMethods))]
		r.Match.IgnoreURICase = r.Match.IgnoreURICase || rng.IntN(5) == 0
		if rng.IntN(10) < 3 {
			r.Match.Headers = []model.Condition{propHeaders[rng.IntN(len(propHeaders))]}
		}
		rs[i] = r
	}
	return placed(rs...)
}

// genPath returns a route with a random path: Exact, Prefix or Regex; one
// time in eight of those whose case folds leave ASCII (ignoring case half
// of the time), and one time in eight a regex that matches nothing.
func genPath(rng *rand.Rand, name string) *model.Route {
	lits, regexes, foldRare := propLits, propRegexes, false
	switch rng.IntN(8) {
	case 0:
		regexes = propEmptyRegexes
	case 1:
		lits, regexes, foldRare = propFoldLits, propFoldRegexes, true
	}
	var r *model.Route
	switch rng.IntN(10) {
	case 0, 1, 2:
		r = exact(name, lits[rng.IntN(len(lits))])
	case 3, 4, 5, 6:
		r = prefix(name, lits[rng.IntN(len(lits))])
	default:
		r = regex(name, regexes[rng.IntN(len(regexes))])
	}
	r.Match.IgnoreURICase = foldRare && rng.IntN(2) == 0
	return r
}

// propPaths are every request path within the bounds: "/" followed by
// up to propMaxLen-1 characters of propAlphabet.
var propPaths = func() []string {
	out := []string{"/"}
	level := []string{"/"}
	for range propMaxLen - 1 {
		var next []string
		for _, s := range level {
			for _, c := range propAlphabet {
				next = append(next, s+string(c))
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}()

// condValues are the values brute force tries for header conditions.
var condValues = func() []string {
	out := []string{""}
	for _, a := range []string{"1", "2", "a"} {
		out = append(out, a)
		for _, b := range []string{"1", "2", "a"} {
			out = append(out, a+b)
		}
	}
	return out
}()

// pathSets caches, per path pattern, which of propPaths it matches.
var pathSets = map[string][]bool{}

func matchedPaths(r *model.Route) []bool {
	p := r.Match.Path
	k := fmt.Sprint(p.Type, "\x00", p.Value, "\x00", r.Match.IgnoreURICase)
	if s, ok := pathSets[k]; ok {
		return s
	}
	s := make([]bool, len(propPaths))
	for i, path := range propPaths {
		s[i] = pathMatches(p.Type, p.Value, r.Match.IgnoreURICase, path)
	}
	pathSets[k] = s
	return s
}

func sameGroup(a, b *model.Route, domain string) bool {
	return a.Environment.Name == b.Environment.Name && hasDomain(a, domain) && hasDomain(b, domain)
}

func sharedMethod(a, b *model.Route) (string, bool) {
	for _, m := range propAllMethods {
		if hasMethod(a, m) && hasMethod(b, m) {
			return m, true
		}
	}
	return "", false
}

// condsCompatible reports whether one request can satisfy the header
// conditions of both routes.
func condsCompatible(a, b *model.Route) bool {
	for _, x := range a.Match.Headers {
		for _, y := range b.Match.Headers {
			if !strings.EqualFold(x.Name, y.Name) {
				continue
			}
			ok := false
			for _, v := range condValues {
				ok = ok || (condHolds(x, v) && condHolds(y, v))
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

// condsImply reports whether every request satisfying e's header
// conditions satisfies f's.
func condsImply(e, f *model.Route) bool {
	for _, y := range f.Match.Headers {
		implied := false
		for _, x := range e.Match.Headers {
			if !strings.EqualFold(x.Name, y.Name) {
				continue
			}
			all := true
			for _, v := range condValues {
				all = all && (!condHolds(x, v) || condHolds(y, v))
			}
			implied = implied || all
		}
		if !implied {
			return false
		}
	}
	return true
}

func rank(r *model.Route) int {
	switch r.Match.Path.Type {
	case model.PathExact:
		return 3
	case model.PathPrefix:
		return 2
	}
	return 1
}

// outranks is the documented precedence: Exact before Prefix, longer
// Prefix (in characters) before shorter, Prefix before Regex.
func outranks(f, e *model.Route) bool {
	if rank(f) != rank(e) {
		return rank(f) > rank(e)
	}
	return rank(f) == 2 && utf8.RuneCountInString(f.Match.Path.Value) > utf8.RuneCountInString(e.Match.Path.Value)
}

// propState is one random state and what Routes said about it.
type propState struct {
	seed     uint64
	routes   []*model.Route
	findings []diag.Finding
	index    map[string]int
	linked   map[[2]int]bool
	shadowed map[int]bool
}

func analyse(seed uint64) *propState {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	s := &propState{seed: seed, routes: genState(rng), index: map[string]int{}, linked: map[[2]int]bool{}, shadowed: map[int]bool{}}
	for i, r := range s.routes {
		s.index[r.Path()] = i
	}
	s.findings = conflicts.Routes(s.routes)
	for _, f := range s.findings {
		i := s.index[f.Resource]
		if f.Rule == diag.RuleRouteShadowed {
			s.shadowed[i] = true
		}
		for _, rel := range f.Related {
			j := s.index[rel.Resource]
			s.linked[[2]int{min(i, j), max(i, j)}] = true
		}
	}
	return s
}

func (s *propState) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d:\n", s.seed)
	for _, r := range s.routes {
		var ds []string
		for _, d := range r.Domains {
			ds = append(ds, d.Name)
		}
		fmt.Fprintf(&b, "  %s %s %q fold=%v methods=%v env=%s domains=%v headers=%v\n", r.Name, r.Match.Path.Type, r.Match.Path.Value, r.Match.IgnoreURICase, r.Match.Methods, r.Environment.Name, ds, r.Match.Headers)
	}
	b.WriteString(dump(s.findings))
	return b.String()
}

// problems collects what a property finds wrong in one state.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

// forEachState runs check on propStates random states. It goes on past a
// failing state, so one bug does not hide others, and shows the first few
// failing states in full.
func forEachState(t *testing.T, check func(s *propState, p *problems)) {
	t.Helper()
	var failed []uint64
	for seed := range uint64(propStates) {
		s := analyse(seed)
		var p problems
		check(s, &p)
		if len(p) == 0 {
			continue
		}
		if len(failed) < 3 {
			t.Errorf("%s\n%v", strings.Join(p, "\n"), s)
		}
		failed = append(failed, seed)
	}
	if len(failed) > 0 {
		t.Errorf("%d of %d states fail, seeds %v", len(failed), propStates, failed[:min(len(failed), 20)])
	}
}

// Property A: every finding has a witness (but an undecided overlap and a
// route that matches no request path), a request path served by the routes
// the finding names.
func TestPropertyWitnessesAreServedByBothRoutes(t *testing.T) {
	counts := map[string]int{}
	forEachState(t, func(s *propState, p *problems) {
		byPath := map[string]*model.Route{}
		for _, r := range s.routes {
			byPath[r.Path()] = r
		}
		for _, f := range s.findings {
			counts[f.Rule]++
			if err := witnessServed(f, byPath); err != nil {
				p.add("%v", err)
			}
		}
	})
	t.Logf("findings over %d states: %v", propStates, counts)
}

// Property B: two routes that share a domain and environment and have no
// finding between them match no common path with a shared method and
// compatible conditions.
func TestPropertyNoFindingMeansNoCommonRequest(t *testing.T) {
	pairs := 0
	forEachState(t, func(s *propState, p *problems) {
		for i, a := range s.routes {
			for j := i + 1; j < len(s.routes); j++ {
				b := s.routes[j]
				if s.linked[[2]int{i, j}] || !condsCompatible(a, b) {
					continue
				}
				m, ok := sharedMethod(a, b)
				if !ok {
					continue
				}
				for _, d := range propDomains {
					if !sameGroup(a, b, d) {
						continue
					}
					pairs++
					pa, pb := matchedPaths(a), matchedPaths(b)
					for k, path := range propPaths {
						if pa[k] && pb[k] {
							p.add("no finding between %s and %s, but both serve %s %s %q", a.Name, b.Name, m, d, path)
							return
						}
					}
				}
			}
		}
	})
	t.Logf("%d unreported pairs checked by brute force", pairs)
}

// Property C: a route reported shadowed has no path (within brute force)
// that it matches and no higher-precedence route on that domain, method and
// environment, with conditions the route's imply, takes.
func TestPropertyShadowedRoutesAreUnreachable(t *testing.T) {
	shadows := 0
	forEachState(t, func(s *propState, p *problems) {
		for i := range s.shadowed {
			shadows++
			if q, ok := reachable(s.routes, i); ok {
				p.add("%s is reported shadowed, but %s %s %q reaches it", s.routes[i].Name, q.method, q.host, q.path)
			}
		}
	})
	t.Logf("%d shadowed routes checked by brute force", shadows)
	if shadows == 0 {
		t.Error("the generator produced no shadowed route; the property checks nothing")
	}
}

// reachable returns a request route i matches that no route outranking it
// takes.
func reachable(rs []*model.Route, i int) (request, bool) {
	e := rs[i]
	pe := matchedPaths(e)
	for _, d := range e.Domains {
		for _, m := range propAllMethods {
			if !hasMethod(e, m) {
				continue
			}
			for k, path := range propPaths {
				if !pe[k] || taken(rs, i, d.Name, m, k) {
					continue
				}
				return request{m, d.Name, path}, true
			}
		}
	}
	return request{}, false
}

func taken(rs []*model.Route, i int, domain, method string, k int) bool {
	e := rs[i]
	for j, f := range rs {
		if j != i && sameGroup(e, f, domain) && hasMethod(f, method) && outranks(f, e) && condsImply(e, f) && matchedPaths(f)[k] {
			return true
		}
	}
	return false
}

// Property D: a route-conflict is between routes of one path type that
// match the same request paths, with the same conditions; and two routes
// of one path type, with the same conditions, that match the same request
// paths (as far as brute force sees) are a conflict, not an overlap.
func TestPropertyConflictsHaveSamePaths(t *testing.T) {
	forEachState(t, func(s *propState, p *problems) {
		for _, f := range s.findings {
			if f.Rule != diag.RuleRouteConflict && f.Rule != diag.RuleRouteOverlap || len(f.Related) == 0 {
				continue
			}
			a, b := s.routes[s.index[f.Resource]], s.routes[s.index[f.Related[0].Resource]]
			same := a.Match.Path.Type == b.Match.Path.Type && condsImply(a, b) && condsImply(b, a) &&
				slices.Equal(matchedPaths(a), matchedPaths(b))
			switch {
			case f.Rule == diag.RuleRouteConflict && !same:
				p.add("conflict between %s and %s, which differ", a.Name, b.Name)
			case f.Rule == diag.RuleRouteOverlap && same && !strings.Contains(f.Message, "could not decide"):
				p.add("overlap between %s and %s, which match the same paths", a.Name, b.Name)
			}
		}
	})
}

// Property E: a route is reported as matching no request path exactly when
// brute force finds none it matches.
func TestPropertyUnmatchableRoutesMatchNoPath(t *testing.T) {
	unmatchable := 0
	forEachState(t, func(s *propState, p *problems) {
		reported := map[int]bool{}
		for _, f := range s.findings {
			if f.Rule == diag.RuleRouteShadowed && len(f.Related) == 0 {
				reported[s.index[f.Resource]] = true
			}
		}
		for i, r := range s.routes {
			matches := slices.Contains(matchedPaths(r), true)
			switch {
			case reported[i] && matches:
				p.add("%s is reported to match no request path, but matches %q", r.Name, propPaths[slices.Index(matchedPaths(r), true)])
			case !reported[i] && !matches && validPath(r):
				p.add("%s matches no request path, but is not reported", r.Name)
			}
			if reported[i] {
				unmatchable++
			}
		}
	})
	t.Logf("%d routes reported to match no request path", unmatchable)
	if unmatchable == 0 {
		t.Error("the generator produced no route that matches no request path; the property checks nothing")
	}
}

// validPath reports whether validate accepts a route's path: a Regex that
// is RE2, or an Exact or Prefix path starting with "/" (the others are
// schema errors, which the engine leaves to validate).
func validPath(r *model.Route) bool {
	p := r.Match.Path
	if p.Type == model.PathRegex {
		return wholeRegexp(p.Value, false) != nil
	}
	return strings.HasPrefix(p.Value, "/")
}
