package huawei

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator/huawei/sdkhmac"
)

// TestLocalPersists starts the embedded gateway, makes a
// published MOCK API, restarts it over the same directory, and finds the
// instance, the API and its traffic still there.
func TestLocalPersists(t *testing.T) {
	dir := t.TempDir()
	l, err := StartLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := "/v2/" + l.ProjectID + "/apigw/instances/" + l.InstanceID
	grp := localCall(t, l, "POST", base+"/api-groups", map[string]any{"name": "local_group"}, 201)
	api := localCall(t, l, "POST", base+"/apis", map[string]any{"group_id": grp["id"], "name": "local_mock", "type": 1,
		"req_protocol": "HTTP", "req_method": "GET", "req_uri": "/hello", "auth_type": "NONE", "backend_type": "MOCK",
		"mock_info": map[string]any{"result_content": "mock success"}}, 201)
	localCall(t, l, "POST", base+"/apis/action", map[string]any{"action": "online", "api_id": api["id"], "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"}, 201)
	inst := l.InstanceID
	l.Close()

	l, err = StartLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.InstanceID != inst {
		t.Errorf("instance %s after restart, want %s", l.InstanceID, inst)
	}
	if got := localCall(t, l, "GET", base+"/apis", nil, 200); got["total"] != 1.0 {
		t.Errorf("APIs after restart = %v", got)
	}
	resp, err := http.Get("http://" + l.DataPlane + "/hello")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "mock success" {
		t.Errorf("data plane = %d %q", resp.StatusCode, body)
	}
}

func localCall(t *testing.T, l *Local, method, path string, body any, want int) map[string]any {
	t.Helper()
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	r, _ := http.NewRequest(method, l.Endpoint+path, bytes.NewReader(b))
	r.Header.Set("Content-Type", "application/json")
	sdkhmac.Sign(r, b, l.AccessKey, l.SecretKey, time.Now())
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s = %d %s, want %d", method, path, resp.StatusCode, raw, want)
	}
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return out
}
