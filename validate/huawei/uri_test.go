package huawei_test

import (
	"strings"
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHWReqURI(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "template without a PATH param", Src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWReqURI, Line: 2, Msg: `uses {id}, but the API declares no PATH request parameter "id" (APIG.2026)`}}},
		{Name: "template param in the query", Src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}", auth_type: "NONE"
	req_params: [{name: "id", location: "QUERY", type: "STRING"}]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWReqURI, Line: 2, Msg: `request parameter "id" is not located in the PATH`}}},
		{Name: "PATH param not in the path", Src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/order", auth_type: "NONE"
	req_params: [{name: "id", location: "PATH", type: "STRING"}]
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWReqURI, Line: 3, Msg: `PATH request parameter "id" does not appear in req_uri "/order"`}}},
		{Name: "query in the path", Src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders?id=1", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWReqURI, Line: 2, Msg: `'?' is not allowed in a URI path (req_uri is a path`}}},
		{Name: "no leading slash, bad brace, bad percent", Src: `
groups: orders: apis: {
	a1_x: {req_method: "GET", req_uri: "orders", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"}
	a2_x: {req_method: "GET", req_uri: "/orders/{id", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"}
	a3_x: {req_method: "GET", req_uri: "/orders/%zz", auth_type: "NONE", backend_type: "MOCK", mock_info: result_content: "ok"}
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWReqURI, Line: 2, Msg: `does not start with "/"`},
			{Rule: hwdiag.RuleHWReqURI, Line: 3, Msg: `is not closed by "}"`},
			{Rule: hwdiag.RuleHWReqURI, Line: 4, Msg: `does not start a percent-encoding`},
		}},
		{Name: "too long", Src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/` + strings.Repeat("a", 512) + `", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWReqURI, Line: 2, Msg: "is 513 characters long (at most 512)"}}},
		{Name: "backend template without a backend param", Src: `
groups: orders: apis: order: {
	req_method: "GET", req_uri: "/orders/{id}", auth_type: "NONE"
	req_params: [{name: "id", location: "PATH", type: "STRING"}]
	backend_type: "HTTP"
	backend_api: {
		req_protocol: "HTTP", req_method: "GET", url_domain: "#backend_host#", timeout: 5000
		req_uri: "/backend/{oid}"
	}
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWReqURI, Line: 7, Msg: `backend_api req_uri "/backend/{oid}" uses {oid}, but no PATH backend parameter "oid" fills it (APIG.2027)`}}},
		{Name: "templates declared", Src: `
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
