package huawei_test

import (
	"testing"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

// hwThrottle is a throttle body that binds where its bind list says.
const hwThrottle = `api_call_limits: 100, time_interval: 1, time_unit: "SECOND"`

func TestHWPolicySingleton(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "two throttles on one API and environment", Src: `
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_list", env: "RELEASE"}]}
throttles: fast: {` + hwThrottle + `, bind: [{api: "orders_list", env: "RELEASE"}]}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWPolicySingleton, Line: 1, Related: 2, Msg: `throttle "fast" and throttle "slow" are both bound to API "orders_list" in environment "RELEASE"; an API has at most one throttle per environment`}}},
		{Name: "one plugin bound twice", Src: `
plugins: headers: {
	plugin_type: "set_resp_headers"
	plugin_content: response_headers: []
	bind: [
		{api: "orders_list", env: "TEST"},
		{api: "orders_list", env: "TEST"},
	]
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWPolicySingleton, Line: 6, Related: 5, Msg: `set_resp_headers plugin "headers" is bound to API "orders_list" in environment "TEST" twice`}}},
		{Name: "one of each type, and one throttle per environment", Src: `
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_list", env: "RELEASE"}]}
throttles: fast: {` + hwThrottle + `, bind: [{api: "orders_list", env: "TEST"}]}
acls: block: {acl_type: "DENY", entity_type: "IP", acl_value: ["10.0.0.1"], bind: [{api: "orders_list", env: "RELEASE"}]}
plugins: cors1: {plugin_type: "cors", plugin_content: allow_origin: "*", bind: [{api: "orders_list", env: "RELEASE"}]}
plugins: headers: {plugin_type: "set_resp_headers", plugin_content: {}, bind: [{api: "orders_list", env: "RELEASE"}]}
`},
	})
}

func TestHWPolicyUnpublished(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "bound where the API is not published", Src: `
environments: STAGE: {}
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_list", env: "STAGE"}]}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWPolicyUnpublished, Line: 2, Related: inBaseHW(13), Msg: `throttle "slow" binds to API "orders_list" in environment "STAGE", where the API is not published; a policy binds only to a published API (APIG.3707): add "STAGE" to the API's publish list, or bind it in environments "RELEASE" and "TEST"`}}},
		{Name: "unknown API and environment", Src: `
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_lst", env: "PROD"}]}
`, Want: []validatetest.Want{
			{Rule: diag.RuleReference, Line: 1, Msg: `API "orders_lst" is not declared in the groups' apis; did you mean "orders_list"?`},
			{Rule: diag.RuleReference, Line: 1, Msg: `environment "PROD" is not declared in environments`},
		}},
		{Name: "publish to an undeclared environment", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"
	publish: ["RELEASE", "PRDO"]
}
`, Want: []validatetest.Want{{Rule: diag.RuleReference, Line: 3, Msg: `environment "PRDO" is not declared in environments`}}},
	})
}

func TestHWEnvVariables(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "undefined variable", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", timeout: 5000
		url_domain: "#items_host#"
		req_uri:    "/#version_prefix#/items"
	}
	publish: ["RELEASE", "TEST"]
}
groups: orders: variables: RELEASE: version_prefix: "v1"
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWEnvVariables, Line: 5, Msg: `backend_api url_domain uses #items_host#, but group "orders" defines no variable "items_host" for environments "RELEASE" and "TEST", where the API is published`},
			{Rule: hwdiag.RuleHWEnvVariables, Line: 6, Msg: `backend_api req_uri uses #version_prefix#, but group "orders" defines no variable "version_prefix" for environment "TEST"`},
		}},
		{Name: "unclosed variable", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", timeout: 5000, url_domain: "#backend_host#", req_uri: "/#version/items"}
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWEnvVariables, Line: 3, Msg: `has an odd number of "#"`}}},
		{Name: "short variable name", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", timeout: 5000, url_domain: "#v1#:8080", req_uri: "/items"}
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWEnvVariables, Line: 3, Msg: `uses variable #v1#, whose name is 2 characters long (3-32 allowed)`}}},
		{Name: "defined for every environment", Src: `
groups: orders: variables: {
	RELEASE: version_prefix: "v1"
	TEST: version_prefix:    "v2"
}
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", timeout: 5000, url_domain: "#backend_host#", req_uri: "/#version_prefix#/items"}
	publish: ["RELEASE", "TEST"]
}
`},
	})
}
