package huawei

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator/huawei/sdkhmac"
)

const testAK, testSK = "testAK", "testSecret"

// harness is an emulator behind an httptest server, with a signing client.
type harness struct {
	t   *testing.T
	srv *Server
	ctl *httptest.Server
	dp  *httptest.Server
}

func newHarness(t *testing.T, envs ...string) *harness {
	t.Helper()
	return newHarnessWith(t, Config{Environments: envs})
}

// newHarnessWith is newHarness with cfg (its keys and seed are the
// harness's).
func newHarnessWith(t *testing.T, cfg Config) *harness {
	t.Helper()
	cfg.AccessKeys, cfg.Seed = map[string]string{testAK: testSK}, 7
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: srv, ctl: httptest.NewServer(srv.Handler()), dp: httptest.NewServer(srv.DataPlane())}
	t.Cleanup(func() { h.ctl.Close(); h.dp.Close(); srv.Close() })
	return h
}

// base is the instance-scoped path prefix.
func (h *harness) base() string {
	return "/v2/" + h.srv.ProjectID() + "/apigw/instances/" + h.srv.InstanceID()
}

// reply is a decoded response.
type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// do sends a signed call; path is relative to the instance unless it
// starts with "/v2/".
func (h *harness) do(method, path string, body any) reply {
	h.t.Helper()
	if !strings.HasPrefix(path, "/v2/") {
		path = h.base() + path
	}
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	r, _ := http.NewRequest(method, h.ctl.URL+path, bytes.NewReader(b))
	r.Header.Set("Content-Type", "application/json;charset=UTF-8")
	r.Header.Set(sdkhmac.HeaderProjectID, h.srv.ProjectID())
	sdkhmac.Sign(r, b, testAK, testSK, time.Now())
	return send(h.t, r)
}

// noRedirects is a client that returns redirects rather than following
// them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func send(t *testing.T, r *http.Request) reply {
	t.Helper()
	resp, err := noRedirects.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := reply{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// must checks the status and returns the body.
func (h *harness) must(status int, method, path string, body any) map[string]any {
	h.t.Helper()
	r := h.do(method, path, body)
	if r.status != status {
		h.t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.status, status, r.raw)
	}
	return r.body
}

// fails checks that a call fails with status and code.
func (h *harness) fails(status int, code, method, path string, body any) {
	h.t.Helper()
	r := h.do(method, path, body)
	if r.status != status || r.body["error_code"] != code {
		h.t.Fatalf("%s %s: got %d %s, want %d %s", method, path, r.status, r.raw, status, code)
	}
	if r.header.Get("X-Request-Id") == "" || r.body["error_msg"] == "" {
		h.t.Errorf("%s %s: error without X-Request-Id or error_msg: %v", method, path, r.raw)
	}
}

func (h *harness) group(name string) string {
	h.t.Helper()
	return h.must(201, "POST", "/api-groups", map[string]any{"name": name})["id"].(string)
}

// mockAPI is an ApiCreate body with a MOCK backend.
func mockAPI(group, name, method, uri, mode, content string) map[string]any {
	return map[string]any{"group_id": group, "name": name, "type": 1, "req_protocol": "HTTPS", "req_method": method,
		"req_uri": uri, "match_mode": mode, "auth_type": "NONE", "backend_type": "MOCK",
		"mock_info": map[string]any{"result_content": content}}
}

func (h *harness) api(body map[string]any) string {
	h.t.Helper()
	return h.must(201, "POST", "/apis", body)["id"].(string)
}

func (h *harness) publish(apiID, envID string) map[string]any {
	h.t.Helper()
	return h.must(201, "POST", "/apis/action", map[string]any{"action": "online", "api_id": apiID, "env_id": envID})
}

func str(v any) string { s, _ := v.(string); return s }

func httptestServer(t *testing.T, srv *Server) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(srv.Handler())
	t.Cleanup(s.Close)
	return s
}
