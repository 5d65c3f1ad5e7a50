package conflicts_test

import (
	"fmt"
	"testing"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// scaleRoutesPerDomain is how many routes scaleState puts on each domain.
const scaleRoutesPerDomain = 100

// scaleState returns domains*100 routes, deterministically: on each domain,
// route k has the literal path /sK/10/rK — Exact for k%10 < 5, Prefix (with
// a trailing /) for 5..8, Regex /sK/10/rK/[0-9]+ for 9 — so literal prefixes
// are disjoint, methods cycle through every method, GET and POST, and three
// pairs per domain really meet: Prefix 10 overlaps Exact 11, Regex 21 is
// shadowed by Prefix 20, and Exact 31 conflicts with Exact 30.
func scaleState(domainCount int) []*model.Route {
	rs := make([]*model.Route, 0, domainCount*scaleRoutesPerDomain)
	for d := range domainCount {
		host := fmt.Sprintf("d%04d.example.com", d)
		for k := range scaleRoutesPerDomain {
			name := fmt.Sprintf("d%04d-r%03d", d, k)
			base := fmt.Sprintf("/s%02d/r%03d", k/10, k)
			var r *model.Route
			switch {
			case k == 10:
				r = prefix(name, "/s01/r010/")
			case k == 11:
				r = exact(name, "/s01/r010/x")
			case k == 20:
				r = prefix(name, "/s02/r020/")
			case k == 21:
				r = regex(name, "/s02/r020/[a-z]+")
			case k == 31:
				r = exact(name, "/s03/r030")
			case k%10 < 5:
				r = exact(name, base)
			case k%10 < 9:
				r = prefix(name, base+"/")
			default:
				r = regex(name, base+"/[0-9]+")
			}
			r.Domains = []model.Ref{{Name: host}}
			if k < 10 || k > 31 {
				r.Match.Methods = [][]string{nil, {"GET"}, {"POST"}}[k%3]
			}
			r.Match.Path.Pos = model.Pos{File: "routes.cue", Line: len(rs) + 1, Column: 3}
			rs = append(rs, r)
		}
	}
	return rs
}

func ruleCounts(fs []diag.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Rule]++
	}
	return out
}

func TestScaleStateHasThreeFindingsPerDomain(t *testing.T) {
	got := ruleCounts(conflicts.Routes(scaleState(3)))
	want := map[string]int{diag.RuleRouteOverlap: 3, diag.RuleRouteShadowed: 3, diag.RuleRouteConflict: 3}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

func BenchmarkRoutes(b *testing.B) {
	for _, domainCount := range []int{100, 1000} {
		rs := scaleState(domainCount)
		b.Run(fmt.Sprintf("routes=%d/domains=%d", len(rs), domainCount), func(b *testing.B) {
			b.ReportAllocs()
			var fs []diag.Finding
			for b.Loop() {
				fs = conflicts.Routes(rs)
			}
			if len(fs) != 3*domainCount {
				b.Fatalf("%d findings, want %d", len(fs), 3*domainCount)
			}
			b.ReportMetric(float64(len(fs)), "findings")
		})
	}
}
