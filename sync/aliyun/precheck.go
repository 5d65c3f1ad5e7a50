package aliyun

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// precheck checks the desired routes against the live routes this desired
// state does not manage (others), with the same engine validate uses,
// within budget b (Diff: the default, as validate), so that a clash with
// another team's route shows in the plan rather than as a failed deploy. Each finding is about a desired route and names
// the live routes with their IDs; clashes between desired routes are
// validate's to report. A desired route's clashes of one kind are grouped
// past conflicts.GroupAbove, as validate groups them, and where the
// engine's budget stopped it one warning says so.
func precheck(d *model.Desired, others []*model.Route, ids map[string]string, b conflicts.Budget) []diag.Finding {
	desired := stateOf(d).Routes()
	if len(others) == 0 || len(desired) == 0 {
		return nil
	}
	pc := &prechecker{desired: map[*model.Route]bool{}, ids: ids}
	for _, r := range desired {
		pc.desired[r] = true
	}
	res := conflicts.Analyze(append(desired, others...), conflicts.Options{Budget: b})
	for _, s := range res.Shadows {
		pc.shadow(s)
	}
	for _, o := range res.Overlaps {
		pc.pair(o)
	}
	out := pc.findings()
	if res.Stopped != nil {
		out = append(out, pc.stopped(res.Stopped, desired[0]))
	}
	return out
}

// prechecker collects what precheck reports, per desired route.
type prechecker struct {
	desired map[*model.Route]bool
	ids     map[string]string
	out     []diag.Finding
	// mine lists the desired routes with pair findings, in the order
	// found; clashes holds those findings by route and kind.
	mine    []*model.Route
	clashes map[*model.Route]*clashes
}

// clashes are a desired route's findings against live routes, one kind
// each.
type clashes struct {
	conflicts, overlaps, undecided []clash
}

// clash is one finding against one live route.
type clash struct {
	f    diag.Finding
	live *model.Route
}

func (pc *prechecker) isLive(r *model.Route) bool { return !pc.desired[r] }

// shadow reports a desired route that live routes would shadow, or a live
// route a desired one would shadow.
func (pc *prechecker) shadow(s *conflicts.Shadow) {
	w := witness(s.Via)
	if pc.desired[s.Route] {
		lives := slices.DeleteFunc(slices.Clone(s.By), func(r *model.Route) bool { return !pc.isLive(r) })
		if len(lives) == 0 {
			return // shadowed by desired routes only: validate reports it
		}
		shown := lives[:min(len(lives), conflicts.GroupAbove)]
		msg := fmt.Sprintf("no request would reach this route: %s%s, which this desired state does not manage, %s first every request it matches, e.g. %s: change this route's path",
			pc.describe(shown), andMore(len(lives)-len(shown)), takeWord(len(lives)), w)
		pc.out = append(pc.out, pc.onDesired(diag.RuleRouteShadowed, diag.Error, s.Route, shown, w, msg))
		return
	}
	if i := slices.IndexFunc(s.By, func(r *model.Route) bool { return pc.desired[r] }); i >= 0 {
		msg := fmt.Sprintf("this route would take every request %s matches, e.g. %s, and leave it nothing to serve; it is not managed by this desired state: narrow this route's path, or agree with its owner",
			pc.describe([]*model.Route{s.Route}), w)
		pc.out = append(pc.out, pc.onDesired(diag.RuleRouteShadowed, diag.Error, s.By[i], []*model.Route{s.Route}, w, msg))
	}
}

// pair notes an overlap between a desired and a live route that is not
// part of a shadow.
func (pc *prechecker) pair(o *conflicts.Overlap) {
	mine, live := o.A, o.B
	if pc.isLive(mine) {
		mine, live = live, mine
	}
	if pc.isLive(mine) || !pc.isLive(live) || (o.Shadowing && !o.Same) {
		return
	}
	c := pc.clashesOf(mine)
	names, w := pc.describe([]*model.Route{live}), witness(o)
	switch {
	case o.Err != nil:
		msg := fmt.Sprintf("gwsync could not decide whether this route overlaps %s, which this desired state does not manage: a pattern is %v; simplify the regular expression",
			names, o.Err)
		c.undecided = append(c.undecided, clash{pc.onDesired(diag.RuleRouteOverlap, diag.Warning, mine, []*model.Route{live}, "", msg), live})
	case o.Same:
		// The desired route that comes later is asked to agree with the
		// live route's owner too, as before.
		agree := ""
		if o.B == mine {
			agree = ", or agree with the live route's owner"
		}
		msg := fmt.Sprintf("route conflicts with %s, which this desired state does not manage: both take the same requests, e.g. %s, and APIG rejects the deploy (Conflict.ApiPublishDuplicatedPathFound): change this route's path, methods or domains%s",
			names, w, agree)
		c.conflicts = append(c.conflicts, clash{pc.onDesired(diag.RuleRouteConflict, diag.Error, mine, []*model.Route{live}, w, msg), live})
	default:
		msg := fmt.Sprintf("route overlaps %s, which this desired state does not manage: both match %s; make their paths, methods or domains disjoint, or agree with the live route's owner which serves it",
			names, w)
		c.overlaps = append(c.overlaps, clash{pc.onDesired(diag.RuleRouteOverlap, diag.Warning, mine, []*model.Route{live}, w, msg), live})
	}
}

func (pc *prechecker) clashesOf(r *model.Route) *clashes {
	if pc.clashes == nil {
		pc.clashes = map[*model.Route]*clashes{}
	}
	c := pc.clashes[r]
	if c == nil {
		c = &clashes{}
		pc.clashes[r] = c
		pc.mine = append(pc.mine, r)
	}
	return c
}

// findings returns every finding: shadows, then each desired route's
// clashes, grouped past conflicts.GroupAbove.
func (pc *prechecker) findings() []diag.Finding {
	out := pc.out
	for _, r := range pc.mine {
		c := pc.clashes[r]
		out = append(out, firstOf(c.conflicts)...)
		if n := len(c.conflicts) - conflicts.GroupAbove; n > 0 {
			out = append(out, pc.group(r, c.conflicts[conflicts.GroupAbove:], "also conflicts with %s more live %s than those reported on it one by one, which this desired state does not manage, %s; APIG rejects the deploy (Conflict.ApiPublishDuplicatedPathFound): change this route's path, methods or domains"))
		}
		out = append(out, pc.groupPast(r, c.overlaps, "overlaps %s live %s this desired state does not manage, %s; make their paths, methods or domains disjoint, or agree with the live routes' owners which serves them")...)
		out = append(out, pc.groupPast(r, c.undecided, "may overlap %s live %s this desired state does not manage, %s: gwsync could not decide (a pattern is too large); simplify the regular expression")...)
	}
	return out
}

// firstOf returns the findings of the first conflicts.GroupAbove clashes.
func firstOf(cs []clash) []diag.Finding {
	out := make([]diag.Finding, 0, min(len(cs), conflicts.GroupAbove))
	for _, c := range cs[:min(len(cs), conflicts.GroupAbove)] {
		out = append(out, c.f)
	}
	return out
}

// groupPast returns each clash's finding, or one finding for them all when
// there are more than conflicts.GroupAbove.
func (pc *prechecker) groupPast(mine *model.Route, cs []clash, format string) []diag.Finding {
	if len(cs) <= conflicts.GroupAbove {
		return firstOf(cs)
	}
	return []diag.Finding{pc.group(mine, cs, format)}
}

// groupShown is how many live routes a grouped finding names.
const groupShown = 3

// group is one finding for many clashes of one kind: format takes their
// count, "route" or "routes", and the first few live routes with their
// witnesses.
func (pc *prechecker) group(mine *model.Route, cs []clash, format string) diag.Finding {
	first := cs[:min(len(cs), groupShown)]
	parts, lives := make([]string, len(first)), make([]*model.Route, len(first))
	for i, c := range first {
		lives[i] = c.live
		parts[i] = pc.describe([]*model.Route{c.live})
		if c.f.Witness != "" {
			parts[i] += " (both match " + c.f.Witness + ")"
		}
	}
	list := strings.Join(parts, ", ") + andMore(len(cs)-len(first))
	f := cs[0].f
	msg := "route " + fmt.Sprintf(format, conflicts.Count(len(cs)), routeWord(len(cs)), list)
	return pc.onDesired(f.Rule, f.Severity, mine, lives, f.Witness, msg)
}

// stopped says that the engine stopped at its budget, on the route it
// stopped at when that is a desired one, else on first.
func (pc *prechecker) stopped(s *conflicts.Stop, first *model.Route) diag.Finding {
	at := s.At
	if pc.isLive(at) {
		at = first
	}
	return pc.onDesired(diag.RuleRouteOverlap, diag.Warning, at, nil, "", "checking the desired routes against the live routes this desired state does not manage, "+
		s.Summary("routes")+", so clashes with live routes among those are not reported; "+conflicts.Advice)
}

// onDesired makes a finding on a desired route that relates live ones.
func (pc *prechecker) onDesired(rule string, sev diag.Severity, mine *model.Route, lives []*model.Route, w, msg string) diag.Finding {
	f := diag.Finding{Rule: rule, Severity: sev, Message: msg, Resource: mine.Path(), Pos: mine.Match.Path.Pos, Witness: w}
	if !f.Pos.IsValid() {
		f.Pos = mine.Pos
	}
	for _, r := range lives {
		f.Related = append(f.Related, diag.Related{Resource: r.Path()})
	}
	return f
}

// describe names live routes: live route "x" (hr-1, HTTP API "y").
func (pc *prechecker) describe(rs []*model.Route) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("live route %q (%s, HTTP API %q)", r.Name, pc.ids[r.Path()], r.API)
	}
	return strings.Join(parts, " and ")
}

// witness is an overlap's example request: METHOD HOST PATH.
func witness(o *conflicts.Overlap) string {
	return o.Methods[0] + " " + o.Where[0].Domain + " " + o.Path
}

func takeWord(n int) string {
	if n == 1 {
		return "takes"
	}
	return "take"
}

func routeWord(n int) string {
	if n == 1 {
		return "route"
	}
	return "routes"
}

// andMore is " and 7 more", or "" for none.
func andMore(n int) string {
	if n <= 0 {
		return ""
	}
	return " and " + conflicts.Count(n) + " more"
}
