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
		if c.Kind == gwsync.KindBinding {
			gw.mu.Lock()
			bindingsInFlight++
			maxBindings = max(maxBindings, bindingsInFlight)
			gw.mu.Unlock()
			defer func() { gw.mu.Lock(); bindingsInFlight--; gw.mu.Unlock() }()
			b := c.After.(*gwsync.HuaweiBindingDoc)
			if _, ok := ids.Lookup(gwsync.HuaweiPublicationKey(b.Group, b.API, b.Env)); !ok {
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
	if id := res.IDs[gwsync.HuaweiPublicationKey("orders", "get_order", "TEST")]; id != "id-publications.TEST@groups.orders.apis.get_order" {
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
	failing := gwsync.HuaweiPublicationKey("orders", "get_order", "TEST")
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
		return c.Kind == gwsync.KindBinding && strings.Contains(c.Resource, "@TEST@")
	})
	if skipped != 0 {
		t.Errorf("the binding to the failed publication was attempted")
	}
}
