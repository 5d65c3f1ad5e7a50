package conflicts_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// The properties below check conflicts.Routes against brute force on small
// random states: every path of up to propMaxLen characters over
// propAlphabet is tried with the independent matcher of helpers_test.go.

const (
	propStates   = 3000
	propAlphabet = "/abx0A"
	propMaxLen   = 5
)

var (
	propDomains = []string{"d1.example.com", "d2.example.com"}
	propLits    = []string{"/", "/a", "/ab", "/a/b", "/b", "/A", "/ab0", "/ax"}
	propRegexes = []string{"/a[0-9]*", "/(a|b)x?", "/a.*", "/ab?", "^/a$", `/a\b.*`, "/[ab]+", "/A.*", "/(ab|a)x", "/.*0", `/a\B.*`}
	propMethods = [][]string{nil, {"GET"}, {"POST"}, {"GET", "POST"}}
	propHeaders = []model.Condition{
		{Name: "x-a", Type: model.PathExact, Value: "1"},
		{Name: "X-A", Type: model.PathExact, Value: "2"},
		{Name: "x-a", Type: model.PathPrefix, Value: "1"},
		{Name: "x-a", Type: model.PathRegex, Value: "[12]"},
		{Name: "x-b", Type: model.PathExact, Value: "1"},
	}
	// every method a route can name, none meaning all of them.
	propAllMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"}
)

// genState returns 2 to 6 random routes on one or two domains.
func genState(rng *rand.Rand) []*model.Route {
	n := 2 + rng.IntN(5)
	rs := make([]*model.Route, n)
	for i := range rs {
		var r *model.Route
		name := fmt.Sprintf("r%d", i)
		switch rng.IntN(10) {
		case 0, 1, 2:
			r = exact(name, propLits[rng.IntN(len(propLits))])
		case 3, 4, 5, 6:
			r = prefix(name, propLits[rng.IntN(len(propLits))])
		default:
			r = regex(name, propRegexes[rng.IntN(len(propRegexes))])
		}
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
		r.Match.IgnoreURICase = rng.IntN(5) == 0
		if rng.IntN(10) < 3 {
			r.Match.Headers = []model.Condition{propHeaders[rng.IntN(len(propHeaders))]}
		}
		rs[i] = r
	}
	return placed(rs...)
}

// propPaths are every string of up to propMaxLen characters of propAlphabet.
var propPaths = func() []string {
	out := []string{""}
	level := []string{""}
	for range propMaxLen {
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

// Property A: every witness is served by the routes the finding names.
func TestPropertyWitnessesAreServedByBothRoutes(t *testing.T) {
	counts := map[string]int{}
	forEachState(t, func(s *propState, p *problems) {
		byPath := map[string]*model.Route{}
		for _, r := range s.routes {
			byPath[r.Path()] = r
		}
		for _, f := range s.findings {
			counts[f.Rule]++
			if f.Witness == "" {
				p.add("%s on %s has no witness: %s", f.Rule, f.Resource, f.Message)
			}
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

// Property D: a route-conflict is between routes of one path type and
// value (up to case when both ignore it), with the same conditions.
func TestPropertyConflictsHaveSamePaths(t *testing.T) {
	forEachState(t, func(s *propState, p *problems) {
		for _, f := range s.findings {
			if f.Rule != diag.RuleRouteConflict {
				continue
			}
			a, b := s.routes[s.index[f.Resource]], s.routes[s.index[f.Related[0].Resource]]
			pa, pb := a.Match.Path, b.Match.Path
			same := pa.Type == pb.Type && a.Match.IgnoreURICase == b.Match.IgnoreURICase &&
				(pa.Value == pb.Value || a.Match.IgnoreURICase && strings.EqualFold(pa.Value, pb.Value))
			if !same || !condsImply(a, b) || !condsImply(b, a) {
				p.add("conflict between %s and %s, which differ", a.Name, b.Name)
			}
		}
	})
}
