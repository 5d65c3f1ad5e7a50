package huawei_test

import (
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHWBackendParams(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "values their origins cannot use", Src: `
groups: orders: apis: orders_list: {
	req_params: [{name: "query_demo", location: "QUERY", type: "STRING"}]
	backend_params: [
		{name: "backQuery", value: "query_dem", location: "QUERY", origin: "REQUEST"},
		{name: "app-id", value: "$context.appID", location: "HEADER", origin: "SYSTEM"},
		{name: "user", value: "$context.authorizer.frontend.user", location: "HEADER", origin: "SYSTEM"},
		{name: "tenant", value: "$context.authorizer.backend.tenant", location: "HEADER", origin: "SYSTEM"},
		{name: "owner", value: "$context.providerAppId", location: "HEADER", origin: "SYSTEM"},
		{name: "oid", value: "query_demo", location: "PATH", origin: "REQUEST"},
	]
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWBackendParams, Line: 4, Msg: `takes request parameter "query_dem", which the API does not declare (APIG.2028); did you mean "query_demo"?`},
			{Rule: hwdiag.RuleHWBackendParams, Line: 5, Msg: `"$context.appID" is not a gateway parameter; did you mean "$context.appId"?`},
			{Rule: hwdiag.RuleHWBackendParams, Line: 6, Msg: `is a frontend authorizer parameter, but the API's auth_type is NONE`},
			{Rule: hwdiag.RuleHWBackendParams, Line: 7, Msg: `is a backend authorizer parameter, but the backend has no custom authorizer`},
			{Rule: hwdiag.RuleHWBackendParams, Line: 8, Msg: `$context.providerAppId is not supported yet`},
			{Rule: hwdiag.RuleHWBackendParams, Line: 9, Msg: `PATH backend parameter "oid" does not appear in the backend req_uri "/orders" (APIG.2027)`},
		}},
		{Name: "values their origins can use", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "AUTHORIZER", authorizer_id: "a1"
	req_params: [{name: "header-demo", location: "HEADER", type: "STRING"}]
	backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", req_uri: "/items", url_domain: "#backend_host#", timeout: 5000, authorizer_id: "b1"}
	backend_params: [
		{name: "backHeader", value: "header-demo", location: "HEADER", origin: "REQUEST"},
		{name: "X-CONSTANT-HEADER", value: "demo", location: "HEADER", origin: "CONSTANT"},
		{name: "app-id", value: "$context.appId", location: "HEADER", origin: "SYSTEM"},
		{name: "user", value: "$context.authorizer.frontend.user", location: "HEADER", origin: "SYSTEM"},
		{name: "tenant", value: "$context.authorizer.backend.tenant", location: "HEADER", origin: "SYSTEM"},
	]
}
`},
	})
}

func TestHWPolicyBackends(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "the seed's first mock example name", Src: `
groups: orders: apis: orders_list: policy_mocks: [{
	name: "Mock policy backend", effect_mode: "ANY", result_content: "mock policy success"
	conditions: [{condition_origin: "source", condition_value: "1.0.1.0"}]
}]
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWPolicyBackend, Line: 1, Msg: `policy backend name "Mock policy backend" has characters Huawei APIG does not allow (' '; allowed: letters, digits, "_" and Chinese characters); rename it, e.g. "Mock_policy_backend"`}}},
		{Name: "conditions not well formed", Src: `
groups: orders: apis: orders_list: {
	req_params: [{name: "query_demo", location: "QUERY", type: "STRING"}]
	policy_mocks: [{
		name: "no_conditions", effect_mode: "ANY", result_content: "x"
		conditions: []
	}, {
		name: "bad_conditions", effect_mode: "ALL", result_content: "x"
		conditions: [
			{condition_origin: "param", condition_value: "1"},
			{condition_origin: "param", req_param_name: "query", condition_type: "exact", condition_value: "1"},
			{condition_origin: "source", condition_value: "10.0.0.0/33, 1.2.3.4"},
			{condition_origin: "cookie", condition_value: "x"},
			{condition_origin: "frontend_authorizer", frontend_authorizer_param_name: "user", condition_type: "exact", condition_value: "x"},
		]
	}]
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWPolicyBackend, Line: 3, Msg: `policy backend "no_conditions" has 0 conditions; it needs 1-5`},
			{Rule: hwdiag.RuleHWPolicyBackend, Line: 9, Msg: `condition (origin param) lacks req_param_name, condition_type; add them`},
			{Rule: hwdiag.RuleHWPolicyBackend, Line: 10, Msg: `names request parameter "query", which the API does not declare; name one of: "query_demo"`},
			{Rule: hwdiag.RuleHWPolicyBackend, Line: 11, Msg: `whose "10.0.0.0/33" is not an IP address or CIDR`},
			{Rule: hwdiag.RuleHWPolicyBackend, Line: 12, Msg: `lacks cookie_param_name, condition_type; add them`},
			{Rule: hwdiag.RuleHWPolicyBackend, Line: 13, Msg: `write the authorizer's parameter as "$context.authorizer.frontend.user"`},
		}},
		{Name: "more than five", Src: `
_c: [{condition_origin: "source", condition_value: "10.0.0.1"}]
groups: orders: apis: orders_list: policy_mocks: [
	{name: "pb1", effect_mode: "ANY", conditions: _c},
	{name: "pb2", effect_mode: "ANY", conditions: _c},
	{name: "pb3", effect_mode: "ANY", conditions: _c},
	{name: "pb4", effect_mode: "ANY", conditions: _c},
	{name: "pb5", effect_mode: "ANY", conditions: _c},
	{name: "pb6", effect_mode: "ANY", conditions: _c},
]
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWPolicyBackend, Line: 8, Msg: "API has 6 policy backends; Huawei APIG allows at most 5"}}},
		{Name: "well formed", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "AUTHORIZER", authorizer_id: "a1"
	backend_type: "MOCK", mock_info: result_content: "ok"
	req_params: [{name: "query_demo", location: "QUERY", type: "STRING"}]
	policy_mocks: [{
		name: "mock_policy_backend", effect_mode: "ALL", result_content: "mock policy success"
		conditions: [
			{condition_origin: "source", condition_value: "1.0.1.0"},
			{condition_origin: "param", req_param_name: "query_demo", condition_type: "enum", condition_value: "a,b"},
			{condition_origin: "system", sys_param_name: "req_method", condition_type: "exact", condition_value: "GET"},
			{condition_origin: "cookie", cookie_param_name: "sid", condition_type: "pattern", condition_value: "^a"},
			{condition_origin: "frontend_authorizer", frontend_authorizer_param_name: "$context.authorizer.frontend.user", condition_type: "exact", condition_value: "x"},
		]
	}]
}
`},
	})
}
