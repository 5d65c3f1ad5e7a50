package compiler

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

func compileHuaweiOrders(t *testing.T) *model.Desired {
	t.Helper()
	return mustCompile(t, huaweiOrdersDir, ".")
}

func TestCompileHuaweiOrdersShape(t *testing.T) {
	d := compileHuaweiOrders(t)
	if hwmodel.Of(d) == nil {
		t.Fatal("Huawei is nil for provider huawei")
	}
	g := d.Gateway
	if g.Provider != "huawei" || g.ID == "" || g.Region != "cn-north-4" || g.ProjectID == "" {
		t.Errorf("gateway = %+v", g)
	}
	if s := alimodel.Of(d); s != nil {
		n := len(s.Environments) + len(s.Services) + len(s.Domains) + len(s.Policies) + len(s.HTTPAPIs) + len(s.Attachments)
		t.Errorf("a Huawei desired state holds an Aliyun state (%d resources)", n)
	}
	if len(d.Probes) != 7 { // probes are shared by both shapes: the example's probes.cue
		t.Errorf("%d probes, want the example's 7", len(d.Probes))
	}
	h := hwmodel.Of(d)
	got := []int{len(h.Environments), len(h.Groups), len(h.APIs()), len(h.Throttles), len(h.ACLs), len(h.Plugins), len(h.Bindings())}
	if want := []int{2, 2, 4, 1, 1, 1, 7}; !slices.Equal(got, want) {
		t.Errorf("environments, groups, APIs, throttles, ACLs, plugins, bindings = %v, want %v", got, want)
	}
	var names []string
	for _, a := range h.APIs() {
		names = append(names, a.Group+"/"+a.Name)
	}
	want := []string{"api_group_001/Api_function", "api_group_001/Api_http", "api_group_001/Api_mock", "grpc_group/Api_grpc"}
	if !slices.Equal(names, want) {
		t.Errorf("APIs = %v, want %v (sorted by group, then name)", names, want)
	}
}

// TestCompileHuaweiOrdersSeedExamples checks the four APIs against the
// seed document's request examples they mirror.
func TestCompileHuaweiOrdersSeedExamples(t *testing.T) {
	h := hwmodel.Of(compileHuaweiOrders(t))
	httpAPI := h.API("Api_http")
	if httpAPI.BackendType != hwmodel.BackendHTTP || httpAPI.BackendAPI == nil || httpAPI.BackendAPI.URLDomain != "#orders_backend#" ||
		httpAPI.BackendAPI.Timeout != 5000 || httpAPI.AuthType != "AUTHORIZER" || httpAPI.Type != 1 {
		t.Errorf("Api_http = %+v, backend %+v", httpAPI, httpAPI.BackendAPI)
	}
	if len(httpAPI.ReqParams) != 2 || httpAPI.ReqParams[1].Name != "header-demo" || httpAPI.ReqParams[1].IsRequired() {
		t.Errorf("Api_http req_params = %+v", httpAPI.ReqParams)
	}
	if len(httpAPI.BackendParams) != 4 || httpAPI.BackendParams[3].Origin != "SYSTEM" || httpAPI.BackendParams[3].Value != "$context.appId" {
		t.Errorf("Api_http backend_params = %+v", httpAPI.BackendParams)
	}
	if refNames(httpAPI.Publish) != "RELEASE,TEST" || refNames(httpAPI.Tags) != "webApi" {
		t.Errorf("Api_http publish %v, tags %v", httpAPI.Publish, httpAPI.Tags)
	}
	fn := h.API("Api_function").FuncInfo
	if fn == nil || fn.NetworkType != "V1" || fn.InvocationType != "sync" || fn.Timeout != 5000 || fn.Version != "latest" {
		t.Errorf("Api_function func_info = %+v", fn)
	}
	mock := h.API("Api_mock")
	if mock.MatchMode != hwmodel.MatchSWA || mock.MockInfo == nil || mock.MockInfo.ResultContent != "mock success" {
		t.Errorf("Api_mock = %+v, mock_info %+v", mock, mock.MockInfo)
	}
	if len(mock.PolicyMocks) != 1 || mock.PolicyMocks[0].Kind != hwmodel.PolicyMock || mock.PolicyMocks[0].Mock.ResultContent != "mock policy success" ||
		mock.PolicyMocks[0].Conditions[0].Origin != "source" || mock.PolicyMocks[0].Conditions[0].Value != "1.0.1.0" {
		t.Errorf("Api_mock policy_mocks = %+v", mock.PolicyMocks)
	}
	grpc := h.API("Api_grpc")
	if !grpc.IsGRPC() || grpc.ReqMethod != "POST" || grpc.BackendAPI.ReqURI != "/" || grpc.BackendAPI.RetryCount == nil ||
		*grpc.BackendAPI.RetryCount != -1 || grpc.BackendAPI.VPCChannelID == "" || grpc.AppCodeAuthType != "DISABLE" {
		t.Errorf("Api_grpc = %+v, backend %+v", grpc, grpc.BackendAPI)
	}
}

func TestCompileHuaweiOrdersGroupsAndPolicies(t *testing.T) {
	h := hwmodel.Of(compileHuaweiOrders(t))
	g := h.Groups[0]
	if len(g.Domains) != 1 || !g.Domains[0].HTTPSRedirect || g.Domains[0].Certificate.Name != "orders_example_com" || g.Domains[0].Group != g.Name {
		t.Errorf("domains = %+v", g.Domains)
	}
	var vars []string
	for _, v := range g.Variables {
		vars = append(vars, v.Env.Name+"."+v.Name+"="+v.Value)
	}
	if want := []string{"RELEASE.orders_backend=10.10.10.156:12346", "TEST.orders_backend=10.10.10.157:12346"}; !slices.Equal(vars, want) {
		t.Errorf("variables = %v, want %v", vars, want)
	}
	if acl := h.ACLs[0]; refNames(acl.Values) != "198.51.100.7,203.0.113.0/24" || acl.ACLType != "DENY" {
		t.Errorf("acl = %+v", acl)
	}
	th := h.Throttles[0]
	if th.APICallLimits != 100 || th.UserCallLimits == nil || *th.UserCallLimits != 60 || th.TimeUnit != "SECOND" || len(th.Bind) != 3 {
		t.Errorf("throttle = %+v", th)
	}
	p := h.Plugins[0]
	want := `{"allow_credentials":false,"allow_headers":"Content-Type,X-Sdk-Date,Authorization","allow_methods":"GET,HEAD,OPTIONS",` +
		`"allow_origin":"https://shop.example.com","expose_headers":"X-Request-Id,X-Apig-Latency","max_age":86400}`
	if p.Type != "cors" || p.ContentJSON != want {
		t.Errorf("plugin %s content JSON = %s, want %s", p.Type, p.ContentJSON, want)
	}
}

func TestCompileHuaweiOrdersPositions(t *testing.T) {
	h := hwmodel.Of(compileHuaweiOrders(t))
	src := readFile(t, filepath.Join(huaweiOrdersDir, "orders.cue"))
	at := func(anchor, needle string) int { return lineOf(t, src, anchor, needle) }
	mock := h.API("Api_mock")
	checks := []struct {
		what string
		pos  model.Pos
		line int
	}{
		{"Api_mock", mock.Pos, at("", "Api_mock: {")},
		{"Api_mock req_uri", mock.PositionOf("/req_uri"), at("Api_mock: {", "req_uri:")},
		{"Api_mock condition value", mock.PositionOf("/policy_mocks/0/conditions/0/condition_value"), at("Api_mock: {", "condition_value")},
		{"Api_mock unwritten field", mock.PositionOf("/cors"), at("", "Api_mock: {")},
		{"Api_mock condition", mock.PolicyMocks[0].Conditions[0].Pos, at("Api_mock: {", "condition_origin")},
		{"Api_http second req_param", h.API("Api_http").ReqParams[1].Pos, at("Api_http: {", `{name: "header-demo"`)},
		{"Api_http publish TEST", h.API("Api_http").Publish[1].Pos, at("Api_http: {", "publish:")},
		{"domain", h.Groups[0].Domains[0].Pos, at("", `domains: "api.orders.example.com"`)},
		{"https redirect", h.Groups[0].Domains[0].HTTPSRedirectPos, at("", "is_http_redirect_to_https")},
		{"TEST variable", h.Groups[0].Variables[1].Pos, at("variables: {", "TEST:")},
		{"plugin max_age", h.Plugins[0].PositionOf("/plugin_content/max_age"), at("", "max_age")},
		{"cors bind api", h.Plugins[0].Bind[1].API.Pos, at("plugins:", `{api: "Api_mock", env: "RELEASE"}`)},
		{"throttle limit", h.Throttles[0].PositionOf("/api_call_limits"), at("", "api_call_limits")},
	}
	for _, c := range checks {
		if c.pos.File != "orders.cue" || c.pos.Line != c.line {
			t.Errorf("%s at %s, want orders.cue:%d", c.what, c.pos, c.line)
		}
	}
}

// TestCompileHuaweiSchemaErrors checks that a Huawei desired state that
// breaks the schema gets schema findings at the offending line, naming the
// resource and field.
func TestCompileHuaweiSchemaErrors(t *testing.T) {
	cases := []struct {
		name, src, resource, needle, msg string
	}{
		{"wrong enum", huaweiAPI("\treq_method: \"FETCH\"\n\treq_uri: \"/a\"\n\tauth_type: \"NONE\"\n\tbackend_type: \"MOCK\"\n"),
			"groups.g.apis.a", "FETCH", `req_method: must be one of`},
		{"missing field", huaweiAPI("\treq_method: \"GET\"\n\tauth_type: \"NONE\"\n\tbackend_type: \"MOCK\"\n"),
			"groups.g.apis.a", "a: {", `missing required field "req_uri"`},
		{"nested enum", huaweiAPI(okHuaweiAPI + "\tfunc_info: {function_urn: \"u\", invocation_type: \"later\", network_type: \"V1\", timeout: 1}\n"),
			"groups.g.apis.a", "later", "func_info.invocation_type: must be one of"},
		{"Aliyun field", hw + "services: s: sourceType: \"DNS\"\n", "", "services", `unknown field "services"`},
		{"float", hw + "throttles: t: {api_call_limits: 10.0, time_interval: 1, time_unit: \"SECOND\"}\n",
			"throttles.t", "10.0", "api_call_limits: must be an integer"},
		{"domain field", hw + "groups: g: domains: \"a.example.com\": is_http_redirect_to_https: \"yes\"\n",
			"groups.g.domains.a.example.com", "yes", "is_http_redirect_to_https: must be boolean"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"gw.cue": c.src})
			res := compileSafely(t, []string{"."}, Options{Dir: dir})
			if res.Desired != nil {
				t.Fatalf("Desired is set despite findings:\n%s", formatFindings(res.Findings))
			}
			line := lineOf(t, c.src, "", c.needle)
			if !slices.ContainsFunc(res.Findings, func(f diag.Finding) bool {
				return f.Rule == diag.RuleSchema && f.Resource == c.resource && f.Pos.File == "gw.cue" && f.Pos.Line == line && strings.Contains(f.Message, c.msg)
			}) {
				t.Errorf("want a schema finding [%s] at gw.cue:%d containing %q; got:\n%s", c.resource, line, c.msg, formatFindings(res.Findings))
			}
		})
	}
}

// TestCompileHuaweiPluginContentAnyShape checks that plugin_content, like a
// policy's config, holds any JSON: floats and bytes are left to the
// plugin's own checks.
func TestCompileHuaweiPluginContentAnyShape(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": hw + "plugins: p: {plugin_type: \"breaker\", plugin_content: {ratio: 0.5, n: [1, {x: null}]}}\n"})
	d := mustCompile(t, dir, ".")
	if got := hwmodel.Of(d).Plugins[0].ContentJSON; got != `{"n":[1,{"x":null}],"ratio":0.5}` {
		t.Errorf("content JSON = %s", got)
	}
}

// TestCompileHuaweiYAML checks that the Huawei shape reads from YAML too,
// with positions.
func TestCompileHuaweiYAML(t *testing.T) {
	src := "gateway:\n  provider: huawei\n  id: i-1\ngroups:\n  g:\n    apis:\n      a:\n        req_method: ANY\n        req_uri: /a/{id}\n" +
		"        auth_type: NONE\n        backend_type: MOCK\n        mock_info:\n          result_content: ok\n"
	dir := writeTree(t, map[string]string{"gw.yaml": src})
	d := mustCompile(t, dir, ".")
	a := hwmodel.Of(d).API("a")
	if a == nil || a.ReqMethod != "ANY" || a.ReqURI != "/a/{id}" {
		t.Fatalf("API a = %+v", a)
	}
	if p := a.PositionOf("/req_uri"); p.File != "gw.yaml" || p.Line != 9 {
		t.Errorf("req_uri at %s, want gw.yaml:9", p)
	}
}

func TestCompileAliyunHasNoHuaweiState(t *testing.T) {
	if d := compileOrders(t); hwmodel.Of(d) != nil {
		t.Errorf("Huawei = %+v for provider aliyun", hwmodel.Of(d))
	}
}

// refNames joins the names of refs with commas.
func refNames(refs []model.Ref) string {
	var names []string
	for _, r := range refs {
		names = append(names, r.Name)
	}
	return strings.Join(names, ",")
}
