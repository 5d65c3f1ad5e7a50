package validate_test

import (
	"testing"

	"github.com/gwsync/gwsync/diag"
)

// hwThrottle is a throttle body that binds where its bind list says.
const hwThrottle = `api_call_limits: 100, time_interval: 1, time_unit: "SECOND"`

func TestHWPolicySingleton(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "two throttles on one API and environment", src: `
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_list", env: "RELEASE"}]}
throttles: fast: {` + hwThrottle + `, bind: [{api: "orders_list", env: "RELEASE"}]}
`, want: []want{{rule: diag.RuleHWPolicySingleton, line: 1, related: 2, msg: `throttle "fast" and throttle "slow" are both bound to API "orders_list" in environment "RELEASE"; an API has at most one throttle per environment`}}},
		{name: "one plugin bound twice", src: `
plugins: headers: {
	plugin_type: "set_resp_headers"
	plugin_content: response_headers: []
	bind: [
		{api: "orders_list", env: "TEST"},
		{api: "orders_list", env: "TEST"},
	]
}
`, want: []want{{rule: diag.RuleHWPolicySingleton, line: 6, related: 5, msg: `set_resp_headers plugin "headers" is bound to API "orders_list" in environment "TEST" twice`}}},
		{name: "one of each type, and one throttle per environment", src: `
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_list", env: "RELEASE"}]}
throttles: fast: {` + hwThrottle + `, bind: [{api: "orders_list", env: "TEST"}]}
acls: block: {acl_type: "DENY", entity_type: "IP", acl_value: ["10.0.0.1"], bind: [{api: "orders_list", env: "RELEASE"}]}
plugins: cors1: {plugin_type: "cors", plugin_content: allow_origin: "*", bind: [{api: "orders_list", env: "RELEASE"}]}
plugins: headers: {plugin_type: "set_resp_headers", plugin_content: {}, bind: [{api: "orders_list", env: "RELEASE"}]}
`},
	})
}

func TestHWPolicyUnpublished(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "bound where the API is not published", src: `
environments: STAGE: {}
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_list", env: "STAGE"}]}
`, want: []want{{rule: diag.RuleHWPolicyUnpublished, line: 2, related: inBaseHW(13), msg: `throttle "slow" binds to API "orders_list" in environment "STAGE", where the API is not published; a policy binds only to a published API (APIG.3707): add "STAGE" to the API's publish list, or bind it in environments "RELEASE" and "TEST"`}}},
		{name: "unknown API and environment", src: `
throttles: slow: {` + hwThrottle + `, bind: [{api: "orders_lst", env: "PROD"}]}
`, want: []want{
			{rule: diag.RuleReference, line: 1, msg: `API "orders_lst" is not declared in the groups' apis; did you mean "orders_list"?`},
			{rule: diag.RuleReference, line: 1, msg: `environment "PROD" is not declared in environments`},
		}},
		{name: "publish to an undeclared environment", src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"
	publish: ["RELEASE", "PRDO"]
}
`, want: []want{{rule: diag.RuleReference, line: 3, msg: `environment "PRDO" is not declared in environments`}}},
	})
}

func TestHWEnvVariables(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "undefined variable", src: `
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
`, want: []want{
			{rule: diag.RuleHWEnvVariables, line: 5, msg: `backend_api url_domain uses #items_host#, but group "orders" defines no variable "items_host" for environments "RELEASE" and "TEST", where the API is published`},
			{rule: diag.RuleHWEnvVariables, line: 6, msg: `backend_api req_uri uses #version_prefix#, but group "orders" defines no variable "version_prefix" for environment "TEST"`},
		}},
		{name: "unclosed variable", src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", timeout: 5000, url_domain: "#backend_host#", req_uri: "/#version/items"}
}
`, want: []want{{rule: diag.RuleHWEnvVariables, line: 3, msg: `has an odd number of "#"`}}},
		{name: "short variable name", src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE", backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", timeout: 5000, url_domain: "#v1#:8080", req_uri: "/items"}
}
`, want: []want{{rule: diag.RuleHWEnvVariables, line: 3, msg: `uses variable #v1#, whose name is 2 characters long (3-32 allowed)`}}},
		{name: "defined for every environment", src: `
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
