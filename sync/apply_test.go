package sync_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// fakeGateway is a scripted sync.Gateway for the executor's own tests:
// it records the calls and answers from hooks. (The provider is tested
// against the emulator; this isolates the executor's scheduling.)
type fakeGateway struct {
	// onExecute, if set, answers Execute (after it is recorded).
	onExecute func(ctx context.Context, c *gwsync.Change, ids gwsync.IDs) (string, error)
	// onStatus, if set, answers DeployStatus; else a route is Deployed.
	onStatus func(apiID, routeID string) model.Deploy
	// statusErr, if set, fails a DeployStatus read when it returns an error.
	statusErr func() error
	// live is what Read answers.
	live *model.Live

	mu          gosync.Mutex
	executed    []*gwsync.Change
	ended       map[*gwsync.Change]int // order in which Execute returned
	inFlight    int
	maxInFlight int
	reads       int
}

func (g *fakeGateway) Read(context.Context) (*model.Live, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.reads++
	return g.live, nil
}

func (g *fakeGateway) Execute(ctx context.Context, c *gwsync.Change, ids gwsync.IDs) (string, error) {
	g.mu.Lock()
	g.executed = append(g.executed, c)
	g.inFlight++
	g.maxInFlight = max(g.maxInFlight, g.inFlight)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.inFlight--
		if g.ended == nil {
			g.ended = map[*gwsync.Change]int{}
		}
		g.ended[c] = len(g.ended)
		g.mu.Unlock()
	}()
	if g.onExecute != nil {
		return g.onExecute(ctx, c, ids)
	}
	if c.Action == gwsync.Create || c.Action == gwsync.Attach {
		return "id-" + c.Resource, nil
	}
	return "", nil
}

func (g *fakeGateway) DeployStatus(_ context.Context, apiID, routeID string) (model.Deploy, error) {
	if g.statusErr != nil {
		if err := g.statusErr(); err != nil {
			return model.Deploy{}, err
		}
	}
	if g.onStatus != nil {
		return g.onStatus(apiID, routeID), nil
	}
	return model.Deploy{Status: "Deployed"}, nil
}

// count returns how many times Execute was called for changes matching.
func (g *fakeGateway) count(match func(*gwsync.Change) bool) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, c := range g.executed {
		if match(c) {
			n++
		}
	}
	return n
}

// planFor compiles a desired state and plans it onto a gateway that has
// only the environment prod.
func planFor(t *testing.T, src string) (*model.Desired, *gwsync.Plan, *model.Live) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "desired.cue")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{file}, compiler.Options{Dir: dir})
	if res.Desired == nil {
		t.Fatalf("desired state does not compile: %v", res.Findings)
	}
	live := &model.Live{State: model.Desired{State: &alimodel.State{Environments: alimodel.Of(res.Desired).Environments}}, IDs: map[string]string{"environments.prod": "env-1"}}
	plan, findings := gwsync.Diff(res.Desired, live, gwsync.Options{})
	if len(findings) > 0 {
		t.Fatalf("findings: %v", findings)
	}
	return res.Desired, plan, live
}

// routesCUE is a desired state with one service, one domain, one policy
// and a route per path (named r0, r1, ...), each with the policy.
func routesCUE(paths ...string) string {
	var b strings.Builder
	b.WriteString(`package gateway
gateway: {provider: "aliyun", id: "gw-1", region: "cn-hangzhou"}
environments: prod: {}
services: svc: {sourceType: "DNS", addresses: ["svc.local:80"]}
domains: "api.example.com": {protocol: "HTTP"}
policies: timeout: {className: "Timeout", config: {unitNum: 3, timeUnit: "s", enable: true}}
httpApis: api: routes: {
`)
	for i, p := range paths {
		fmt.Fprintf(&b, "\tr%d: {environment: \"prod\", domains: [\"api.example.com\"], match: path: {type: \"Prefix\", value: %q}, backend: {scene: \"SingleService\", services: [{service: \"svc\", protocol: \"HTTP\", port: 80}]}, policies: [\"timeout\"]}\n", i, p)
	}
	b.WriteString("}\n")
	return b.String()
}

func fastOptions(parallelism int) gwsync.ApplyOptions {
	return gwsync.ApplyOptions{Parallelism: parallelism, PollInterval: time.Millisecond, MaxPollInterval: 5 * time.Millisecond, DeployTimeout: 5 * time.Second}
}

func TestApplyKeepsStepOrder(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/a", "/b", "/c"))
	g := &fakeGateway{}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(4))
	if !res.OK() || res.Applied != len(plan.Changes) {
		t.Fatalf("result %+v, want all %d applied", res, len(plan.Changes))
	}
	for _, c := range g.executed {
		for _, earlier := range g.executed {
			if earlier.Step < c.Step && g.ended[earlier] > g.ended[c] {
				t.Errorf("%s %s (step %d) ended after %s %s (step %d)", earlier.Action, earlier.Label(), earlier.Step, c.Action, c.Label(), c.Step)
			}
		}
	}
}

func TestApplyBoundsCallsInFlight(t *testing.T) {
	paths := make([]string, 24)
	for i := range paths {
		paths[i] = fmt.Sprintf("/p%d", i)
	}
	_, plan, live := planFor(t, routesCUE(paths...))
	g := &fakeGateway{}
	g.onExecute = func(context.Context, *gwsync.Change, gwsync.IDs) (string, error) {
		time.Sleep(time.Millisecond)
		return "id", nil
	}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(3))
	if !res.OK() {
		t.Fatalf("result %+v", res)
	}
	if g.maxInFlight > 3 {
		t.Errorf("%d calls in flight at once, want at most 3", g.maxInFlight)
	}
}

// TestApplyDeployWaitHoldsNoWorker: with one worker, every deploy must be
// started before any settles (the fake keeps them Deploying until all
// four are under way). A wait that held the worker would time out.
func TestApplyDeployWaitHoldsNoWorker(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/a", "/b", "/c", "/d"))
	g := &fakeGateway{}
	deploys := func() int { return g.count(func(c *gwsync.Change) bool { return c.Action == gwsync.Deploy }) }
	g.onStatus = func(string, string) model.Deploy {
		if deploys() < 4 {
			return model.Deploy{Status: "Deploying"}
		}
		return model.Deploy{Status: "Deployed"}
	}
	opts := fastOptions(1)
	opts.DeployTimeout = 2 * time.Second
	res := gwsync.Apply(context.Background(), g, plan, live, opts)
	if !res.OK() {
		t.Fatalf("deploys waited in the worker: %v", res.Errors)
	}
}

func TestApplyFailureSkipsOnlyDependants(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/a", "/b"))
	g := &fakeGateway{}
	g.onExecute = func(_ context.Context, c *gwsync.Change, _ gwsync.IDs) (string, error) {
		if c.Kind == gwsync.KindRoute && c.Name == "r0" && c.Action == gwsync.Create {
			return "", errors.New("route r0: CreateHttpApiRoute: InternalError") // labelled, as providers do
		}
		return "id-" + c.Resource, nil
	}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(4))
	if res.Failed != 1 || res.Skipped != 2 {
		t.Fatalf("failed %d skipped %d, want 1 and 2 (r0's attachment and deploy): %v", res.Failed, res.Skipped, res.Errors)
	}
	if msg := res.Errors[0].Error(); !strings.HasPrefix(msg, "desired.cue:") || strings.Count(msg, "route r0") != 1 {
		t.Errorf("error %q does not name the route once, after its position", msg)
	}
	for _, want := range []gwsync.Action{gwsync.Attach, gwsync.Deploy} {
		if n := g.count(func(c *gwsync.Change) bool { return c.Action == want && strings.Contains(c.Label(), "r1") }); n != 1 {
			t.Errorf("r1: %s made %d times, want 1", want, n)
		}
		if n := g.count(func(c *gwsync.Change) bool { return c.Action == want && strings.Contains(c.Label(), "r0") }); n != 0 {
			t.Errorf("r0: %s made %d times, want 0 (its create failed)", want, n)
		}
	}
}

func TestApplyDeployFailedReportsMessageAndPosition(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/a"))
	g := &fakeGateway{onStatus: func(string, string) model.Deploy {
		return model.Deploy{Status: "DeployFailed", ErrorMessage: "backend unreachable"}
	}}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(2))
	if res.Failed != 1 || len(res.Errors) != 1 {
		t.Fatalf("result %+v", res)
	}
	msg := res.Errors[0].Error()
	for _, want := range []string{"desired.cue:8:", "route r0", "DeployFailed", "backend unreachable"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

// TestApplyReadsDeployStateAgain: a failed deploy-state read is read
// again (the deploy goes on at the gateway); only reads failing over and
// over fail the deploy.
func TestApplyReadsDeployStateAgain(t *testing.T) {
	for _, c := range []struct {
		fails  int
		failed int
	}{{fails: 2, failed: 0}, {fails: 100, failed: 1}} {
		_, plan, live := planFor(t, routesCUE("/a"))
		var mu gosync.Mutex
		reads := 0
		g := &fakeGateway{statusErr: func() error {
			mu.Lock()
			defer mu.Unlock()
			if reads++; reads <= c.fails {
				return errors.New("connection reset by peer")
			}
			return nil
		}}
		res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(2))
		if res.Failed != c.failed {
			t.Errorf("%d failing reads: %d failed, want %d (%v)", c.fails, res.Failed, c.failed, res.Errors)
		}
		if c.failed > 0 && !strings.Contains(res.Errors[0].Error(), "failed 5 times in a row") {
			t.Errorf("error %v", res.Errors[0])
		}
	}
}

func TestApplyRetriesBusyRoute(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/a"))
	g := &fakeGateway{}
	var statusReads int
	g.onExecute = func(_ context.Context, c *gwsync.Change, _ gwsync.IDs) (string, error) {
		if c.Action == gwsync.Deploy && g.count(func(x *gwsync.Change) bool { return x.Action == gwsync.Deploy }) == 1 {
			return "", fmt.Errorf("DeployHttpApi: %w", gwsync.ErrBusy)
		}
		return "id-" + c.Resource, nil
	}
	g.onStatus = func(string, string) model.Deploy {
		statusReads++
		if statusReads < 3 {
			return model.Deploy{Status: "Undeploying"}
		}
		return model.Deploy{Status: "Deployed"}
	}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(1))
	if !res.OK() {
		t.Fatalf("busy route not retried: %v", res.Errors)
	}
	if n := g.count(func(c *gwsync.Change) bool { return c.Action == gwsync.Deploy }); n != 2 {
		t.Errorf("deploy made %d times, want 2 (refused while busy, then again)", n)
	}
}

// existsOnce answers the create of the service with an ExistsError.
func existsOnce(_ context.Context, c *gwsync.Change, _ gwsync.IDs) (string, error) {
	if c.Kind == gwsync.KindService && c.Action == gwsync.Create {
		return "", &gwsync.ExistsError{Kind: c.Kind, Name: c.Name, Resource: c.Resource, ID: "svc-live", Err: errors.New("ServiceExisted")}
	}
	return "id-" + c.Resource, nil
}

func TestApplyAdoptsWhatItWanted(t *testing.T) {
	d, plan, live := planFor(t, routesCUE("/a"))
	g := &fakeGateway{onExecute: existsOnce}
	g.live = &model.Live{State: model.Desired{State: &alimodel.State{Services: alimodel.Of(d).Services}}, IDs: map[string]string{"services.svc": "svc-live"}}
	var usedID string
	g.onExecute = func(ctx context.Context, c *gwsync.Change, ids gwsync.IDs) (string, error) {
		if c.Kind == gwsync.KindRoute && c.Action == gwsync.Create {
			usedID, _ = ids.Lookup("services.svc")
		}
		return existsOnce(ctx, c, ids)
	}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(2))
	if !res.OK() || res.Adopted != 1 {
		t.Fatalf("result %+v, want everything applied and one adopted", res)
	}
	if usedID != "svc-live" {
		t.Errorf("the route was created with service ID %q, want the adopted svc-live", usedID)
	}
}

func TestApplyRefusesExistingThatDiffers(t *testing.T) {
	d, plan, live := planFor(t, routesCUE("/a"))
	other := *alimodel.Of(d).Services[0]
	other.Addresses = []model.Ref{{Name: "elsewhere.local:80"}}
	g := &fakeGateway{onExecute: existsOnce}
	g.live = &model.Live{State: model.Desired{State: &alimodel.State{Services: []*alimodel.Service{&other}}}, IDs: map[string]string{"services.svc": "svc-live"}}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(2))
	if res.Failed != 1 || res.Adopted != 0 {
		t.Fatalf("result %+v, want the service create failed", res)
	}
	msg := res.Errors[0].Error()
	for _, want := range []string{"service svc: conflict: a service of this name already exists on the gateway as svc-live", "/addresses"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if res.Skipped == 0 {
		t.Errorf("the route that needs the service was not skipped")
	}
}

func TestApplyInterruptLetsCallsFinish(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/a", "/b"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g := &fakeGateway{}
	var callErr error
	g.onExecute = func(ctx context.Context, c *gwsync.Change, _ gwsync.IDs) (string, error) {
		if c.Kind == gwsync.KindService {
			cancel()
			callErr = ctx.Err()
		}
		return "id-" + c.Resource, nil
	}
	res := gwsync.Apply(ctx, g, plan, live, fastOptions(1))
	if callErr != nil {
		t.Errorf("the call in flight saw the interrupt: %v", callErr)
	}
	if !res.Interrupted || res.Skipped == 0 || res.Applied+res.Skipped != len(plan.Changes) {
		t.Errorf("result %+v: want interrupted, the service applied and what was not started skipped", res)
	}
	if n := g.count(func(c *gwsync.Change) bool { return c.Kind == gwsync.KindRoute }); n != 0 {
		t.Errorf("%d route changes started after the interrupt", n)
	}
}

func TestApplyCreatesNestedRoutesOneAtATime(t *testing.T) {
	_, plan, live := planFor(t, routesCUE("/orders", "/orders/items", "/orders/items/x", "/users", "/users2"))
	g := &fakeGateway{}
	var mu gosync.Mutex
	running := map[string]bool{}
	var overlap []string
	g.onExecute = func(_ context.Context, c *gwsync.Change, _ gwsync.IDs) (string, error) {
		if c.Kind != gwsync.KindRoute || c.Action != gwsync.Create {
			return "id", nil
		}
		group := c.After.(*gwsync.RouteDoc).Match.Path.Value
		if strings.HasPrefix(group, "/orders") {
			group = "/orders" // the three nested paths
		}
		mu.Lock()
		if running[group] {
			overlap = append(overlap, c.Name)
		}
		running[group] = true
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		running[group] = false
		mu.Unlock()
		return "id", nil
	}
	res := gwsync.Apply(context.Background(), g, plan, live, fastOptions(8))
	if !res.OK() {
		t.Fatal(res.Errors)
	}
	if len(overlap) > 0 {
		t.Errorf("routes with nested paths created concurrently: %v", overlap)
	}
}

func TestChainsGroupNestedPaths(t *testing.T) {
	for _, tc := range []struct {
		paths []string
		want  [][]string // groups of route names, in plan order
	}{
		{[]string{"/a", "/b"}, [][]string{{"r0"}, {"r1"}}},
		{[]string{"/a", "/a/b", "/ab"}, [][]string{{"r0", "r1"}, {"r2"}}},
		{[]string{"/a/b", "/c", "/a"}, [][]string{{"r0", "r2"}, {"r1"}}},
		{[]string{"/", "/x", "/y/z"}, [][]string{{"r0", "r1", "r2"}}},
		{[]string{"/a/", "/a/b"}, [][]string{{"r0", "r1"}}},
		{[]string{"/a/b", "/a/c"}, [][]string{{"r0"}, {"r1"}}},
		{[]string{"/a/b", "/a/c", "/a"}, [][]string{{"r0", "r1", "r2"}}},
	} {
		_, plan, _ := planFor(t, routesCUE(tc.paths...))
		var creates []*gwsync.Change
		for _, c := range plan.Changes {
			if c.Kind == gwsync.KindRoute && c.Action == gwsync.Create {
				creates = append(creates, c)
			}
		}
		var got [][]string
		for _, chain := range gwsync.Chains(creates) {
			var names []string
			for _, c := range chain {
				names = append(names, c.Name)
			}
			got = append(got, names)
		}
		if !slices.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("paths %v: chains %v, want %v", tc.paths, got, tc.want)
		}
	}
}
