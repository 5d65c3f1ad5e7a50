package conflicts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/diag"
)

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

// loser returns the route of an overlap that does not take the requests
// both match (the later one, when neither does), and the other one.
func (o *overlap) loser() (loser, winner *entry) {
	if o.b.outranks(o.a) {
		return o.a, o.b
	}
	return o.b, o.a
}

func overlapFinding(o *overlap) diag.Finding {
	loser, winner := o.loser()
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

// shadowFinding names the routes that take a shadowed route's requests,
// the first GroupAbove of them when there are more.
func shadowFinding(s *shadow) diag.Finding {
	shown := firstTakers(s.by, s.via.other(s.e))
	names := make([]string, 0, len(shown))
	for _, f := range shown {
		names = append(names, fmt.Sprintf("%q", f.route.Name))
	}
	f := finding(diag.RuleRouteShadowed, diag.Error, s.e, fmt.Sprintf(
		"no request reaches this route (%s): every request it matches, e.g. %s, is taken first by %s %s%s (Exact before Prefix, longer Prefix before shorter, Prefix before Regex); remove the route or change its path",
		describe(s.e), s.via.witness(), routeWord(len(s.by)), strings.Join(names, ", "), andMore(len(s.by)-len(shown))))
	f.Related, f.Witness = related(shown...), s.via.witness()
	return f
}

// firstTakers returns the first GroupAbove of the routes in by, with via
// (the route the witness is taken by) in place of the last when it is not
// among them.
func firstTakers(by []*entry, via *entry) []*entry {
	if len(by) <= GroupAbove {
		return by
	}
	shown := slices.Clone(by[:GroupAbove])
	if !slices.Contains(shown, via) {
		shown[GroupAbove-1] = via
	}
	return shown
}

// andMore is " and 77 more", or "" for none.
func andMore(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" and %s more", count(n))
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

// undecided returns the route a pair gwsync could not decide is reported
// on: the one whose pattern is too large to analyse, else the later one.
func (o *overlap) undecided() *entry {
	if o.a.path.err != nil {
		return o.a
	}
	return o.b
}

func undecidedFinding(o *overlap) diag.Finding {
	e := o.undecided()
	other := o.other(e)
	f := finding(diag.RuleRouteOverlap, diag.Warning, e, fmt.Sprintf(
		"gwsync could not decide whether this route (%s) overlaps route %q (%s): a pattern is %v; simplify the regular expression",
		describe(e), other.route.Name, describe(other), o.err))
	f.Related = related(other)
	return f
}
