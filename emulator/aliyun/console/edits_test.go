package console_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/emulator/aliyun/console"
	"github.com/gwsync/gwsync/internal/handmade"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
)

// orders is an emulated gateway built by hand (handmade.Orders, its
// routes deployed but orders-draft) and a client for it.
func orders(t *testing.T) (*aliyun.Client, string) {
	t.Helper()
	return ordersWith(t, apigemu.Faults{})
}

// ordersWith is orders on an emulator with faults.
func ordersWith(t *testing.T, faults apigemu.Faults) (*aliyun.Client, string) {
	t.Helper()
	const gw = "gw-orders-prod"
	c := serveWith(t, faults, gw)
	ctx := context.Background()
	k, err := handmade.New(ctx, c, gw)
	if err == nil {
		err = k.Orders(ctx)
	}
	if err == nil {
		err = k.WaitDeployed(ctx, 10*time.Second)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c, gw
}

// edit opens the console afresh, as each gwsync emulator console does,
// and makes one edit.
func edit(t *testing.T, c *aliyun.Client, fn func(*console.Console) (string, error)) string {
	t.Helper()
	k, err := console.Open(context.Background(), c, "")
	if err != nil {
		t.Fatal(err)
	}
	done, err := fn(k)
	if err != nil {
		t.Fatal(err)
	}
	return done
}

func read(t *testing.T, c *aliyun.Client, gw string) *model.Live {
	t.Helper()
	live, err := aliyun.NewReader(c, gw).Read(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return live
}

func liveRoute(live *model.Live, name string) *model.Route {
	for _, r := range alimodel.Of(&live.State).Routes() {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// A path edit changes the path value alone: the match's type, methods,
// header and query conditions, and the route's backend stay.
func TestSetRoutePathKeepsTheRestOfTheRoute(t *testing.T) {
	c, gw := orders(t)
	ctx := context.Background()
	before := liveRoute(read(t, c, gw), "orders-route")
	if len(before.Match.Headers) == 0 || len(before.Match.QueryParams) == 0 || len(before.Match.Methods) == 0 {
		t.Fatalf("orders-route is built with methods and conditions, read %+v", before.Match)
	}
	done := edit(t, c, func(k *console.Console) (string, error) { return k.SetRoutePath(ctx, "orders-route", "/v2/orders") })
	if !strings.Contains(done, `match path "/orders" → "/v2/orders"`) {
		t.Errorf("SetRoutePath said %q", done)
	}
	live := read(t, c, gw)
	after := liveRoute(live, "orders-route")
	want := *before
	want.Match.Path.Value = "/v2/orders"
	if fmt.Sprintf("%+v %+v %q", after.Match, after.Backend, after.Description) != fmt.Sprintf("%+v %+v %q", want.Match, want.Backend, want.Description) {
		t.Errorf("route after the edit:\n%+v\nwant:\n%+v", after, &want)
	}
	if st := live.Deploys[after.Path()].Status; st != "Deployed" {
		t.Errorf("the route is %s after a path edit, want Deployed (not deployed again)", st)
	}
}

// A policy edit sets one key and keeps the others, the name and the
// description (where an ownership marker lives).
func TestSetPolicyKeepsTheRestOfThePolicy(t *testing.T) {
	c, gw := orders(t)
	ctx := context.Background()
	done := edit(t, c, func(k *console.Console) (string, error) { return k.SetPolicy(ctx, "orders-timeout", "unitNum", 30.0) })
	if !strings.HasSuffix(done, "config unitNum 3 → 30") {
		t.Errorf("SetPolicy said %q", done)
	}
	edit(t, c, func(k *console.Console) (string, error) { return k.SetPolicy(ctx, "orders-timeout", "retry", "none") })
	for _, p := range alimodel.Of(&read(t, c, gw).State).Policies {
		if p.Name == "orders-timeout" && fmt.Sprint(p.Config) != "map[enable:true retry:none timeUnit:s unitNum:30]" {
			t.Errorf("orders-timeout config %v after the edits", p.Config)
		}
	}
}

// A route added by hand is unmarked, matches its path exactly, takes the
// environment, domains and backend of the API's first route and is
// deployed.
func TestAddRouteDeploysAnUnmarkedRoute(t *testing.T) {
	c, gw := orders(t)
	ctx := context.Background()
	done := edit(t, c, func(k *console.Console) (string, error) { return k.AddRoute(ctx, "orders-http-api", "debug", "/debug") })
	if !strings.Contains(done, "the domains and backend of route orders-draft, and deployed") {
		t.Errorf("AddRoute said %q", done)
	}
	live := read(t, c, gw)
	r, like := liveRoute(live, "debug"), liveRoute(live, "orders-draft")
	if r == nil || r.Description != "made in the console" || r.Match.Path != (model.PathMatch{Type: "Exact", Value: "/debug"}) ||
		fmt.Sprint(r.Domains, r.Backend.Services, r.Environment.Name) != fmt.Sprint(like.Domains, like.Backend.Services, like.Environment.Name) {
		t.Errorf("route debug %+v, want orders-draft's domains and backend %+v", r, like)
	}
	if st := live.Deploys[r.Path()].Status; st != "Deployed" {
		t.Errorf("route debug is %s, want Deployed", st)
	}
}

// A route made whose deploy fails is said to have been made.
func TestAddRouteSaysWhatItMadeWhenTheDeployFails(t *testing.T) {
	c, _ := ordersWith(t, apigemu.Faults{FailDeploys: []string{"debug"}})
	ctx := context.Background()
	k, err := console.Open(ctx, c, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = k.AddRoute(ctx, "orders-http-api", "debug", "/debug")
	if err == nil || !strings.Contains(err.Error(), "was made, but not deployed: gateway gw-orders-prod: route debug (hr-") || !strings.HasSuffix(err.Error(), "its deploy failed (the emulator's log says why)") {
		t.Errorf("AddRoute with a failing deploy = %v", err)
	}
}

func TestUndeployAndDeleteRoutes(t *testing.T) {
	c, gw := orders(t)
	ctx := context.Background()
	if done := edit(t, c, func(k *console.Console) (string, error) { return k.UndeployRoute(ctx, "orders-export") }); !strings.HasSuffix(done, "taken offline (NotDeployed)") {
		t.Errorf("UndeployRoute said %q", done)
	}
	k, err := console.Open(ctx, c, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.UndeployRoute(ctx, "orders-export"); err == nil || !strings.Contains(err.Error(), "is NotDeployed, not Deployed: nothing to take offline") {
		t.Errorf("undeploying an offline route = %v", err)
	}
	if done := edit(t, c, func(k *console.Console) (string, error) { return k.DeleteRoute(ctx, "orders-route") }); !strings.HasSuffix(done, "taken offline and deleted") {
		t.Errorf("DeleteRoute of a deployed route said %q", done)
	}
	if done := edit(t, c, func(k *console.Console) (string, error) { return k.DeleteRoute(ctx, "orders-draft") }); !strings.HasSuffix(done, "): deleted") {
		t.Errorf("DeleteRoute of a draft said %q", done)
	}
	live := read(t, c, gw)
	if liveRoute(live, "orders-route") != nil || liveRoute(live, "orders-draft") != nil || liveRoute(live, "orders-export") == nil {
		t.Errorf("routes after deletes: %v", alimodel.Of(&live.State).Routes())
	}
}

func TestEditsNameWhatExists(t *testing.T) {
	c, _ := orders(t)
	ctx := context.Background()
	k, err := console.Open(ctx, c, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		err  func() error
		want string
	}{
		{func() error { _, err := k.SetRoutePath(ctx, "nope", "/x"); return err }, `gateway gw-orders-prod has no route "nope" (its routes: admin-health, orders-draft, orders-export, orders-route)`},
		{func() error { _, err := k.SetPolicy(ctx, "nope", "a", 1); return err }, `gateway gw-orders-prod has no policy "nope" (its policies: admin-limit, domain-ip-whitelist, export-ip, gateway-ip, orders-timeout)`},
		{func() error { _, err := k.AddRoute(ctx, "nope", "r", "/x"); return err }, `gateway gw-orders-prod has no HTTP API "nope" (its HTTP APIs: admin, orders-http-api)`},
	} {
		if err := tc.err(); err == nil || err.Error() != tc.want {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
}
