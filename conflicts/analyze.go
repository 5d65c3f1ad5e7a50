package conflicts

import "github.com/gwsync/gwsync/model"

// Precedence says which of two routes that both match a request takes it:
// it reports whether a takes such requests before b. When neither takes
// them before the other, which one serves them is not defined.
//
// Routes uses APIG's precedence (Exact before Prefix, longer Prefix before
// shorter, Prefix before Regex). A gateway that orders its routes otherwise
// passes its own to Analyze and phrases the findings itself.
type Precedence func(a, b *model.Route) bool

// Options shape an Analyze run. The zero value is APIG's precedence within
// the default Budget.
type Options struct {
	// Precedence ranks routes; nil is APIG's.
	Precedence Precedence
	// Budget bounds the run; its zero fields take the defaults.
	Budget Budget
}

// Where is a place two routes are both served: a domain in an environment.
type Where struct{ Environment, Domain string }

// Overlap is two routes that both match some request.
type Overlap struct {
	A, B *model.Route // A before B in the input
	// Methods are the methods both take, in the order findings name them
	// (GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, TRACE, CONNECT); the
	// witness request uses the first.
	Methods []string
	// Where lists the places both are served, in the order found.
	Where []Where
	// Path is the shortest request path both match ("" when Err is set).
	Path string
	// Same is true when the two have one path type, match the same set of
	// paths (however the patterns are written) and have the same header
	// and query conditions (they need not share every method).
	Same bool
	// CondsDiffer is true when they have different header or query
	// conditions that one request can nevertheless satisfy together.
	CondsDiffer bool
	// Shadowing is true when one of the two is a shadowed route and the
	// other one of the routes that take its requests; Routes then reports
	// the shadow rather than the overlap.
	Shadowing bool
	// Err is set when gwsync could not decide the pair (a pattern too
	// large to analyse); Methods and Where still hold.
	Err error
}

// Shadow is a route that no request reaches, because routes that outrank
// it take everything it matches, for every method and place it has.
type Shadow struct {
	Route *model.Route
	// By are the routes that take its requests, sorted by resource path.
	By []*model.Route
	// Via is an overlap with one of them, whose Path, Methods and Where
	// make a witness request.
	Via *Overlap
}

// Analysis is what Analyze finds: every pair of routes that meet, in the
// order found, every shadowed route, and every route whose path matches no
// request path at all (a path starts with "/" and holds only RFC 3986 path
// characters), which meets no other route.
//
// Stopped is set when the run reached its budget: the decisions above
// hold, but pairs and shadows past the point where it stopped are missing,
// and the caller must say so.
type Analysis struct {
	Overlaps    []*Overlap
	Shadows     []*Shadow
	Unmatchable []*model.Route
	Stopped     *Stop
}

// Analyze decides, exactly and as Routes does, which routes meet and which
// are shadowed, ranking routes by opts.Precedence (nil: APIG's) within
// opts.Budget, and returns the decisions rather than findings, for callers
// that word findings for another gateway (and group them as Routes does,
// past GroupAbove).
func Analyze(routes []*model.Route, opts Options) Analysis {
	a := run(routes, opts)
	exported := map[*overlap]*Overlap{}
	byPair := map[[2]int]*overlap{}
	out := Analysis{Stopped: a.stop}
	for _, o := range a.order {
		x := exportOverlap(o)
		exported[o] = x
		byPair[[2]int{o.a.idx, o.b.idx}] = o
		out.Overlaps = append(out.Overlaps, x)
	}
	for _, s := range a.shadowed {
		by := make([]*model.Route, len(s.by))
		for i, f := range s.by {
			by[i] = f.route
			if o := byPair[[2]int{min(s.e.idx, f.idx), max(s.e.idx, f.idx)}]; o != nil {
				exported[o].Shadowing = true
			}
		}
		out.Shadows = append(out.Shadows, &Shadow{Route: s.e.route, By: by, Via: exported[s.via]})
	}
	for _, e := range a.unmatchable {
		out.Unmatchable = append(out.Unmatchable, e.route)
	}
	return out
}

func exportOverlap(o *overlap) *Overlap {
	x := &Overlap{A: o.a.route, B: o.b.route, Path: o.path, Same: o.same, CondsDiffer: o.condsDiffer, Err: o.err}
	for i, m := range allMethods {
		if o.methods.has(i) {
			x.Methods = append(x.Methods, m)
		}
	}
	// A pair is compared once on each place both have: o.groups holds
	// each once.
	for _, g := range o.groups {
		x.Where = append(x.Where, Where{g.env, g.domain})
	}
	return x
}
