package sync_test

import (
	"fmt"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/synth"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// BenchmarkDiff measures the diff stage of a plan for 10,000 routes (100
// HTTP APIs, 100 domains, 200 services): against a live gateway that
// already matches (every document normalised and compared) and against an
// empty one (every resource created). The target is under 1 s.
//
//	go test -run '^$' -bench Diff -benchmem ./sync
func BenchmarkDiff(b *testing.B) {
	d := synthDesired(b, 10000)
	for _, tc := range []struct {
		name string
		live *model.Live
	}{
		{"routes=10000/in-sync", liveCopy(d)},
		{"routes=10000/empty-gateway", &model.Live{State: model.Desired{State: &alimodel.State{Environments: alimodel.Of(d).Environments}}, IDs: map[string]string{}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				plan, findings := gwsync.Diff(d, tc.live, gwsync.Options{})
				if len(findings) > 0 {
					b.Fatalf("findings: %v", findings[0])
				}
				_ = plan
			}
		})
	}
}

func synthDesired(tb testing.TB, routes int) *model.Desired {
	tb.Helper()
	dir := tb.TempDir()
	paths, err := synth.Write(dir, synth.Config{Routes: routes})
	if err != nil {
		tb.Fatal(err)
	}
	res := compiler.Compile(paths, compiler.Options{Dir: dir})
	if res.Desired == nil {
		tb.Fatalf("synthetic desired state does not compile: %v", res.Findings)
	}
	return res.Desired
}

// liveCopy is the live gateway a successful apply of d leaves: the same
// resources with ownership markers, IDs and deployed routes.
func liveCopy(d *model.Desired) *model.Live {
	l := &model.Live{IDs: map[string]string{}, Deploys: map[string]model.Deploy{}}
	from := alimodel.Of(d)
	s := &alimodel.State{Environments: from.Environments, Services: from.Services, Domains: from.Domains, Attachments: from.Attachments}
	l.State = model.Desired{Gateway: d.Gateway, State: s}
	for _, p := range from.Policies {
		cp := *p
		cp.Description = gwsync.WithMarker(p.Description, "")
		s.Policies = append(s.Policies, &cp)
	}
	for _, a := range from.HTTPAPIs {
		ca := *a
		ca.Description = gwsync.WithMarker(a.Description, "")
		ca.Routes = nil
		for _, r := range a.Routes {
			cr := *r
			cr.Description = gwsync.WithMarker(r.Description, "")
			ca.Routes = append(ca.Routes, &cr)
			l.Deploys[r.Path()] = model.Deploy{Status: "Deployed", Environment: r.Environment.Name}
			l.IDs[r.Path()] = fmt.Sprintf("hr-%d", len(l.IDs))
		}
		s.HTTPAPIs = append(s.HTTPAPIs, &ca)
	}
	return l
}

// TestLiveCopyIsInSync guards the benchmark: the copy must plan no change.
func TestLiveCopyIsInSync(t *testing.T) {
	d := synthDesired(t, 300)
	plan, findings := gwsync.Diff(d, liveCopy(d), gwsync.Options{})
	if !plan.Empty() || len(findings) > 0 {
		t.Fatalf("plan against an applied copy is not empty: %d changes (first %+v), findings %v", len(plan.Changes), plan.Changes, findings)
	}
}
