package aliyun

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// prechecked runs precheck with one desired route against live routes,
// each live route i with ID hr-i, all on one domain and environment.
func prechecked(mine *model.Route, lives []*model.Route, b conflicts.Budget) []diag.Finding {
	d := &model.Desired{State: &alimodel.State{HTTPAPIs: []*alimodel.HTTPAPI{{Name: "mine", Routes: []*model.Route{mine}}}}}
	ids := map[string]string{}
	for i, r := range lives {
		ids[r.Path()] = fmt.Sprintf("hr-%d", i)
	}
	return precheck(d, lives, ids, b)
}

func route(api, name, typ, value string) *model.Route {
	return &model.Route{Name: name, API: api, Environment: model.Ref{Name: "prod"}, Domains: []model.Ref{{Name: "api.example.com"}},
		Match: model.Match{Path: model.PathMatch{Type: typ, Value: value, Pos: model.Pos{File: "gw.cue", Line: 3, Column: 5}}}}
}

// liveExacts returns n live Exact routes /a0, /a1, ... of HTTP API
// "theirs".
func liveExacts(n int) []*model.Route {
	var out []*model.Route
	for i := range n {
		out = append(out, route("theirs", fmt.Sprintf("l%d", i), model.PathExact, fmt.Sprintf("/a%d", i)))
	}
	return out
}

// A desired route that overlaps a few live routes gets a warning for
// each; one that overlaps more than conflicts.GroupAbove gets one, with
// their count and the first three.
func TestPrecheckGroupsOverlapsWithLiveRoutes(t *testing.T) {
	mine := route("mine", "all", model.PathPrefix, "/a")
	few := prechecked(mine, liveExacts(3), conflicts.Budget{})
	if len(few) != 3 {
		t.Fatalf("%d findings against 3 live routes, want 3: %v", len(few), few)
	}
	for _, f := range few {
		if f.Rule != diag.RuleRouteOverlap || f.Resource != mine.Path() || len(f.Related) != 1 ||
			!strings.HasPrefix(f.Message, `route overlaps live route "l`) || !strings.Contains(f.Message, `, HTTP API "theirs"), which this desired state does not manage: both match GET api.example.com /a`) {
			t.Errorf("finding: %+v", f)
		}
	}
	many := prechecked(mine, liveExacts(7), conflicts.Budget{})
	if len(many) != 1 {
		t.Fatalf("%d findings against 7 live routes, want 1: %v", len(many), many)
	}
	f := many[0]
	want := `route overlaps 7 live routes this desired state does not manage, live route "l0" (hr-0, HTTP API "theirs") (both match GET api.example.com /a0), live route "l1" (hr-1, HTTP API "theirs") (both match GET api.example.com /a1), live route "l2" (hr-2, HTTP API "theirs") (both match GET api.example.com /a2) and 4 more; make their paths`
	if f.Rule != diag.RuleRouteOverlap || f.Severity != diag.Warning || f.Witness != "GET api.example.com /a0" || len(f.Related) != 3 || !strings.HasPrefix(f.Message, want) {
		t.Errorf("grouped finding: %+v\nwant message %q...", f, want)
	}
}

// A pair the engine could not decide is said to be undecided, not an
// overlap with an empty witness.
func TestPrecheckUndecided(t *testing.T) {
	mine := route("mine", "big", model.PathRegex, "/(?:abcdefghijklmnopqrstu){1000}")
	fs := prechecked(mine, []*model.Route{route("theirs", "all", model.PathPrefix, "/")}, conflicts.Budget{})
	if len(fs) != 1 || fs[0].Witness != "" || !strings.HasPrefix(fs[0].Message, `gwsync could not decide whether this route overlaps live route "all" (hr-0, HTTP API "theirs")`) {
		t.Fatalf("findings: %+v", fs)
	}
}

// Where the budget stops the engine, the plan says so, on a desired
// route.
func TestPrecheckBudget(t *testing.T) {
	fs := prechecked(route("mine", "all", model.PathPrefix, "/a"), liveExacts(20), conflicts.Budget{Pairs: 4})
	var stops []diag.Finding
	for _, f := range fs {
		if strings.Contains(f.Message, "stopped at its budget") {
			stops = append(stops, f)
		}
	}
	want := "checking the desired routes against the live routes this desired state does not manage, the overlap analysis stopped at its budget of 4 pairs: it decided 4 pairs of routes and left 16 undecided"
	if len(stops) != 1 || stops[0].Resource != "httpApis.mine.routes.all" || stops[0].Severity != diag.Warning || !strings.HasPrefix(stops[0].Message, want) {
		t.Fatalf("findings: %+v\nwant one on the desired route saying %q", fs, want)
	}
}
