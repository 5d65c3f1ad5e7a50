package huawei

import (
	"strings"
	"testing"

	emu "github.com/gwsync/gwsync/emulator/huawei"
)

func TestCallThroughSDK(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	inst := map[string]string{"instance_id": h.srv.InstanceID()}
	out, err := h.c.Call(ctx(t), Request{Op: "CreateEnvironmentV2", Method: "POST", Path: "/envs", Params: inst, Body: map[string]any{"name": "TEST"}})
	if err != nil || !strings.Contains(string(out), `"TEST"`) {
		t.Fatalf("create: %s, %v", out, err)
	}
	out, err = h.c.Call(ctx(t), Request{Op: "ListEnvironmentsV2", Method: "GET", Path: "/envs", Params: inst, Query: map[string]string{"limit": "500", "offset": "0"}})
	if err != nil || !strings.Contains(string(out), `"total":2`) {
		t.Fatalf("list: %s, %v", out, err)
	}
	_, err = h.c.Call(ctx(t), Request{Op: "CreateEnvironmentV2", Method: "POST", Path: "/envs", Params: inst, Body: map[string]any{"name": "TEST"}})
	if !HasCode(err, "APIG.3205") {
		t.Fatalf("duplicate: %v", err)
	}
	out, err = h.c.Call(ctx(t), Request{Op: "DeleteEnvironmentV2", Method: "DELETE", Path: "/envs/{env_id}", Params: map[string]string{"instance_id": h.srv.InstanceID(), "env_id": "nope"}})
	if !IsNotFound(err) {
		t.Fatalf("delete missing: %s %v", out, err)
	}
}
