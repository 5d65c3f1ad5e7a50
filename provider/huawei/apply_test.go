package huawei

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/compiler"
	emu "github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestApplyOrdersEndToEnd plans examples/huawei-orders onto an empty
// emulated instance, applies the plan through this provider, reads the
// instance again and plans nothing more.
func TestApplyOrdersEndToEnd(t *testing.T) {
	dir := t.TempDir()
	writeCert(t, dir, "orders_example_com", "api.orders.example.com")
	h := newHarness(t, emu.Faults{}, func(c *Config) { c.CertDir = dir })
	desired := orders(t)
	live := read(t, h)
	plan, findings := gwsync.Diff(desired, live, gwsync.Options{})
	if len(findings) > 0 {
		t.Fatalf("findings: %v", findings)
	}
	if s := plan.Summary(); s[gwsync.Create] != 13 || s[gwsync.Deploy] != 6 || s[gwsync.Attach] != 7 {
		t.Fatalf("plan: %v", s)
	}
	opts := gwsync.ApplyOptions{Parallelism: 4, PollInterval: time.Millisecond, MaxPollInterval: 5 * time.Millisecond, DeployTimeout: 5 * time.Second}
	res := gwsync.Apply(context.Background(), h.gw, plan, live, opts)
	if !res.OK() {
		t.Fatalf("apply: %v", res.Errors)
	}
	again, findings := gwsync.Diff(desired, read(t, h), gwsync.Options{})
	if len(findings) > 0 || !again.Empty() {
		for _, c := range again.Changes {
			t.Errorf("still planned: %s %s %+v", c.Action, c.Label(), c.Fields)
		}
		t.Fatalf("findings: %v", findings)
	}
	// The MOCK API serves on the data plane.
	dp := httptest.NewServer(h.srv.DataPlane())
	defer dp.Close()
	resp, err := http.Get(dp.URL + "/test/mock")
	must(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "mock success" {
		t.Errorf("GET /test/mock = %d %q, want 200 mock success", resp.StatusCode, body)
	}
}

// TestApplyChangesEndToEnd applies examples/huawei-orders, then a version
// of it with an API dropped (taken offline, unbound, deleted), a
// publication dropped, a policy and a domain changed, and plans nothing
// more after each.
func TestApplyChangesEndToEnd(t *testing.T) {
	dir := t.TempDir()
	writeCert(t, dir, "orders_example_com", "api.orders.example.com")
	h := newHarness(t, emu.Faults{}, func(c *Config) { c.CertDir = dir })
	converge(t, h, orders(t), gwsync.Options{Prune: true})

	src, err := os.ReadFile("../../examples/huawei-orders/orders.cue")
	must(t, err)
	text := string(src)
	for _, r := range [][2]string{
		{`publish: ["RELEASE", "TEST"]
		}

		// FunctionGraph`, `publish: ["RELEASE"]
		}

		// FunctionGraph`},
		{`{api: "Api_http", env: "TEST"},`, ``},
		{`api_call_limits:  100`, `api_call_limits:  200`},
		{`is_http_redirect_to_https: true`, `is_http_redirect_to_https: false`},
		{`{api: "Api_mock", env: "RELEASE"},
		{api: "Api_mock", env: "TEST"},`, ``},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("the example no longer holds %q", r[0])
		}
		text = strings.Replace(text, r[0], r[1], 1)
	}
	start, end := strings.Index(text, "\t\t// Mock backend API"), strings.Index(text, "groups: grpc_group")
	text = text[:start] + "\t}\n}\n\n" + text[end:]
	cdir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(cdir, "orders.cue"), []byte(text), 0o644))
	res := compiler.Compile([]string{cdir}, compiler.Options{Dir: cdir})
	if res.Desired == nil {
		t.Fatalf("changed example: %v\n%s", res.Findings, text)
	}
	plan := converge(t, h, res.Desired, gwsync.Options{Prune: true})
	s := plan.Summary()
	if s[gwsync.Delete] != 1 || s[gwsync.Undeploy] != 3 || s[gwsync.Detach] != 3 || s[gwsync.Update] < 2 {
		t.Errorf("second plan: %v", s)
	}
	if a := hwmodel.Of(&read(t, h).State).API("Api_mock"); a != nil {
		t.Errorf("Api_mock is still there: %+v", a)
	}
}

// converge plans desired onto the emulator, applies the plan, and checks
// that a second plan is empty. It returns the first plan.
func converge(t *testing.T, h *harness, desired *model.Desired, o gwsync.Options) *gwsync.Plan {
	t.Helper()
	live := read(t, h)
	plan, findings := gwsync.Diff(desired, live, o)
	if len(findings) > 0 {
		t.Fatalf("findings: %v", findings)
	}
	opts := gwsync.ApplyOptions{Parallelism: 4, PollInterval: time.Millisecond, MaxPollInterval: 5 * time.Millisecond, DeployTimeout: 5 * time.Second}
	if res := gwsync.Apply(context.Background(), h.gw, plan, live, opts); !res.OK() {
		t.Fatalf("apply: %v", res.Errors)
	}
	again, _ := gwsync.Diff(desired, read(t, h), o)
	for _, c := range again.Changes {
		t.Errorf("still planned: %s %s %+v", c.Action, c.Label(), c.Fields)
	}
	return plan
}
