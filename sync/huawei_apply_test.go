package sync_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// huaweiPlan plans the desired state of the huawei_empty_instance golden
// case onto an instance with only RELEASE.
func huaweiPlan(t *testing.T) (*gwsync.Plan, *model.Live) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/diff/huawei_empty_instance.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "desired.cue")
	if err := os.WriteFile(file, []byte(section(ar, "desired.cue")), 0o644); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{file}, compiler.Options{Dir: dir})
	if res.Desired == nil {
		t.Fatalf("desired state does not compile: %v", res.Findings)
	}
	live := &model.Live{State: model.Desired{Gateway: res.Desired.Gateway, State: &hwmodel.State{
		Environments: []*hwmodel.Environment{{Name: hwmodel.ReleaseEnv}}}},
		IDs: map[string]string{"environments.RELEASE": "DEFAULT_ENVIRONMENT_RELEASE_ID"}}
	plan, findings := gwsync.Diff(res.Desired, live, gwsync.Options{})
	if len(findings) > 0 {
		t.Fatalf("findings: %v", findings)
	}
	return plan, live
}

// TestApplyHuaweiPublishesWithoutPolling: a Huawei publish is done when
// its call returns (no deploy status is read), its publish_id is recorded
// under its publication key, and binding writes run one at a time.
func TestApplyHuaweiPublishesWithoutPolling(t *testing.T) {
	plan, live := huaweiPlan(t)
	var bindingsInFlight, maxBindings int
	gw := &fakeGateway{live: live, onStatus: func(apiID, routeID string) model.Deploy {
		t.Errorf("DeployStatus(%s, %s) read for a Huawei plan", apiID, routeID)
		return model.Deploy{}
	}}
	gw.onExecute = func(_ context.Context, c *gwsync.Change, ids gwsync.IDs) (string, error) {
		if c.Kind == hwsync.KindBinding {
			gw.mu.Lock()
			bindingsInFlight++
			maxBindings = max(maxBindings, bindingsInFlight)
			gw.mu.Unlock()
			defer func() { gw.mu.Lock(); bindingsInFlight--; gw.mu.Unlock() }()
			b := c.After.(*hwsync.BindingDoc)
			if _, ok := ids.Lookup(hwsync.PublicationKey(b.Group, b.API, b.Env)); !ok {
				t.Errorf("%s: no publish_id for %s in %s", c.Label(), b.API, b.Env)
			}
		}
		if c.Action == gwsync.Create || c.Action == gwsync.Attach || c.Action == gwsync.Deploy {
			return "id-" + c.Resource, nil
		}
		return "", nil
	}
	res := gwsync.Apply(context.Background(), gw, plan, live, fastOptions(8))
	if !res.OK() {
		t.Fatalf("apply failed: %v", res.Errors)
	}
	if maxBindings != 1 {
		t.Errorf("%d binding writes in flight at once, want 1", maxBindings)
	}
	if id := res.IDs[hwsync.PublicationKey("orders", "get_order", "TEST")]; id != "id-publications.TEST@groups.orders.apis.get_order" {
		t.Errorf("publish_id recorded as %q", id)
	}
	if id := res.IDs["groups.orders.apis.get_order"]; id != "id-groups.orders.apis.get_order" {
		t.Errorf("the API's ID became %q; a publish must not overwrite it", id)
	}
}

// TestApplyHuaweiFailedPublishSkipsItsBindings: a publish that fails
// skips the bindings to that publication, and nothing else.
func TestApplyHuaweiFailedPublishSkipsItsBindings(t *testing.T) {
	plan, live := huaweiPlan(t)
	gw := &fakeGateway{live: live}
	failing := hwsync.PublicationKey("orders", "get_order", "TEST")
	gw.onExecute = func(_ context.Context, c *gwsync.Change, _ gwsync.IDs) (string, error) {
		if c.Resource == failing {
			return "", errors.New("APIG.3002: no such API")
		}
		if c.Action == gwsync.Create || c.Action == gwsync.Attach || c.Action == gwsync.Deploy {
			return "id-" + c.Resource, nil
		}
		return "", nil
	}
	res := gwsync.Apply(context.Background(), gw, plan, live, fastOptions(4))
	if res.Failed != 1 || res.Skipped != 1 {
		t.Fatalf("failed %d, skipped %d, want 1 and 1: %v", res.Failed, res.Skipped, res.Errors)
	}
	skipped := gw.count(func(c *gwsync.Change) bool {
		return c.Kind == hwsync.KindBinding && strings.Contains(c.Resource, "@TEST@")
	})
	if skipped != 0 {
		t.Errorf("the binding to the failed publication was attempted")
	}
}

// TestChainsSerialiseHuaweiBindings: every binding write of a step runs
// in one chain (APIG.3500 otherwise), whatever policy or API it is about;
// other Huawei changes keep one chain per resource.
func TestChainsSerialiseHuaweiBindings(t *testing.T) {
	step := []*gwsync.Change{
		{Action: gwsync.Attach, Kind: hwsync.KindBinding, Name: "t", Resource: hwsync.BindingKey("throttles", "t", "g", "a", "RELEASE")},
		{Action: gwsync.Attach, Kind: hwsync.KindBinding, Name: "p", Resource: hwsync.BindingKey("plugins", "p", "g", "b", "TEST")},
		{Action: gwsync.Attach, Kind: hwsync.KindBinding, Name: "acl", Resource: hwsync.BindingKey("acls", "acl", "h", "c", "RELEASE")},
	}
	if got := gwsync.Chains(step); len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("bindings split into %d chains, want 1 of 3", len(got))
	}
	deploys := []*gwsync.Change{
		{Action: gwsync.Deploy, Kind: hwsync.KindAPI, Name: "a", Resource: hwsync.PublicationKey("g", "a", "RELEASE")},
		{Action: gwsync.Deploy, Kind: hwsync.KindAPI, Name: "b", Resource: hwsync.PublicationKey("g", "b", "RELEASE")},
	}
	if got := gwsync.Chains(deploys); len(got) != 2 {
		t.Errorf("publishes of two APIs in %d chains, want 2", len(got))
	}
}
