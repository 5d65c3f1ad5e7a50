package validate_test

import (
	"testing"

	"github.com/gwsync/gwsync/diag"
)

func TestHWHTTPSRedirect(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "GET over HTTPS with a certificate", src: `
groups: orders: domains: "api.example.com": is_http_redirect_to_https: true
`},
		{name: "no certificate", src: `
groups: orders: domains: "www.example.com": is_http_redirect_to_https: true
`, want: []want{{rule: diag.RuleHWHTTPSRedirect, line: 1, msg: `domain "www.example.com" redirects HTTP to HTTPS but has no certificate`}}},
		{name: "no API the redirect is for", src: `
groups: writes: {
	domains: "w.example.com": {certificate: "w_cert", is_http_redirect_to_https: true}
	apis: create_order: {
		req_method: "POST", req_uri: "/orders", auth_type: "NONE"
		backend_type: "MOCK", mock_info: result_content: "ok"
	}
}
`, want: []want{{rule: diag.RuleHWHTTPSRedirect, line: 2, msg: `group "writes" has no GET or HEAD API whose req_protocol is HTTPS or BOTH`}}},
		{name: "APIs the redirect is not for", src: `
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
`, want: []want{
			{rule: diag.RuleHWHTTPSRedirectAPI, line: 4, msg: `API is served over HTTP only, but domain "api.example.com" of its group redirects HTTP requests to HTTPS`},
			{rule: diag.RuleHWHTTPSRedirectAPI, line: 8, msg: `API takes POST over HTTP too, but domain "api.example.com" of its group redirects HTTP to HTTPS, which is meant only for GET and HEAD`},
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
	runHWCases(t, []tcase{
		{name: "no preflight answer", src: putAPI, want: []want{
			{rule: diag.RuleHWCORSPreflight, line: 2, msg: `API has cors on, and its method is PUT, so browsers send a preflight OPTIONS request first, and in environments "RELEASE" and "TEST" neither an OPTIONS API of group "orders" published there nor a cors plugin bound to the API answers it`},
		}},
		{name: "OPTIONS API in RELEASE only", src: putAPI + optionsAPI, want: []want{
			{rule: diag.RuleHWCORSPreflight, line: 2, msg: `in environment "TEST" neither`},
		}},
		{name: "OPTIONS API and a cors plugin", src: putAPI + optionsAPI + `
plugins: orders_cors: {
	plugin_type: "cors"
	plugin_content: {allow_origin: "*", allow_methods: "GET,PUT"}
	bind: [{api: "update_order", env: "TEST"}]
}
`},
		{name: "required custom header", src: `
groups: orders: apis: orders_list: {
	cors: true
	req_params: [{name: "X-Tenant", location: "HEADER", type: "STRING", required: 1}]
}
`, want: []want{{rule: diag.RuleHWCORSPreflight, line: 2, msg: `it requires header "X-Tenant"`}}},
		{name: "simple request", src: `
groups: orders: apis: orders_list: {
	cors: true
	req_params: [{name: "Accept-Language", location: "HEADER", type: "STRING", required: 1}]
}
`},
	})
}
