package cli

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	hwemu "github.com/gwsync/gwsync/emulator/huawei"
)

// hwLocalState is a Huawei desired state for the embedded Huawei gateway:
// a MOCK API published to RELEASE and TEST in a group with a bound domain.
const hwLocalState = `package gateway

gateway: {provider: "huawei", local: true}

environments: {RELEASE: {}, TEST: remark: "tests"}

groups: orders: {
	domains: "api.orders.example.com": {}
	apis: Api_mock: {
		req_method:   "GET"
		req_uri:      "/test/mock"
		match_mode:   "SWA"
		auth_type:    "NONE"
		backend_type: "MOCK"
		mock_info: result_content: "mock success"
		publish: ["RELEASE", "TEST"]
	}
}
`

// TestApplyHuaweiLocalServes applies a Huawei desired state to the
// embedded Huawei gateway and asks its data plane: the MOCK API answers
// "mock success" for the group's bound domain, in RELEASE and (X-Stage)
// in TEST; apply again changes nothing.
func TestApplyHuaweiLocalServes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "desired.cue")
	if err := os.WriteFile(file, []byte(hwLocalState), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	for i, want := range []string{"Apply: 6 applied, 0 failed, 0 skipped.", "No changes."} {
		var stdout, stderr bytes.Buffer
		code := Run([]string{"apply", "--auto-approve", "--state-dir", state, file}, strings.NewReader(""), &stdout, &stderr)
		if code != ExitOK || !strings.Contains(stdout.String(), want) || !strings.Contains(stdout.String(), "The gateway matches the desired state.") {
			t.Fatalf("apply %d exited %d, want 0 and %q:\n%s\n%s", i+1, code, want, stdout.String(), stderr.String())
		}
	}
	l, err := hwemu.StartLocal(state)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, stage := range []string{"", "TEST"} {
		req, _ := http.NewRequest("GET", "http://"+l.DataPlane+"/test/mock/orders", nil)
		req.Host = "api.orders.example.com"
		if stage != "" {
			req.Header.Set("X-Stage", stage)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || string(body) != "mock success" {
			t.Errorf("stage %q: got %d %q, want 200 \"mock success\"", stage, resp.StatusCode, body)
		}
	}
}
