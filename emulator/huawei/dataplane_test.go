package huawei

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func get(t *testing.T, url string, header map[string]string) reply {
	t.Helper()
	return request(t, "GET", url, header)
}

func request(t *testing.T, method, url string, header map[string]string) reply {
	t.Helper()
	r, _ := http.NewRequest(method, url, nil)
	for k, v := range header {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	return send(t, r)
}

func TestDataPlaneMatching(t *testing.T) {
	h := newHarness(t, "staging")
	g := h.group("shop")
	staging, _ := h.srv.EnvironmentID("staging")
	apis := []map[string]any{
		mockAPI(g, "exact_items", "GET", "/items", "NORMAL", "exact"),
		mockAPI(g, "prefix_items", "GET", "/items", "SWA", "prefix"),
		mockAPI(g, "one_item", "GET", "/items/{id}", "NORMAL", "param"),
		mockAPI(g, "any_items", "ANY", "/items/{id}", "NORMAL", "any"),
		mockAPI(g, "rest", "GET", "/files/{path+}", "NORMAL", "greedy"),
	}
	apis[2]["req_params"] = []map[string]any{{"name": "id", "type": "STRING", "location": "PATH"}}
	apis[3]["req_params"] = []map[string]any{{"name": "id", "type": "STRING", "location": "PATH"}}
	apis[4]["req_params"] = []map[string]any{{"name": "path", "type": "STRING", "location": "PATH"}}
	for _, a := range apis {
		h.publish(h.api(a), ReleaseEnvID)
	}
	stagingOnly := h.api(mockAPI(g, "staged", "GET", "/stage", "NORMAL", "in staging"))
	h.publish(stagingOnly, staging)
	gone := h.api(mockAPI(g, "gone", "GET", "/gone", "NORMAL", "x"))
	h.publish(gone, ReleaseEnvID)
	h.must(201, "POST", "/apis/action", map[string]any{"action": "offline", "api_id": gone, "env_id": ReleaseEnvID})
	cases := []struct {
		method, path, stage string
		status              int
		body                string
	}{
		{"GET", "/items", "", 200, "exact"},
		{"GET", "/items/", "", 200, "exact"},
		{"GET", "/items/7", "", 200, "param"},
		{"POST", "/items/7", "", 200, "any"},
		{"GET", "/items/7/parts", "", 200, "prefix"},
		{"GET", "/itemsx", "", 404, ""},
		{"GET", "/files/a/b/c", "", 200, "greedy"},
		{"GET", "/files", "", 404, ""},
		{"GET", "/stage", "", 404, ""},
		{"GET", "/stage", "staging", 200, "in staging"},
		{"GET", "/items", "staging", 404, ""},
		{"GET", "/items", "nowhere", 404, ""},
		{"GET", "/gone", "", 404, ""},
	}
	for _, c := range cases {
		hdr := map[string]string{}
		if c.stage != "" {
			hdr[StageHeader] = c.stage
		}
		r := request(t, c.method, h.dp.URL+c.path, hdr)
		if r.status != c.status || (c.body != "" && r.raw != c.body) {
			t.Errorf("%s %s (stage %q) = %d %q, want %d %q", c.method, c.path, c.stage, r.status, r.raw, c.status, c.body)
		}
		if c.status == 404 && r.body["error_code"] != codeNoAPI {
			t.Errorf("%s %s: 404 body %s, want %s", c.method, c.path, r.raw, codeNoAPI)
		}
	}
}

func TestDataPlaneForwardsHTTP(t *testing.T) {
	var seen *http.Request
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r
		io.WriteString(w, "from backend "+r.Method+" "+r.URL.RequestURI())
	}))
	defer backend.Close()
	h := newHarness(t)
	g := h.group("shop")
	h.must(201, "POST", "/env-variables", map[string]any{"group_id": g, "env_id": ReleaseEnvID, "variable_name": "host", "variable_value": backend.Listener.Addr().String()})
	api := map[string]any{"group_id": g, "name": "proxy_api", "type": 1, "req_protocol": "BOTH", "req_method": "ANY",
		"req_uri": "/shop/{id}", "match_mode": "SWA", "auth_type": "NONE", "backend_type": "HTTP",
		"req_params": []map[string]any{{"name": "id", "type": "STRING", "location": "PATH"}},
		"backend_api": map[string]any{"req_protocol": "HTTP", "req_method": "ANY", "req_uri": "/backend/{id}",
			"url_domain": "#host#", "timeout": 5000, "vpc_channel_status": 2, "retry_count": "-1"}}
	h.publish(h.api(api), ReleaseEnvID)
	r := request(t, "DELETE", h.dp.URL+"/shop/42/lines/1?x=1", map[string]string{"X-Test": "yes"})
	if r.status != 200 || r.raw != "from backend DELETE /backend/42/lines/1?x=1" {
		t.Fatalf("forwarded = %d %q", r.status, r.raw)
	}
	if seen.Header.Get("X-Test") != "yes" || r.header.Get("X-Gwsync-Route") != "proxy_api" {
		t.Errorf("headers: backend saw X-Test %q; response route %q", seen.Header.Get("X-Test"), r.header.Get("X-Gwsync-Route"))
	}
	// A host that is another group's domain does not reach this group's APIs.
	other := h.group("other")
	h.must(201, "POST", "/api-groups/"+other+"/domains", map[string]any{"url_domain": "api.other.example.com"})
	if r := request(t, "GET", h.dp.URL+"/shop/1", map[string]string{"Host": "api.other.example.com"}); r.status != 404 {
		t.Errorf("other group's host reached shop: %d %s", r.status, r.raw)
	}
}

func TestMatchPath(t *testing.T) {
	cases := []struct {
		route, mode, path string
		ok                bool
		rest              string
	}{
		{"/test/AA", "SWA", "/test/AA/BB", true, "/BB"},
		{"/test/AA", "SWA", "/test/AACC", false, ""},
		{"/a/{x}", "NORMAL", "/a/b", true, ""},
		{"/a/{x}", "NORMAL", "/a", false, ""},
		{"/a/{x}", "NORMAL", "/a/b/c", false, ""},
		{"/", "SWA", "/anything/at/all", true, "/anything/at/all"},
		{"/A", "NORMAL", "/a", false, ""},
	}
	for _, c := range cases {
		_, rest, ok := matchPath(c.route, c.mode, c.path)
		if ok != c.ok || rest != c.rest {
			t.Errorf("matchPath(%s, %s, %s) = %q, %v; want %q, %v", c.route, c.mode, c.path, rest, ok, c.rest, c.ok)
		}
	}
}
