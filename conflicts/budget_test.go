package conflicts_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// blowup returns n Regex routes "/.*x0.*", "/.*x1.*", ... on one domain,
// environment and method set: every pair overlaps (both match "/xIxJ"),
// none outranks another, and no literal prefix sets two apart, so each
// pair takes a search.
func blowup(n int) []*model.Route {
	rs := make([]*model.Route, n)
	for i := range rs {
		rs[i] = regex(fmt.Sprintf("r%04d", i), fmt.Sprintf("/.*x%d.*", i))
	}
	return placed(rs...)
}

// noClock is a time limit no test reaches, so that where a run stops
// depends on the input and the other limits only.
const noClock = time.Hour

// stopFindings splits the finding that the budget stopped the run from
// the others.
func stopFindings(fs []diag.Finding) (stops, others []diag.Finding) {
	for _, f := range fs {
		if strings.Contains(f.Message, "stopped at its budget") {
			stops = append(stops, f)
		} else {
			others = append(others, f)
		}
	}
	return stops, others
}

// A small state budget stops the analysis of 40 routes (780 pairs, about
// 150 states each) at the same pair every time, and one warning says so:
// the pairs decided and left add up to every pair, and it is placed on the
// route the run stopped at.
func TestBudgetStatesStopsDeterministically(t *testing.T) {
	rs := blowup(40)
	b := conflicts.Budget{States: 20000, Time: noClock}
	res := conflicts.Analyze(rs, conflicts.Options{Budget: b})
	s := res.Stopped
	if s == nil {
		t.Fatal("the run did not stop at a budget of 20,000 states")
	}
	if s.Limit != "20,000 automaton states" || s.Decided == 0 || s.Undecided == 0 || s.Decided+s.Undecided != 40*39/2 || s.At == nil {
		t.Fatalf("stop = %+v, want the state limit, and decided and undecided pairs that add up to 780", *s)
	}
	first := conflicts.RoutesWithin(rs, b)
	stops, _ := stopFindings(first)
	if len(stops) != 1 {
		t.Fatalf("%d findings say the run stopped, want 1:\n%s", len(stops), dump(first))
	}
	f := stops[0]
	want := fmt.Sprintf("the overlap analysis stopped at its budget of 20,000 automaton states: it decided %d pairs of routes and left %d undecided", s.Decided, s.Undecided)
	if f.Rule != diag.RuleRouteOverlap || f.Severity != diag.Warning || f.Resource != s.At.Path() || f.Pos != s.At.Match.Path.Pos ||
		!strings.Contains(f.Message, want) || !strings.Contains(f.Message, conflicts.Advice) {
		t.Errorf("stop finding = %+v\nwant on %s, saying %q", f, s.At.Path(), want)
	}
	for range 3 {
		if again := conflicts.RoutesWithin(rs, b); !slices.EqualFunc(first, again, sameFinding) {
			t.Fatalf("a second run differs:\n%s\nthen\n%s", dump(first), dump(again))
		}
	}
	if more := conflicts.Analyze(rs, conflicts.Options{Budget: conflicts.Budget{States: 40000, Time: noClock}}).Stopped; more == nil || more.Decided <= s.Decided {
		t.Errorf("twice the budget decides %+v, want more than %d pairs", more, s.Decided)
	}
}

func sameFinding(a, b diag.Finding) bool {
	return diag.Compare(a, b) == 0 && slices.Equal(a.Related, b.Related)
}

// What was decided before the run stopped is reported as without a
// budget; what was not is left out, never reported wrongly.
func TestBudgetKeepsWhatItDecided(t *testing.T) {
	rs := blowup(40)
	all := conflicts.Analyze(rs, conflicts.Options{Budget: conflicts.Budget{Time: noClock}})
	if all.Stopped != nil {
		t.Fatalf("the default budget stopped 40 routes: %+v", *all.Stopped)
	}
	part := conflicts.Analyze(rs, conflicts.Options{Budget: conflicts.Budget{States: 20000, Time: noClock}})
	if len(part.Overlaps) != part.Stopped.Decided {
		t.Errorf("%d overlaps of %d pairs decided, want every decided pair (they all overlap)", len(part.Overlaps), part.Stopped.Decided)
	}
	for i, o := range part.Overlaps {
		if w := all.Overlaps[i]; o.A != w.A || o.B != w.B || o.Path != w.Path {
			t.Fatalf("overlap %d is %s/%s %q, without a budget %s/%s %q", i, o.A.Name, o.B.Name, o.Path, w.A.Name, w.B.Name, w.Path)
		}
	}
}

// The pair limit binds on pairs that take no search: 10 routes with one
// Prefix path make 45 conflicts, and a budget of 10 pairs decides 10.
func TestBudgetPairs(t *testing.T) {
	var rs []*model.Route
	for i := range 10 {
		rs = append(rs, prefix(fmt.Sprintf("p%d", i), "/orders"))
	}
	res := conflicts.Analyze(placed(rs...), conflicts.Options{Budget: conflicts.Budget{Pairs: 10, Time: noClock}})
	if s := res.Stopped; s == nil || s.Limit != "10 pairs" || s.Decided != 10 || s.Undecided != 35 || len(res.Overlaps) != 10 {
		t.Fatalf("stopped %+v with %d overlaps, want 10 pairs decided and 35 left", s, len(res.Overlaps))
	}
}

// A pair that shares two domains is decided once but compared on each,
// and counts once per domain: 4 routes on 2 domains make 12 comparisons
// of 6 pairs, and a budget of 8 leaves 4.
func TestBudgetPairsCountPerDomain(t *testing.T) {
	var rs []*model.Route
	for i := range 4 {
		rs = append(rs, prefix(fmt.Sprintf("p%d", i), "/orders", domains("a.example.com", "b.example.com")))
	}
	res := conflicts.Analyze(placed(rs...), conflicts.Options{Budget: conflicts.Budget{Pairs: 8, Time: noClock}})
	if s := res.Stopped; s == nil || s.Decided != 8 || s.Undecided != 4 || len(res.Overlaps) != 6 {
		t.Fatalf("stopped %+v with %d overlaps, want 8 comparisons decided, 4 left and 6 pairs", s, len(res.Overlaps))
	}
	both := 0
	for _, o := range res.Overlaps {
		if len(o.Where) == 2 {
			both++
		}
	}
	if both != 2 {
		t.Errorf("%d pairs found on both domains, want the 2 compared on the second before the stop", both)
	}
}

// A run within its budget says nothing about it.
func TestBudgetNotReached(t *testing.T) {
	fs := conflicts.Routes(blowup(6))
	if stops, _ := stopFindings(fs); len(stops) != 0 {
		t.Fatalf("6 routes reached the default budget:\n%s", dump(fs))
	}
}

// Once the run is stopped, a grouped finding counts the overlaps decided
// as "at least".
func TestBudgetGroupedCountIsALowerBound(t *testing.T) {
	fs := conflicts.RoutesWithin(blowup(40), conflicts.Budget{States: 20000, Time: noClock})
	_, others := stopFindings(fs)
	grouped := 0
	for _, f := range others {
		if strings.Contains(f.Message, " other routes; the first ") {
			grouped++
			if !strings.Contains(f.Message, "overlaps at least ") {
				t.Errorf("grouped finding of a stopped run without \"at least\": %s", f.Message)
			}
		}
	}
	if grouped == 0 {
		t.Fatalf("no grouped finding:\n%s", dump(fs))
	}
}

// Eight equal-precedence Regex routes that all overlap: each overlap is
// reported on the later route, so route i has i of them. Up to
// GroupAbove (5) each is a finding; r0006 and r0007 get one finding each,
// with the count, the first three routes and a witness of the first.
func TestGroupingOneFindingPerRoute(t *testing.T) {
	if conflicts.GroupAbove != 5 {
		t.Fatalf("GroupAbove = %d; this test and the README assume 5", conflicts.GroupAbove)
	}
	rs := blowup(8)
	var want []wantFinding
	for i := 1; i <= 5; i++ {
		for j := range i {
			other := fmt.Sprintf("r%04d", j)
			want = append(want, overlapOf(fmt.Sprintf("r%04d", i), other, fmt.Sprintf("GET api.example.com /x%dx%d", j, i), "with equal precedence"))
		}
	}
	for _, i := range []int{6, 7} {
		want = append(want, wantFinding{diag.RuleRouteOverlap, fmt.Sprintf("r%04d", i), []string{"r0000", "r0001", "r0002"}, fmt.Sprintf("GET api.example.com /x0x%d", i), []string{
			fmt.Sprintf(`route (Regex "/.*x%d.*" for every method) overlaps %d other routes; the first 3: `, i, i),
			fmt.Sprintf(`"r0001" (Regex "/.*x1.*" for every method) also matches GET api.example.com /x1x%d, with equal precedence`, i),
			fmt.Sprintf("and %d more", i-3)}})
	}
	checkFindings(t, rs, conflicts.Routes(rs), want)
}

// A route that conflicts with many others gets its first GroupAbove
// conflicts one by one, and one more error for the rest.
func TestGroupingConflictsPastGroupAbove(t *testing.T) {
	var rs []*model.Route
	for i := range 9 {
		rs = append(rs, exact(fmt.Sprintf("e%d", i), "/orders"))
	}
	fs := conflicts.Routes(placed(rs...))
	var onLast []diag.Finding
	for _, f := range fs {
		if f.Resource == rs[8].Path() {
			onLast = append(onLast, f)
		}
	}
	if len(onLast) != 6 {
		t.Fatalf("%d findings on e8, want 5 conflicts and one for the other 3:\n%s", len(onLast), dump(onLast))
	}
	slices.SortFunc(onLast, func(a, b diag.Finding) int { return strings.Compare(a.Message, b.Message) })
	more := onLast[0]
	if more.Rule != diag.RuleRouteConflict || more.Severity != diag.Error || !strings.Contains(more.Message, "route also conflicts with 3 more routes than the 5 reported on it one by one; the first 3: \"e5\" (Exact \"/orders\" for every method) takes the same requests, e.g. GET api.example.com /orders") {
		t.Errorf("finding for the rest:\n%s", dump([]diag.Finding{more}))
	}
	// e0 to e5 have 0 to 5 conflicts; e6, e7 and e8 have 6 to 8, as 6
	// findings each.
	if got := ruleCounts(fs); got[diag.RuleRouteConflict] != 0+1+2+3+4+5+6+6+6 {
		t.Errorf("%d conflict findings, want 33", got[diag.RuleRouteConflict])
	}
}

// The pairs gwsync could not decide because a regex is too large are
// reported on that route, and grouped: seven Prefix routes with seven
// different methods meet the regex but not each other.
func TestGroupingUndecidedOnTheLargeRoute(t *testing.T) {
	rs := []*model.Route{regex("big", "/(?:abcdefghijklmnopqrstu){1000}")}
	for i, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"} {
		rs = append(rs, prefix(fmt.Sprintf("p%d", i), "/", methods(m)))
	}
	want := wantFinding{diag.RuleRouteOverlap, "big", []string{"p0", "p1", "p2"}, "", []string{
		"could not decide whether this route", "overlaps 7 other routes, the first 3", " and 4 more: a pattern is regex", "too large"}}
	checkFindings(t, placed(rs...), conflicts.Routes(rs), []wantFinding{want})
}

// BenchmarkRegexBlowup is the input: 1,000 Regex routes
// "/.*xI.*" on one domain, every pair of which overlaps (499,500 pairs,
// 113 s and 1.3 GB, and as many warnings, before the budget). Within the
// default budget the run stops at its state limit.
func BenchmarkRegexBlowup(b *testing.B) {
	rs := blowup(1000)
	b.ReportAllocs()
	var fs []diag.Finding
	for b.Loop() {
		fs = conflicts.Routes(rs)
	}
	if stops, _ := stopFindings(fs); len(stops) != 1 {
		b.Fatalf("%d findings say the run stopped, want 1", len(stops))
	}
	b.ReportMetric(float64(len(fs)), "findings")
}
