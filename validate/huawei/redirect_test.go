package huawei_test

import (
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHWHTTPSRedirect(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "GET over HTTPS with a certificate", Src: `
groups: orders: domains: "api.example.com": is_http_redirect_to_https: true
`},
		{Name: "no certificate", Src: `
groups: orders: domains: "www.example.com": is_http_redirect_to_https: true
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWHTTPSRedirect, Line: 1, Msg: `domain "www.example.com" redirects HTTP to HTTPS but has no certificate`}}},
		{Name: "no API the redirect is for", Src: `
groups: writes: {
	domains: "w.example.com": {certificate: "w_cert", is_http_redirect_to_https: true}
	apis: create_order: {
		req_method: "POST", req_uri: "/orders", auth_type: "NONE"
		backend_type: "MOCK", mock_info: result_content: "ok"
	}
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWHTTPSRedirect, Line: 2, Msg: `group "writes" has no GET or HEAD API whose req_protocol is HTTPS or BOTH`}}},
		{Name: "APIs the redirect is not for", Src: `
groups: orders: {
	domains: "api.example.com": is_http_redirect_to_https: true
	apis: plain_http: {
		req_protocol: "HTTP", req_method: "GET", req_uri: "/plain", auth_type: "NONE"
		backend_type: "MOCK", mock_info: result_content: "ok"
	}
	apis: create_order: {
		req_protocol: "BOTH", req_method: "POST", req_uri: "/orders", auth_type: "NONE"
		backend_type: "MOCK", mock_info: result_content: "ok"
	}
	apis: https_post: {
		req_method: "POST", req_uri: "/https-only", auth_type: "NONE"
		backend_type: "MOCK", mock_info: result_content: "ok"
	}
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWHTTPSRedirectAPI, Line: 4, Msg: `API is served over HTTP only, but domain "api.example.com" of its group redirects HTTP requests to HTTPS`},
			{Rule: hwdiag.RuleHWHTTPSRedirectAPI, Line: 8, Msg: `API takes POST over HTTP too, but domain "api.example.com" of its group redirects HTTP to HTTPS, which is meant only for GET and HEAD`},
		}},
	})
}

func TestHWCORSPreflight(t *testing.T) {
	// putAPI has cors on and a method browsers preflight.
	const putAPI = `
groups: orders: apis: update_order: {
	req_method: "PUT", req_uri: "/orders/{id}", auth_type: "NONE", cors: true
	req_params: [{name: "id", location: "PATH", type: "STRING"}]
	backend_type: "MOCK", mock_info: result_content: "ok"
	publish: ["RELEASE", "TEST"]
}
`
	// optionsAPI answers preflights for the whole group in RELEASE.
	const optionsAPI = `
groups: orders: apis: preflight: {
	req_method: "OPTIONS", req_uri: "/", match_mode: "SWA", auth_type: "NONE", cors: true
	backend_type: "MOCK", mock_info: result_content: ""
	publish: ["RELEASE"]
}
`
	runHWCases(t, []validatetest.Case{
		{Name: "no preflight answer", Src: putAPI, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWCORSPreflight, Line: 2, Msg: `API has cors on, and its method is PUT, so browsers send a preflight OPTIONS request first, and in environments "RELEASE" and "TEST" neither an OPTIONS API of group "orders" published there nor a cors plugin bound to the API answers it`},
		}},
		{Name: "OPTIONS API in RELEASE only", Src: putAPI + optionsAPI, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWCORSPreflight, Line: 2, Msg: `in environment "TEST" neither`},
		}},
		{Name: "OPTIONS API and a cors plugin", Src: putAPI + optionsAPI + `
plugins: orders_cors: {
	plugin_type: "cors"
	plugin_content: {allow_origin: "*", allow_methods: "GET,PUT"}
	bind: [{api: "update_order", env: "TEST"}]
}
`},
		{Name: "required custom header", Src: `
groups: orders: apis: orders_list: {
	cors: true
	req_params: [{name: "X-Tenant", location: "HEADER", type: "STRING", required: 1}]
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWCORSPreflight, Line: 2, Msg: `it requires header "X-Tenant"`}}},
		{Name: "simple request", Src: `
groups: orders: apis: orders_list: {
	cors: true
	req_params: [{name: "Accept-Language", location: "HEADER", type: "STRING", required: 1}]
}
`},
	})
}
