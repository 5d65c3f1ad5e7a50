package sync

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// precheck checks the desired routes against the live routes this desired
// state does not manage (others), with the same engine validate uses, so
// that a clash with another team's route shows in the plan rather than as
// a failed deploy. Each finding is about a desired route and names the
// live route with its ID.
func precheck(d *model.Desired, others []*model.Route, ids map[string]string) []diag.Finding {
	if len(others) == 0 {
		return nil
	}
	desired := d.Routes()
	byPath := make(map[string]*model.Route, len(desired))
	for _, r := range desired {
		byPath[r.Path()] = r
	}
	other := make(map[string]*model.Route, len(others))
	for _, r := range others {
		other[r.Path()] = r
	}
	pc := &prechecker{desired: byPath, other: other, ids: ids}
	var out []diag.Finding
	for _, f := range conflicts.Routes(append(desired, others...)) {
		if g, ok := pc.rewrite(f); ok {
			out = append(out, g)
		}
	}
	return out
}

type prechecker struct {
	desired, other map[string]*model.Route
	ids            map[string]string
}

// rewrite keeps a finding that involves a desired and a live route and
// words it from the desired route's side.
func (pc *prechecker) rewrite(f diag.Finding) (diag.Finding, bool) {
	var lives []*model.Route
	for _, rel := range f.Related {
		if r := pc.other[rel.Resource]; r != nil {
			lives = append(lives, r)
		}
	}
	if mine := pc.desired[f.Resource]; mine != nil {
		if len(lives) == 0 {
			return f, false // between desired routes: validate reports it
		}
		return pc.againstLive(f, mine, lives), true
	}
	if live := pc.other[f.Resource]; live != nil {
		for _, rel := range f.Related {
			if mine := pc.desired[rel.Resource]; mine != nil {
				return pc.overLive(f, mine, live), true
			}
		}
	}
	return f, false
}

// againstLive words a finding about a desired route clashing with live
// routes.
func (pc *prechecker) againstLive(f diag.Finding, mine *model.Route, lives []*model.Route) diag.Finding {
	names := pc.describe(lives)
	switch f.Rule {
	case diag.RuleRouteConflict:
		f.Message = fmt.Sprintf("route conflicts with %s, which this desired state does not manage: both take the same requests, e.g. %s, and APIG rejects the deploy (Conflict.ApiPublishDuplicatedPathFound): change this route's path, methods or domains, or agree with the live route's owner",
			names, f.Witness)
	case diag.RuleRouteShadowed:
		f.Message = fmt.Sprintf("no request would reach this route: %s, which this desired state does not manage, takes first every request it matches, e.g. %s: change this route's path", names, f.Witness)
	default:
		f.Message = fmt.Sprintf("route overlaps %s, which this desired state does not manage: both match %s; make their paths, methods or domains disjoint, or agree with the live route's owner which serves it",
			names, f.Witness)
	}
	return pc.onDesired(f, mine, lives)
}

// overLive words a finding about a live route that a desired route
// conflicts with or shadows.
func (pc *prechecker) overLive(f diag.Finding, mine, live *model.Route) diag.Finding {
	names := pc.describe([]*model.Route{live})
	switch f.Rule {
	case diag.RuleRouteShadowed:
		f.Message = fmt.Sprintf("this route would take every request %s matches, e.g. %s, and leave it nothing to serve; it is not managed by this desired state: narrow this route's path, or agree with its owner",
			names, f.Witness)
	case diag.RuleRouteConflict:
		f.Message = fmt.Sprintf("route conflicts with %s, which this desired state does not manage: both take the same requests, e.g. %s, and APIG rejects the deploy (Conflict.ApiPublishDuplicatedPathFound): change this route's path, methods or domains",
			names, f.Witness)
	default:
		f.Message = fmt.Sprintf("route overlaps %s, which this desired state does not manage: both match %s; make their paths, methods or domains disjoint, or agree with the live route's owner which serves it",
			names, f.Witness)
	}
	return pc.onDesired(f, mine, []*model.Route{live})
}

// onDesired places a finding on the desired route and relates the live
// ones.
func (pc *prechecker) onDesired(f diag.Finding, mine *model.Route, lives []*model.Route) diag.Finding {
	f.Resource, f.Pos = mine.Path(), mine.Match.Path.Pos
	if !f.Pos.IsValid() {
		f.Pos = mine.Pos
	}
	f.Related = nil
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
