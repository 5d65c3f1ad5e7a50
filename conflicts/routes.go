package conflicts

import (
	"errors"
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
// path characters) and the other route in related. Routes are compared
// only within one (environment, domain) and along a trie of literal path
// prefixes, so only routes that can meet are compared.
//
// A route with more than GroupAbove overlaps gets one finding with their
// count and the first few; past GroupAbove conflicts, the rest of a
// route's conflicts are one more finding. The analysis runs within the
// default Budget; where it stops, one route-overlap warning says so.
func Routes(routes []*model.Route) []diag.Finding {
	return RoutesWithin(routes, Budget{})
}

// RoutesWithin is Routes within budget b (zero fields take the defaults).
func RoutesWithin(routes []*model.Route, b Budget) []diag.Finding {
	return run(routes, Options{Budget: b}).findings()
}

// run decides every pair of routes that can meet and every shadowed route,
// within the options' budget, ranking routes by their precedence (nil:
// APIG's). A route whose path matches no request path meets no other
// route: it is set apart.
func run(routes []*model.Route, opts Options) *analysis {
	a := &analysis{pairs: map[[2]int]*overlap{}, prec: opts.Precedence, bud: newBudget(opts.Budget)}
	for _, r := range routes {
		e := newEntry(r)
		switch {
		case e == nil:
		case a.matchesNothing(e):
			a.unmatchable = append(a.unmatchable, e)
		default:
			e.idx = len(a.entries)
			a.entries = append(a.entries, e)
		}
	}
	a.compare()
	a.findShadows()
	if a.stop != nil {
		a.stop.Limit, a.stop.Decided = a.bud.reached, a.decided
	}
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
// too large to decide is kept (its pairs are reported as undecided), and
// so is one the budget did not let it decide.
func (a *analysis) matchesNothing(e *entry) bool {
	empty, err := e.path.empty(a.bud)
	if errors.Is(err, errBudget) {
		a.stopAt(e)
	}
	return err == nil && empty
}

// analysis is the state of one Routes call.
type analysis struct {
	entries []*entry
	// pairs caches the decision for each compared pair of routes that
	// share more than one place, so meet again (nil: they do not meet);
	// order lists the pairs that meet, as found; decided counts the pairs
	// decided, once per place.
	pairs    map[[2]int]*overlap
	order    []*overlap
	decided  int
	shadowed []*shadow
	// unmatchable are the routes whose path matches no request path.
	unmatchable []*entry
	// prec ranks routes; nil means APIG's precedence (entry.outranks).
	prec Precedence
	bud  *budget
	// stop is set once the budget is spent.
	stop *Stop
}

// stopAt records that the budget was spent while deciding about e.
func (a *analysis) stopAt(e *entry) {
	if a.stop == nil {
		a.stop = &Stop{At: e.route}
	}
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

// compare decides every candidate pair of every group, until the budget
// is spent; then it counts the candidate pairs it left.
func (a *analysis) compare() {
	keys, groups := groups(a.entries)
	for i, k := range keys {
		left := candidates(groups[k], func(x, y *entry) bool { return a.record(k, x, y) })
		if a.stop == nil {
			continue
		}
		for _, rest := range keys[i+1:] {
			left += candidateCount(groups[rest])
		}
		a.stop.Undecided = left
		return
	}
}

// record decides the pair of x and y (e the one whose candidates are
// visited) unless an earlier group did, and notes that they meet on k. It
// reports false when the budget did not let it decide.
func (a *analysis) record(k groupKey, x, e *entry) bool {
	y := e
	if x.idx > y.idx {
		x, y = y, x
	}
	// Every comparison counts, a pair decided on another place too: it
	// takes time, and it adds the place to the pair's.
	if !a.bud.pair() {
		a.stopAt(e)
		return false
	}
	// Only routes that share more than one place can meet again: only
	// their decisions are kept, which saves the memory of the others.
	key, again := [2]int{x.idx, y.idx}, x.places > 1 && y.places > 1
	o, seen := a.pairs[key]
	if !again || !seen {
		var err error
		if o, err = a.decide(x, y); err != nil {
			a.stopAt(e)
			return false
		}
		if again {
			a.pairs[key] = o
		}
		if o != nil {
			a.order = append(a.order, o)
		}
	}
	if o != nil {
		o.groups = append(o.groups, k)
	}
	a.decided++
	return true
}

// decide returns how two routes meet, or nil when no request matches both.
// Its error is errBudget, when the budget did not let it decide.
func (a *analysis) decide(x, y *entry) (*overlap, error) {
	shared := x.methods & y.methods
	if shared == 0 {
		return nil, nil
	}
	hold, err := canBothHold(x.conds, y.conds, a.bud)
	if err != nil {
		return undecided(x, y, shared, err)
	}
	if !hold {
		return nil, nil
	}
	w, ok, err := meet(x.path, y.path, a.bud)
	if err != nil {
		return undecided(x, y, shared, err)
	}
	if !ok {
		return nil, nil
	}
	o := &overlap{a: x, b: y, path: w, methods: shared, condsDiffer: !sameConds(x.conds, y.conds)}
	if o.condsDiffer {
		return o, nil
	}
	o.same, err = samePaths(x.path, y.path, a.bud)
	return o, err
}

// samePaths reports whether two patterns that meet have one path type and
// match the same paths. Where that cannot be decided (a pattern too large)
// the answer is no: the pair is still reported, as an overlap. The error
// is errBudget, when the budget did not let it decide.
func samePaths(p, q *pattern, bud *budget) (bool, error) {
	if p.typ != q.typ {
		return false, nil
	}
	same, err := sameSet(p, q, bud)
	if errors.Is(err, errBudget) {
		return false, err
	}
	return err == nil && same, nil
}

// undecided records a pair gwsync could not decide; only a too-large
// pattern is reported (an invalid one is validate's schema finding), and
// a spent budget is passed on.
func undecided(x, y *entry, m methodSet, err error) (*overlap, error) {
	switch {
	case errors.Is(err, errBudget):
		return nil, err
	case !errors.Is(err, errTooLarge):
		return nil, nil
	}
	return &overlap{a: x, b: y, methods: m, err: err}, nil
}

// shadow is a route no request reaches.
type shadow struct {
	e  *entry
	by []*entry
	// via is an overlap with one of the routes that take its requests.
	via *overlap
}

// findShadows finds routes whose every request, on every domain and for
// every method, is taken by higher-precedence routes. Once the budget is
// spent it still decides what needs no search, and counts the routes it
// could not check.
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
		s, err := a.shadowOf(e, over[e.idx])
		switch {
		case err != nil:
			a.stopAt(e)
			a.stop.Unchecked++
		case s != nil:
			a.shadowed = append(a.shadowed, s)
		}
	}
}

// shadowOf decides whether e is shadowed by the routes it overlaps. Its
// error is errBudget, when the budget did not let it decide.
func (a *analysis) shadowOf(e *entry, overlaps []*overlap) (*shadow, error) {
	s := &shadow{e: e}
	// The same set of takers recurs across methods and domains: decide
	// each set once.
	decided := map[string]bool{}
	for _, g := range entryGroups(e) {
		for i := range allMethods {
			if !e.methods.has(i) {
				continue
			}
			by, via, err := a.takers(e, overlaps, g, i)
			if err != nil || len(by) == 0 {
				return nil, err
			}
			if covered, err := a.coveredOnce(decided, e, by); err != nil || !covered {
				return nil, err
			}
			s.by = appendNew(s.by, by...)
			if s.via == nil {
				s.via = via
			}
		}
	}
	slices.SortFunc(s.by, func(x, y *entry) int { return strings.Compare(x.route.Path(), y.route.Path()) })
	return s, nil
}

// takers returns the routes served on g that take method i before e and
// whose conditions every request of e satisfies. Its error is errBudget,
// when the budget did not let it decide.
func (a *analysis) takers(e *entry, overlaps []*overlap, g groupKey, i int) ([]*entry, *overlap, error) {
	var by []*entry
	var via *overlap
	for _, o := range overlaps {
		if !a.bud.inTime() {
			return nil, nil, errBudget
		}
		f := o.other(e)
		if !o.methods.has(i) || !slices.Contains(o.groups, g) || !a.outranks(f, e) {
			continue
		}
		ok, err := implies(e.conds, f.conds, a.bud)
		if errors.Is(err, errBudget) {
			return nil, nil, err
		}
		if err != nil || !ok {
			continue
		}
		by = append(by, f)
		if via == nil {
			via = o
		}
	}
	return by, via, nil
}

// coveredOnce is coveredBy, remembered by the set of takers.
func (a *analysis) coveredOnce(decided map[string]bool, e *entry, by []*entry) (bool, error) {
	ids := make([]string, len(by))
	for i, f := range by {
		ids[i] = strconv.Itoa(f.idx)
	}
	slices.Sort(ids)
	k := strings.Join(ids, ",")
	if c, ok := decided[k]; ok {
		return c, nil
	}
	c, err := coveredBy(e, by, a.prec == nil, a.bud)
	decided[k] = c
	return c, err
}

// coveredBy reports whether every path of e is a path of some route in by.
// Under APIG's precedence (apig set) a Prefix route matches paths as long
// as its value (in characters), which only an Exact route of that length
// can take (a longer Prefix's paths are longer, and a Regex outranks no
// Prefix): without one it is not covered. Where that cannot be decided (a
// pattern too large) the answer is no; the error is errBudget, when the
// budget did not let it decide.
func coveredBy(e *entry, by []*entry, apig bool, bud *budget) (bool, error) {
	pats := make([]*pattern, len(by))
	exactSelf := false
	for i, f := range by {
		pats[i] = f.path
		exactSelf = exactSelf || (f.path.typ == model.PathExact && f.path.chars == e.path.chars)
	}
	if apig && e.path.typ == model.PathPrefix && !exactSelf {
		return false, nil
	}
	_, covered, err := covers(pats, e.path, bud)
	if errors.Is(err, errBudget) {
		return false, err
	}
	return err == nil && covered, nil
}

// entryGroups returns the places e is served in, in the order of its
// domains.
func entryGroups(e *entry) []groupKey {
	out := make([]groupKey, 0, e.places)
	seen := make(map[string]bool, e.places)
	for _, d := range e.route.Domains {
		if !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, groupKey{e.route.Environment.Name, d.Name})
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
