package aliyun_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/dump/internal/dumptest"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/internal/handmade"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// handmadeGateway starts an emulator, lets build make things on it by
// hand through the API (not through gwsync), and reads it back.
func handmadeGateway(t *testing.T, build func(*handmade.Console, context.Context) error) *model.Live {
	t.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{"ak": "sk"}, DeployDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: hs.URL, AccessKeyID: "ak", AccessKeySecret: "sk", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	k, err := handmade.New(ctx, c, srv.GatewayID())
	if err != nil {
		t.Fatal(err)
	}
	if build != nil {
		if err := build(k, ctx); err != nil {
			t.Fatal(err)
		}
		if err := k.WaitDeployed(ctx, 10*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	live, err := aliyun.NewReader(c, srv.GatewayID()).Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return live
}

// TestRoundTripThroughEmulator builds gateways by hand, dumps them, and
// holds the result to the round trip: it validates without error
// and plans to no change against the same gateway.
func TestRoundTripThroughEmulator(t *testing.T) {
	tests := []struct {
		name    string
		build   func(*handmade.Console, context.Context) error
		leftOut []string // what must be left out, by name
	}{
		{"orders", (*handmade.Console).Orders, []string{`policy "gateway-ip"`, `route "orders-draft"`}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		live := handmadeGateway(t, tt.build)
		for _, split := range []string{dump.SplitSingle, dump.SplitPerAPI} {
			t.Run(tt.name+"/"+split, func(t *testing.T) {
				res, err := dump.Build(live, dump.Options{Gateway: model.Gateway{Provider: "aliyun", ID: live.State.Gateway.ID, Region: "cn-hangzhou"}, Split: split})
				if err != nil {
					t.Fatal(err)
				}
				dumptest.CheckLeftOut(t, res, tt.leftOut)
				d, findings := dumptest.CompileBack(t, res.Files)
				if errs, _ := diag.Counts(findings); d == nil || errs > 0 {
					t.Fatalf("the dump does not validate: %v\n%s", findings, res.Files[0].Data)
				}
				plan, pfs := gwsync.Diff(d, live, gwsync.Options{Owner: d.Gateway.Owner})
				if !plan.Empty() || len(pfs) > 0 {
					for _, c := range plan.Changes {
						t.Errorf("plan: %s %s %v", c.Action, c.Label(), c.Fields)
					}
					t.Errorf("plan findings: %v", pfs)
				}
			})
		}
	}
}

// TestDumpOfRoutesBreakingRules dumps routes made by hand that gwsync's
// rules reject: they are written as they are, and validate names them.
func TestDumpOfRoutesBreakingRules(t *testing.T) {
	live := handmadeGateway(t, (*handmade.Console).Shadowed)
	res, err := dump.Build(live, dump.Options{Gateway: model.Gateway{Provider: "aliyun", ID: "gw-1"}})
	if err != nil {
		t.Fatal(err)
	}
	d, findings := dumptest.CompileBack(t, res.Files)
	if d == nil || len(alimodel.Of(d).Routes()) != 2 {
		t.Fatalf("the dump does not compile to both routes: %v", findings)
	}
	var rules []string
	for _, f := range findings {
		rules = append(rules, f.Rule+" "+f.Resource)
	}
	if got := strings.Join(rules, "; "); got != "route-shadowed httpApis.shop.routes.item-by-id" {
		t.Errorf("findings %q, want the shadowed route", got)
	}
}
