package validate_test

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
)

func TestHWReqURI(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "template without a PATH param", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWReqURI, line: 2, msg: `uses {id}, but the API declares no PATH request parameter "id" (APIG.2026)`}}},
		{name: "template param in the query", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}", auth_type: "NONE"
	req_params: [{name: "id", location: "QUERY", type: "STRING"}]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWReqURI, line: 2, msg: `request parameter "id" is not located in the PATH`}}},
		{name: "PATH param not in the path", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/order", auth_type: "NONE"
	req_params: [{name: "id", location: "PATH", type: "STRING"}]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWReqURI, line: 3, msg: `PATH request parameter "id" does not appear in req_uri "/order"`}}},
		{name: "query in the path", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders?id=1", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWReqURI, line: 2, msg: `'?' is not allowed in a URI path (req_uri is a path`}}},
		{name: "no leading slash, bad brace, bad percent", src: `
groups: orders: apis: {
	a1_x: {req_method: "GET", req_uri: "orders", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"}
	a2_x: {req_method: "GET", req_uri: "/orders/{id", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"}
	a3_x: {req_method: "GET", req_uri: "/orders/%zz", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"}
}
`, want: []want{
			{rule: diag.RuleHWReqURI, line: 2, msg: `does not start with "/"`},
			{rule: diag.RuleHWReqURI, line: 3, msg: `is not closed by "}"`},
			{rule: diag.RuleHWReqURI, line: 4, msg: `does not start a percent-encoding`},
		}},
		{name: "too long", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/` + strings.Repeat("a", 512) + `", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, want: []want{{rule: diag.RuleHWReqURI, line: 2, msg: "is 513 characters long (at most 512)"}}},
		{name: "backend template without a backend param", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}", auth_type: "NONE"
	req_params: [{name: "id", location: "PATH", type: "STRING"}]
	backend_type: "HTTP"
	backend_api: {
		req_protocol: "HTTP", req_method: "GET", url_domain: "#backend_host#", timeout: 5000
		req_uri: "/backend/{oid}"
	}
}
`, want: []want{{rule: diag.RuleHWReqURI, line: 7, msg: `backend_api req_uri "/backend/{oid}" uses {oid}, but no PATH backend parameter "oid" fills it (APIG.2027)`}}},
		{name: "templates declared", src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}/files/{path+}", auth_type: "NONE"
	req_params: [
		{name: "id", location: "PATH", type: "STRING"},
		{name: "path", location: "PATH", type: "STRING"},
	]
	backend_type: "HTTP"
	backend_api: {
		req_protocol: "HTTP", req_method: "GET", url_domain: "#backend_host#", timeout: 5000
		req_uri: "/backend/{oid}/~user;v=1"
	}
	backend_params: [{name: "oid", location: "PATH", origin: "REQUEST", value: "id"}]
}
`},
	})
}
