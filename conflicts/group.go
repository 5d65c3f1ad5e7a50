package conflicts

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/diag"
)

// GroupAbove is how many findings of one kind a route gets one by one:
// past it, its overlaps (or the pairs gwsync could not decide) are one
// finding with their count and the first few, and its conflicts beyond
// the first GroupAbove are one more; a shadowed route's finding names the
// first GroupAbove of the routes that take its requests. Callers that
// word findings themselves (Analyze) group the same way.
const GroupAbove = 5

// groupShown is how many of a route's grouped findings its one finding
// names, with their witnesses.
const groupShown = 3

// reports are the pair findings about one route, of each kind, in the
// order found.
type reports struct {
	conflicts, overlaps, undecided []*overlap
}

// findings turns the analysis into findings: one per route that matches
// no request path, one per shadowed route, the pair findings of each route
// (grouped past GroupAbove), and one when the budget stopped the run.
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
	per := map[int]*reports{}
	of := func(e *entry) *reports {
		if per[e.idx] == nil {
			per[e.idx] = &reports{}
		}
		return per[e.idx]
	}
	least := ""
	if a.stop != nil {
		least = "at least "
	}
	for _, o := range a.order {
		switch {
		case o.err != nil:
			r := of(o.undecided())
			r.undecided = append(r.undecided, o)
		case o.same:
			r := of(o.b)
			r.conflicts = append(r.conflicts, o)
		case !shadowedBy[[2]int{o.a.idx, o.b.idx}] && !shadowedBy[[2]int{o.b.idx, o.a.idx}]:
			loser, _ := o.loser()
			r := of(loser)
			r.overlaps = append(r.overlaps, o)
		}
	}
	for _, i := range slices.Sorted(maps.Keys(per)) {
		out = append(out, per[i].findings(a.entries[i], least)...)
	}
	if a.stop != nil {
		out = append(out, stopFinding(a.stop))
	}
	return out
}

// findings are e's pair findings: each conflict up to GroupAbove and one
// for the rest; each overlap, or one for them all past GroupAbove; and
// the same for the pairs gwsync could not decide. Counts start with
// least ("at least ") when the run stopped at its budget.
func (r reports) findings(e *entry, least string) []diag.Finding {
	var out []diag.Finding
	for i, o := range r.conflicts {
		if i == GroupAbove {
			out = append(out, moreConflictsFinding(e, r.conflicts[i:], least))
			break
		}
		out = append(out, conflictFinding(o))
	}
	if len(r.overlaps) > GroupAbove {
		out = append(out, overlapsFinding(e, r.overlaps, least))
	} else {
		for _, o := range r.overlaps {
			out = append(out, overlapFinding(o))
		}
	}
	if len(r.undecided) > GroupAbove {
		out = append(out, undecidedGroupFinding(e, r.undecided, least))
	} else {
		for _, o := range r.undecided {
			out = append(out, undecidedFinding(o))
		}
	}
	return out
}

// shown returns the first groupShown overlaps of os and e's other route
// in each.
func shown(e *entry, os []*overlap) ([]*overlap, []*entry) {
	os = os[:min(len(os), groupShown)]
	others := make([]*entry, len(os))
	for i, o := range os {
		others[i] = o.other(e)
	}
	return os, others
}

// overlapsFinding is one finding for a route's many overlaps: their
// count, and the first few with a request each route matches.
func overlapsFinding(e *entry, os []*overlap, least string) diag.Finding {
	first, others := shown(e, os)
	examples := make([]string, len(first))
	for i, o := range first {
		examples[i] = overlapExample(o, e, others[i])
	}
	f := finding(diag.RuleRouteOverlap, diag.Warning, e, fmt.Sprintf(
		"route (%s) overlaps %s%s other routes; the first %d: %s; and %s more: make their paths, methods or domains disjoint, or narrow this route's path or methods",
		describe(e), least, count(len(os)), len(first), strings.Join(examples, "; "), count(len(os)-len(first))))
	f.Related, f.Witness = related(others...), first[0].witness()
	return f
}

// overlapExample says how loser and other meet: `"r1" (Regex "/a.*" for
// GET) also matches GET api.example.com /a, with equal precedence`.
func overlapExample(o *overlap, loser, other *entry) string {
	s := fmt.Sprintf("%q (%s) ", other.route.Name, describe(other))
	if other.outranks(loser) {
		s += fmt.Sprintf("takes %s first (%s)", o.witness(), precedence(other, loser))
	} else {
		s += fmt.Sprintf("also matches %s, with equal precedence", o.witness())
	}
	if o.condsDiffer {
		s += ", and their header and query conditions do not keep them apart"
	}
	return s
}

// moreConflictsFinding is one finding for the conflicts of a route past
// the first GroupAbove, each of which is an error of its own.
func moreConflictsFinding(e *entry, os []*overlap, least string) diag.Finding {
	first, others := shown(e, os)
	examples := make([]string, len(first))
	for i, o := range first {
		examples[i] = fmt.Sprintf("%q (%s) takes the same requests, e.g. %s", others[i].route.Name, describe(others[i]), o.witness())
	}
	f := finding(diag.RuleRouteConflict, diag.Error, e, fmt.Sprintf(
		"route also conflicts with %s%s more %s than the %d reported on it one by one; the first %d: %s%s; APIG rejects a deploy with two routes that take the same requests (Conflict.ApiPublishDuplicatedPathFound), or serves them from either: change the path, the methods or the domains of all but one",
		least, count(len(os)), routeWord(len(os)), GroupAbove, len(first), strings.Join(examples, "; "), andMore(len(os)-len(first))))
	f.Related, f.Witness = related(others...), first[0].witness()
	return f
}

// undecidedGroupFinding is one finding for the many pairs of a route
// gwsync could not decide.
func undecidedGroupFinding(e *entry, os []*overlap, least string) diag.Finding {
	first, others := shown(e, os)
	names := make([]string, len(others))
	for i, o := range others {
		names[i] = fmt.Sprintf("%q (%s)", o.route.Name, describe(o))
	}
	f := finding(diag.RuleRouteOverlap, diag.Warning, e, fmt.Sprintf(
		"gwsync could not decide whether this route (%s) overlaps %s%s other routes, the first %d %s%s: a pattern is %v; simplify the regular expression",
		describe(e), least, count(len(os)), len(first), strings.Join(names, ", "), andMore(len(os)-len(first)), first[0].err))
	f.Related = related(others...)
	return f
}

// stopFinding says that the run stopped at its budget, on the route it
// stopped at.
func stopFinding(s *Stop) diag.Finding {
	return diag.Warnf(diag.RuleRouteOverlap, s.At.Path(), s.At.Match.Path.Pos, s.Summary("routes")+
		", so conflicts, shadowed routes and overlaps among those are not reported (this route is where it stopped); "+Advice)
}

// Advice says how to bring a gateway's routes within the budget.
const Advice = "to have every pair decided, start each Regex path with a literal that sets it apart (such as /orders/), which keeps routes apart without a search, simplify the regular expressions, or split the routes over more domains or gateways"
