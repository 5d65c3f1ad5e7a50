package huawei

import (
	"testing"

	"github.com/gwsync/gwsync/internal/sdkmodel"
)

// TestOperationsAreTheSDKs holds the emulator's operation table to the
// official Huawei Cloud Go SDK: every operation has the SDK's name, its
// method and its path template (parameter names included), and the SDK's
// facts cover every operation the emulator serves. What the emulator
// answers is held to the SDK's models by the provider's conformance test
// (provider/huawei/conformance_test.go), which drives a whole lifecycle
// against it.
func TestOperationsAreTheSDKs(t *testing.T) {
	facts, err := sdkmodel.Huawei()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	seen := map[string]bool{}
	for _, op := range srv.Operations() {
		if seen[op.Name] {
			t.Errorf("%s is served twice", op.Name)
		}
		seen[op.Name] = true
		o, err := facts.Operation(op.Name)
		if err != nil {
			t.Errorf("the emulator serves %s %s as %s: %v", op.Method, op.Path, op.Name, err)
			continue
		}
		if op.Method != o.Method || op.Path != o.Path {
			t.Errorf("%s is served at %s %s; the SDK calls %s %s", op.Name, op.Method, op.Path, o.Method, o.Path)
		}
	}
}
