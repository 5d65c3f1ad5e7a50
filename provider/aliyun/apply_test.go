package aliyun_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// The executor (sync.Apply) and verification (sync.Verify) through this
// provider against the emulator.

// ordersDesired compiles examples/orders.
func ordersDesired(t *testing.T) *model.Desired {
	t.Helper()
	res := compiler.Compile([]string{"examples/orders"}, compiler.Options{Dir: "../.."})
	if res.Desired == nil {
		t.Fatalf("examples/orders does not compile: %v", res.Findings)
	}
	return res.Desired
}

// plan diffs d against what the emulator holds now.
func (w *writeEnv) plan(d *model.Desired) (*gwsync.Plan, *model.Live) {
	w.t.Helper()
	live := w.read()
	p, findings := gwsync.Diff(d, live, gwsync.Options{})
	if len(findings) > 0 {
		w.t.Fatalf("plan findings: %v", findings)
	}
	return p, live
}

// apply applies p with fast polling and fails the test unless every change
// was applied.
func (w *writeEnv) apply(p *gwsync.Plan, live *model.Live) *gwsync.Result {
	w.t.Helper()
	res := gwsync.Apply(context.Background(), w.gw, p, live, gwsync.ApplyOptions{Parallelism: 4, PollInterval: 2 * time.Millisecond, MaxPollInterval: 20 * time.Millisecond, DeployTimeout: 10 * time.Second})
	if !res.OK() {
		w.t.Fatalf("apply: %d failed, %d skipped: %v", res.Failed, res.Skipped, res.Errors)
	}
	return res
}

// verify verifies an apply; routes are the route states it already read.
func (w *writeEnv) verify(d *model.Desired, p *gwsync.Plan, res *gwsync.Result, routes map[string]gwsync.RouteState) []error {
	return gwsync.Verify(context.Background(), w.gw, gwsync.Verification{Desired: d, Plan: p, IDs: res, GatewayID: w.srv.GatewayID(), Parallelism: 4, Routes: routes})
}

func TestApplyVerifyAndConverge(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	d := ordersDesired(t)
	st := alimodel.Of(d)
	p, live := w.plan(d)
	res := w.apply(p, live)
	if len(res.Routes) != len(st.Routes()) {
		t.Errorf("apply kept the state of %d routes, want %d", len(res.Routes), len(st.Routes()))
	}
	routeReads := w.count("GetHttpApiRoute")
	if errs := w.verify(d, p, res, res.Routes); len(errs) > 0 {
		t.Fatalf("verification after a good apply: %v", errs)
	}
	for _, action := range []string{"GetPolicyAttachment", "GetDomain"} {
		if w.count(action) == 0 {
			t.Errorf("verification made no %s call", action)
		}
	}
	if n := w.count("GetHttpApiRoute"); n != routeReads {
		t.Errorf("verification read %d routes again, though apply's last reads hold their state", n-routeReads)
	}
	if again, _ := w.plan(d); !again.Empty() {
		t.Errorf("plan after apply has %d changes, first %s %s", len(again.Changes), again.Changes[0].Action, again.Changes[0].Label())
	}

	// Take one route offline behind gwsync's back: verification says so.
	route := st.HTTPAPIs[0].Routes[0]
	w.ids = mapIDs(res.IDs)
	w.exec(&gwsync.Change{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: route.Name, API: route.API, Resource: route.Path(), ID: res.IDs[route.Path()]})
	w.waitDeploy(route.API, route.Name, "NotDeployed")
	errs := w.verify(d, p, res, nil)
	if len(errs) == 0 {
		t.Fatal("verification passed with a route taken offline")
	}
	all := joinErrors(errs)
	for _, want := range []string{"examples/orders/orders.cue:", "verify route " + route.Name, "deployStatus is NotDeployed", "deployed routes, fewer than"} {
		if !strings.Contains(all, want) {
			t.Errorf("verification errors lack %q:\n%s", want, all)
		}
	}
}

// TestApplyAdoptsInterruptedCreates: an earlier apply made the service and
// the HTTP API, then died; applying the plan made before it adopts them.
func TestApplyAdoptsInterruptedCreates(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	d := ordersDesired(t)
	p, live := w.plan(d)
	for _, c := range p.Changes {
		if c.Kind == gwsync.KindService || c.Kind == gwsync.KindHTTPAPI {
			w.exec(c)
		}
	}
	res := w.apply(p, live)
	if res.Adopted != 2 {
		t.Errorf("adopted %d, want 2 (the service and the HTTP API)", res.Adopted)
	}
	if again, _ := w.plan(d); !again.Empty() {
		t.Errorf("plan after apply has %d changes", len(again.Changes))
	}
	if n := len(alimodel.Of(&w.read().State).Services); n != 1 {
		t.Errorf("%d services live, want 1", n)
	}
}

// TestApplyRefusesForeignExisting: a service of the same name but other
// addresses appeared since the plan; apply reports a conflict and skips
// the routes that need it.
func TestApplyRefusesForeignExisting(t *testing.T) {
	w := newWriteEnv(t, testSecret)
	d := ordersDesired(t)
	p, live := w.plan(d)
	w.exec(serviceCreate(alimodel.Of(d).Services[0].Name, "someone-else.local:8080"))
	res := gwsync.Apply(context.Background(), w.gw, p, live, gwsync.ApplyOptions{PollInterval: 2 * time.Millisecond})
	if res.Failed != 1 || res.Skipped == 0 {
		t.Fatalf("failed %d skipped %d, want the service create failed and its routes skipped: %v", res.Failed, res.Skipped, res.Errors)
	}
	if msg := res.Errors[0].Error(); !strings.Contains(msg, "conflict") || !strings.Contains(msg, "/addresses") {
		t.Errorf("error %q does not call it a conflict naming the field", msg)
	}
}

// TestApplyWaitsForBusyRoute: a route is being taken offline when apply
// updates it; APIG refuses (DeployRouteForbidden), apply waits for the
// route to settle and tries again.
func TestApplyWaitsForBusyRoute(t *testing.T) {
	w := newWriteEnvDelay(t, testSecret, 300*time.Millisecond)
	d := ordersDesired(t)
	p, live := w.plan(d)
	res := w.apply(p, live)
	route := alimodel.Of(d).HTTPAPIs[0].Routes[0]
	route.Description = "changed while busy"
	p2, live2 := w.plan(d)
	w.ids = mapIDs(res.IDs)
	w.exec(&gwsync.Change{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: route.Name, API: route.API, Resource: route.Path(), ID: res.IDs[route.Path()]})
	w.apply(p2, live2)
	if n := w.count("UpdateHttpApiRoute"); n < 2 {
		t.Errorf("UpdateHttpApiRoute sent %d times, want the refused call and its retry", n)
	}
	if again, _ := w.plan(d); !again.Empty() {
		t.Errorf("plan after apply has %d changes", len(again.Changes))
	}
}

func joinErrors(errs []error) string {
	var b strings.Builder
	for _, err := range errs {
		b.WriteString(err.Error() + "\n")
	}
	return b.String()
}
