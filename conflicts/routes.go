package conflicts

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Routes finds routes that match the same requests, deciding exactly on
// automata rather than by sampling:
//
//   - route-conflict (error): one path type and the same set of request
//     paths, however written, a shared method, domain and environment, and
//     no header or query condition telling them apart;
//   - route-shadowed (error): a route whose every request is taken first by
//     higher-precedence routes, or whose path matches no request path at
//     all;
//   - route-overlap (warning): two routes that both match some request.
//
// Every finding but the last kind of route-shadowed carries a witness
// request both routes match (its path a request path: "/" then RFC 3986
// path characters) and the other route in related. Routes are compared only within one (environment,
// domain) and along a trie of literal path prefixes, so only routes that
// can meet are compared.
func Routes(routes []*model.Route) []diag.Finding {
	return run(routes, nil).findings()
}

// run decides every pair of routes that can meet and every shadowed route,
// ranking routes by prec (nil: APIG's precedence). A route whose path
// matches no request path meets no other route: it is set apart.
func run(routes []*model.Route, prec Precedence) *analysis {
	a := &analysis{pairs: map[[2]int]*overlap{}, prec: prec}
	for _, r := range routes {
		e := newEntry(r)
		switch {
		case e == nil:
		case matchesNothing(e):
			a.unmatchable = append(a.unmatchable, e)
		default:
			e.idx = len(a.entries)
			a.entries = append(a.entries, e)
		}
	}
	a.compare()
	a.findShadows()
	return a
}

// newEntry reads a route, or returns nil when its path is not a valid
// pattern: a Regex that is not RE2, or an Exact or Prefix path that does
// not start with "/" (validate reports both as schema errors).
func newEntry(r *model.Route) *entry {
	p := newPattern(r.Match.Path.Type, r.Match.Path.Value, r.Match.IgnoreURICase, paths)
	if p.err != nil || (p.literal() && !strings.HasPrefix(p.value, "/")) {
		return nil
	}
	return &entry{route: r, path: p, methods: methodsOf(r.Match.Methods), conds: newConds(r.Match)}
}

// matchesNothing reports whether e's path matches no request path; a path
// too large to decide is kept (its pairs are reported as undecided).
func matchesNothing(e *entry) bool {
	empty, err := e.path.empty()
	return err == nil && empty
}

// analysis is the state of one Routes call.
type analysis struct {
	entries []*entry
	// pairs caches the decision for each compared pair (nil: they do not
	// meet); order lists the pairs that meet, as found.
	pairs    map[[2]int]*overlap
	order    []*overlap
	shadowed []*shadow
	// unmatchable are the routes whose path matches no request path.
	unmatchable []*entry
	// prec ranks routes; nil means APIG's precedence (entry.outranks).
	prec Precedence
}

// outranks reports whether e takes a request both e and f match.
func (a *analysis) outranks(e, f *entry) bool {
	if a.prec != nil {
		return a.prec(e.route, f.route)
	}
	return e.outranks(f)
}

// overlap is a pair of routes that match a common request.
type overlap struct {
	a, b    *entry // a.idx < b.idx
	path    string // a path both match
	methods methodSet
	groups  []groupKey // where both are served
	// same is true when the routes have one path type, the same set of
	// paths and the same conditions: they take exactly the same requests
	// for the methods they share.
	same bool
	// condsDiffer is true when they have different header or query
	// conditions that a request can nevertheless satisfy together.
	condsDiffer bool
	err         error
}

func (o *overlap) other(e *entry) *entry {
	if o.a == e {
		return o.b
	}
	return o.a
}

// witness is the contract's example request: METHOD HOST PATH.
func (o *overlap) witness() string {
	return o.methods.first() + " " + o.groups[0].domain + " " + o.path
}

// compare decides every candidate pair of every group.
func (a *analysis) compare() {
	keys, groups := groups(a.entries)
	for _, k := range keys {
		candidates(groups[k], func(x, y *entry) { a.record(k, x, y) })
	}
}

func (a *analysis) record(k groupKey, x, y *entry) {
	if x.idx > y.idx {
		x, y = y, x
	}
	key := [2]int{x.idx, y.idx}
	o, seen := a.pairs[key]
	if !seen {
		o = decide(x, y)
		a.pairs[key] = o
		if o != nil {
			a.order = append(a.order, o)
		}
	}
	if o != nil {
		o.groups = append(o.groups, k)
	}
}

// decide returns how two routes meet, or nil when no request matches both.
func decide(x, y *entry) *overlap {
	shared := x.methods & y.methods
	if shared == 0 {
		return nil
	}
	hold, err := canBothHold(x.conds, y.conds)
	if err != nil {
		return undecided(x, y, shared, err)
	}
	if !hold {
		return nil
	}
	w, ok, err := meet(x.path, y.path)
	if err != nil {
		return undecided(x, y, shared, err)
	}
	if !ok {
		return nil
	}
	o := &overlap{a: x, b: y, path: w, methods: shared, condsDiffer: !sameConds(x.conds, y.conds)}
	o.same = !o.condsDiffer && samePaths(x.path, y.path)
	return o
}

// samePaths reports whether two patterns that meet have one path type and
// match the same paths. Where that cannot be decided within the budget the
// answer is no: the pair is still reported, as an overlap.
func samePaths(p, q *pattern) bool {
	if p.typ != q.typ {
		return false
	}
	same, err := sameSet(p, q)
	return err == nil && same
}

// undecided records a pair gwsync could not decide; only a too-large
// pattern is reported (an invalid one is validate's schema finding).
func undecided(x, y *entry, m methodSet, err error) *overlap {
	if !errors.Is(err, errTooLarge) {
		return nil
	}
	return &overlap{a: x, b: y, methods: m, err: err}
}

// shadow is a route no request reaches.
type shadow struct {
	e  *entry
	by []*entry
	// via is an overlap with one of the routes that take its requests.
	via *overlap
}

// findShadows finds routes whose every request, on every domain and for
// every method, is taken by higher-precedence routes.
func (a *analysis) findShadows() {
	over := map[int][]*overlap{}
	for _, o := range a.order {
		if o.err == nil {
			over[o.a.idx] = append(over[o.a.idx], o)
			over[o.b.idx] = append(over[o.b.idx], o)
		}
	}
	for _, e := range a.entries {
		// Under APIG's precedence nothing outranks an Exact route.
		if (a.prec == nil && e.path.typ == model.PathExact) || len(over[e.idx]) == 0 {
			continue
		}
		if s := a.shadowOf(e, over[e.idx]); s != nil {
			a.shadowed = append(a.shadowed, s)
		}
	}
}

// shadowOf decides whether e is shadowed by the routes it overlaps.
func (a *analysis) shadowOf(e *entry, overlaps []*overlap) *shadow {
	s := &shadow{e: e}
	// The same set of takers recurs across methods and domains: decide
	// each set once.
	decided := map[string]bool{}
	for _, g := range entryGroups(e) {
		for i := range allMethods {
			if !e.methods.has(i) {
				continue
			}
			by, via := a.takers(e, overlaps, g, i)
			if len(by) == 0 || !a.coveredOnce(decided, e, by) {
				return nil
			}
			s.by = appendNew(s.by, by...)
			if s.via == nil {
				s.via = via
			}
		}
	}
	slices.SortFunc(s.by, func(x, y *entry) int { return strings.Compare(x.route.Path(), y.route.Path()) })
	return s
}

// takers returns the routes served on g that take method i before e and
// whose conditions every request of e satisfies.
func (a *analysis) takers(e *entry, overlaps []*overlap, g groupKey, i int) ([]*entry, *overlap) {
	var by []*entry
	var via *overlap
	for _, o := range overlaps {
		f := o.other(e)
		if !o.methods.has(i) || !slices.Contains(o.groups, g) || !a.outranks(f, e) {
			continue
		}
		if ok, err := implies(e.conds, f.conds); err != nil || !ok {
			continue
		}
		by = append(by, f)
		if via == nil {
			via = o
		}
	}
	return by, via
}

// coveredOnce is coveredBy, remembered by the set of takers.
func (a *analysis) coveredOnce(decided map[string]bool, e *entry, by []*entry) bool {
	ids := make([]string, len(by))
	for i, f := range by {
		ids[i] = strconv.Itoa(f.idx)
	}
	slices.Sort(ids)
	k := strings.Join(ids, ",")
	c, ok := decided[k]
	if !ok {
		c = coveredBy(e, by, a.prec == nil)
		decided[k] = c
	}
	return c
}

// coveredBy reports whether every path of e is a path of some route in by.
// Under APIG's precedence (apig set) a Prefix route matches paths as long
// as its value (in characters), which only an Exact route of that length
// can take (a longer Prefix's paths are longer, and a Regex outranks no
// Prefix): without one it is not covered.
func coveredBy(e *entry, by []*entry, apig bool) bool {
	pats := make([]*pattern, len(by))
	exactSelf := false
	for i, f := range by {
		pats[i] = f.path
		exactSelf = exactSelf || (f.path.typ == model.PathExact && f.path.chars == e.path.chars)
	}
	if apig && e.path.typ == model.PathPrefix && !exactSelf {
		return false
	}
	_, covered, err := covers(pats, e.path)
	return err == nil && covered
}

func entryGroups(e *entry) []groupKey {
	var out []groupKey
	for _, d := range e.route.Domains {
		if k := (groupKey{e.route.Environment.Name, d.Name}); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func appendNew(list []*entry, xs ...*entry) []*entry {
	for _, x := range xs {
		if !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}

// findings turns the analysis into findings.
func (a *analysis) findings() []diag.Finding {
	var out []diag.Finding
	for _, e := range a.unmatchable {
		out = append(out, unmatchableFinding(e))
	}
	shadowedBy := map[[2]int]bool{}
	for _, s := range a.shadowed {
		out = append(out, shadowFinding(s))
		for _, f := range s.by {
			shadowedBy[[2]int{s.e.idx, f.idx}] = true
		}
	}
	for _, o := range a.order {
		switch {
		case o.err != nil:
			out = append(out, undecidedFinding(o))
		case o.same:
			out = append(out, conflictFinding(o))
		case !shadowedBy[[2]int{o.a.idx, o.b.idx}] && !shadowedBy[[2]int{o.b.idx, o.a.idx}]:
			out = append(out, overlapFinding(o))
		}
	}
	return out
}

// describe names a route's match for messages: Prefix "/orders" for GET, POST.
func describe(e *entry) string { return describeFor(e, e.methods) }

func describeFor(e *entry, ms methodSet) string {
	return pathOf(e) + " for " + ms.String()
}

func where(o *overlap) string {
	g := o.groups[0]
	s := fmt.Sprintf("on %s in environment %q", g.domain, g.env)
	if n := len(o.groups) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more domain%s)", n, plural(n))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func related(es ...*entry) []diag.Related {
	out := make([]diag.Related, len(es))
	for i, e := range es {
		out[i] = diag.Related{Resource: e.route.Path(), Pos: e.route.Match.Path.Pos}
	}
	return out
}

func finding(rule string, sev diag.Severity, e *entry, msg string) diag.Finding {
	return diag.Finding{Rule: rule, Severity: sev, Message: msg, Resource: e.route.Path(), Pos: e.route.Match.Path.Pos}
}

func conflictFinding(o *overlap) diag.Finding {
	f := finding(diag.RuleRouteConflict, diag.Error, o.b, fmt.Sprintf(
		"route conflicts with route %q: both take %s %s, and no header or query condition tells them apart; %s: change the path, the methods or the domains of one of them",
		o.a.route.Name, describeFor(o.b, o.methods), where(o), rejection(o)))
	f.Related, f.Witness = related(o.a), o.witness()
	return f
}

// rejection says what APIG does with two routes that take the same
// requests: it rejects a duplicate path (the same type, ignoreUriCase and
// value, up to case when it is ignored), and may not see that two paths
// written differently are one.
func rejection(o *overlap) string {
	p, q := o.a.path, o.b.path
	if p.fold == q.fold && eq(p.value, q.value, p.fold) {
		return "APIG rejects the deploy (Conflict.ApiPublishDuplicatedPathFound)"
	}
	return fmt.Sprintf("their paths are written differently (%s and %s) but match the same requests, so APIG may reject the deploy (Conflict.ApiPublishDuplicatedPathFound), and if it does not, which one serves them is not defined",
		pathOf(o.a), pathOf(o.b))
}

// pathOf names a route's path pattern: Regex "/a+" ignoring case.
func pathOf(e *entry) string {
	s := fmt.Sprintf("%s %q", e.path.typ, e.path.value)
	if e.path.fold {
		s += " ignoring case"
	}
	return s
}

func overlapFinding(o *overlap) diag.Finding {
	loser, winner := o.b, o.a
	if o.b.outranks(o.a) {
		loser, winner = o.a, o.b
	}
	var msg string
	if winner.outranks(loser) {
		msg = fmt.Sprintf("route overlaps route %q (%s) %s: both match %s, which %q takes (%s); if this route should serve such requests, narrow %q's path or methods, else narrow this one's",
			winner.route.Name, describe(winner), where(o), o.witness(), winner.route.Name, precedence(winner, loser), winner.route.Name)
	} else {
		msg = fmt.Sprintf("route overlaps route %q (%s) %s with equal precedence: both match %s and which one serves it is not defined; make their paths, methods or domains disjoint",
			winner.route.Name, describe(winner), where(o), o.witness())
	}
	if o.condsDiffer {
		msg += fmt.Sprintf("; their header and query conditions (%s) do not keep them apart: one request can satisfy both", condsOf(o))
	}
	f := finding(diag.RuleRouteOverlap, diag.Warning, loser, msg)
	f.Related, f.Witness = related(winner), o.witness()
	return f
}

func condsOf(o *overlap) string {
	var parts []string
	for _, e := range []*entry{o.a, o.b} {
		if d := e.conds.describe(); d != "" {
			parts = append(parts, fmt.Sprintf("%q: %s", e.route.Name, d))
		} else {
			parts = append(parts, fmt.Sprintf("%q: none", e.route.Name))
		}
	}
	return strings.Join(parts, "; ")
}

// precedence explains why winner takes a request before loser.
func precedence(winner, loser *entry) string {
	if winner.rank() == loser.rank() {
		return "the longer Prefix first"
	}
	return fmt.Sprintf("%s before %s", winner.path.typ, loser.path.typ)
}

func shadowFinding(s *shadow) diag.Finding {
	names := make([]string, 0, len(s.by))
	for _, f := range s.by {
		names = append(names, fmt.Sprintf("%q", f.route.Name))
	}
	f := finding(diag.RuleRouteShadowed, diag.Error, s.e, fmt.Sprintf(
		"no request reaches this route (%s): every request it matches, e.g. %s, is taken first by %s %s (Exact before Prefix, longer Prefix before shorter, Prefix before Regex); remove the route or change its path",
		describe(s.e), s.via.witness(), routeWord(len(names)), strings.Join(names, ", ")))
	f.Related, f.Witness = related(s.by...), s.via.witness()
	return f
}

// unmatchableFinding reports a route whose path matches no request path:
// it has no witness to give and no other route to name.
func unmatchableFinding(e *entry) diag.Finding {
	return finding(diag.RuleRouteShadowed, diag.Error, e, fmt.Sprintf(
		"no request reaches this route (%s): its path matches no request path at all (a request path starts with \"/\" and holds only letters, digits, -._~!$&'()*+,;=:@%% and /, any other character percent-encoded); change its path",
		describe(e)))
}

func routeWord(n int) string {
	if n == 1 {
		return "route"
	}
	return "routes"
}

func undecidedFinding(o *overlap) diag.Finding {
	f := finding(diag.RuleRouteOverlap, diag.Warning, o.b, fmt.Sprintf(
		"gwsync could not decide whether this route (%s) overlaps route %q (%s): a pattern is %v; simplify the regular expression",
		describe(o.b), o.a.route.Name, describe(o.a), o.err))
	f.Related = related(o.a)
	return f
}
