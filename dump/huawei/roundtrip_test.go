package huawei_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/dump/internal/dumptest"
	emu "github.com/gwsync/gwsync/emulator/huawei"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/internal/handmade"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/provider/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// handmadeHuawei starts a Huawei emulator, lets build make things on it by
// hand through the API (not through gwsync), and returns a function that
// reads it afresh.
func handmadeHuawei(t *testing.T, build func(*handmade.HuaweiConsole, context.Context) error) func() *model.Live {
	t.Helper()
	srv, err := emu.New(emu.Config{AccessKeys: map[string]string{"ak": "sk-0123456789"}, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := huawei.NewClient(huawei.Config{Endpoint: hs.URL, ProjectID: srv.ProjectID(), AccessKey: "ak", SecretKey: "sk-0123456789", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	if build != nil {
		if err := build(handmade.NewHuawei(c, srv.InstanceID()), ctx); err != nil {
			t.Fatal(err)
		}
	}
	gw := huawei.NewGateway(c, srv.InstanceID())
	return func() *model.Live {
		live, err := gw.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return live
	}
}

// TestHuaweiRoundTripThroughEmulator builds Huawei instances by hand,
// dumps them, and holds the result to the round trip: it compiles
// and validates without error and plans to no change against a fresh read
// of the same instance.
func TestHuaweiRoundTripThroughEmulator(t *testing.T) {
	tests := []struct {
		name    string
		build   func(*handmade.HuaweiConsole, context.Context) error
		leftOut []string
	}{
		{"shop", (*handmade.HuaweiConsole).Shop, []string{`API "payments"`, `plugin "payments_headers"`}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		read := handmadeHuawei(t, tt.build)
		live := read()
		for _, split := range []string{dump.SplitSingle, dump.SplitPerAPI} {
			t.Run(tt.name+"/"+split, func(t *testing.T) {
				g := model.Gateway{Provider: "huawei", ID: live.State.Gateway.ID, Region: "cn-north-4", ProjectID: "p1"}
				res, err := dump.Build(live, dump.Options{Gateway: g, Split: split})
				if err != nil {
					t.Fatal(err)
				}
				dumptest.CheckLeftOut(t, res, tt.leftOut)
				d, findings := dumptest.CompileBack(t, res.Files)
				if errs, _ := diag.Counts(findings); d == nil || errs > 0 {
					t.Fatalf("the dump does not validate: %v\n%s", findings, allFiles(res))
				}
				if hwmodel.Of(d) == nil || d.Gateway.Provider != "huawei" || d.Gateway.ProjectID != "p1" {
					t.Fatalf("the dump does not compile to a Huawei desired state: %+v", d.Gateway)
				}
				plan, pfs := gwsync.Diff(d, read(), gwsync.Options{Owner: d.Gateway.Owner})
				if !plan.Empty() || len(pfs) > 0 {
					for _, c := range plan.Changes {
						t.Errorf("plan: %s %s %v", c.Action, c.Label(), c.Fields)
					}
					t.Errorf("plan findings: %v\n%s", pfs, allFiles(res))
				}
			})
		}
	}
}

func allFiles(res *dump.Result) string {
	var b strings.Builder
	for _, f := range res.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(f.Data)
	}
	return b.String()
}
