package huawei_test

import (
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHWBackends(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "authorizer without id", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items"
	auth_type: "AUTHORIZER"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWAuthorizer, Line: 3, Msg: "auth_type AUTHORIZER needs the custom authorizer that checks requests: add authorizer_id"}}},
		{Name: "authorizer with id", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items"
	auth_type: "AUTHORIZER", authorizer_id: "0d982c1ac3da493dae47627b6439fc5c"
	backend_type: "MOCK", mock_info: result_content: "ok"
}
`},
		{Name: "backend blocks missing", Src: `
groups: orders: apis: {
	a_http: {req_method: "GET", req_uri: "/a", auth_type: "NONE", backend_type: "HTTP"}
	a_func: {req_method: "GET", req_uri: "/b", auth_type: "NONE", backend_type: "FUNCTION"}
	a_mock: {req_method: "GET", req_uri: "/c", auth_type: "NONE", backend_type: "MOCK"}
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWBackendHTTP, Line: 2, Msg: "backend_type HTTP needs backend_api"},
			{Rule: hwdiag.RuleHWBackendFunction, Line: 3, Msg: "backend_type FUNCTION needs func_info"},
			{Rule: hwdiag.RuleHWBackendMock, Line: 4, Msg: "backend_type MOCK needs mock_info"},
		}},
		{Name: "V1 function timeout", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	backend_type: "FUNCTION"
	func_info: {
		function_urn: "urn:fss:cn-north-4:p:function:default:f", invocation_type: "sync", network_type: "V1"
		timeout: 60001
	}
	policy_functions: [{
		name: "slow_path", effect_mode: "ANY"
		conditions: [{condition_origin: "source", condition_value: "10.0.0.0/8"}]
		function_urn: "urn:fss:cn-north-4:p:function:default:g", invocation_type: "sync", network_type: "V1"
		timeout: 90000
	}]
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWBackendFunction, Line: 6, Msg: "func_info timeout 60001 ms is over 60000, the most a function on network_type V1 (non-VPC) may take"},
			{Rule: hwdiag.RuleHWBackendFunction, Line: 8, Msg: `policy backend "slow_path" timeout 90000 ms is over 60000`},
		}},
		{Name: "V2 function timeout", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	backend_type: "FUNCTION"
	func_info: {
		function_urn: "urn:fss:cn-north-4:p:function:default:f", invocation_type: "sync", network_type: "V2"
		timeout: 120000
	}
}
`},
		{Name: "no backend address", Src: `
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", req_uri: "/items", timeout: 5000}
}
groups: orders: apis: things: {
	req_method: "GET", req_uri: "/things", auth_type: "NONE"
	backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", req_uri: "/things", timeout: 5000, vpc_channel_status: 1}
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWBackendHTTP, Line: 4, Msg: "backend_api has no address: set url_domain (host:port) or a VPC channel"},
			{Rule: hwdiag.RuleHWBackendHTTP, Line: 9, Msg: "backend_api uses a VPC channel (vpc_channel_status 1) but names none"},
		}},
	})
}

func TestHWRetryCount(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "out of range", Src: `
groups: orders: apis: orders_list: backend_api: retry_count: 11
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	backend_type: "MOCK", mock_info: result_content: "ok"
	policy_https: [{
		name: "legacy", effect_mode: "ANY"
		conditions: [{condition_origin: "source", condition_value: "10.0.0.0/8"}]
		req_protocol: "HTTP", req_method: "GET", req_uri: "/legacy", url_domain: "legacy.example.com:80"
		retry_count: -2
	}]
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWRetryCount, Line: 1, Msg: "backend_api retry_count 11 is outside -1..10"},
			{Rule: hwdiag.RuleHWRetryCount, Line: 5, Msg: `policy backend "legacy" retry_count -2 is outside -1..10`},
		}},
		{Name: "in range", Src: `
groups: orders: apis: orders_list: backend_api: retry_count: -1
groups: orders: apis: items: {
	req_method: "GET", req_uri: "/items", auth_type: "NONE"
	backend_type: "HTTP"
	backend_api: {req_protocol: "HTTP", req_method: "GET", req_uri: "/items", url_domain: "#backend_host#", timeout: 5000, retry_count: 10}
}
`},
	})
}

// grpcAPI is the seed document's gRPC example as a desired state.
const grpcAPI = `
groups: grpc: apis: Api_grpc: {
	req_protocol: "GRPCS"
	req_method:   "POST"
	req_uri:      "/test/grpc"
	auth_type:    "APP"
	backend_type: "GRPC"
	backend_api: {
		req_protocol: "GRPCS", req_method: "POST", req_uri: "/", timeout: 5000
		vpc_channel_status: 1, vpc_channel_info: vpc_channel_id: "abcd1234512345678aab9a2614a197ef4"
	}
	publish: ["RELEASE"]
}
`

func TestHWGRPC(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "the seed's gRPC API", Src: grpcAPI},
		{Name: "every restriction broken", Src: `
groups: grpc: apis: Api_grpc: {
	req_protocol: "GRPCS"
	req_method:   "GET"
	req_uri:      "/test/{svc}"
	auth_type:    "AUTHORIZER", authorizer_id: "a1"
	req_params: [{name: "svc", location: "PATH", type: "STRING"}]
	result_normal_sample: "ok"
	backend_type: "GRPC"
	backend_api: {
		req_protocol: "GRPCS", req_method: "POST", url_domain: "grpc.example.com:443", timeout: 5000
		req_uri: "/svc"
	}
	backend_params: [{name: "svc", location: "HEADER", origin: "REQUEST", value: "svc"}]
}
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWGRPC, Line: 3, Msg: "req_method is GET, but a GRPCS API takes only POST"},
			{Rule: hwdiag.RuleHWGRPC, Line: 4, Msg: "has {param} templates, which a GRPCS API cannot use"},
			{Rule: hwdiag.RuleHWGRPC, Line: 5, Msg: "cannot use a custom authorizer"},
			{Rule: hwdiag.RuleHWGRPC, Line: 6, Msg: "takes no req_params"},
			{Rule: hwdiag.RuleHWGRPC, Line: 7, Msg: "remove result_normal_sample"},
			{Rule: hwdiag.RuleHWGRPC, Line: 11, Msg: `a GRPC backend's req_uri is always "/", not "/svc"`},
			{Rule: hwdiag.RuleHWGRPC, Line: 13, Msg: "takes no backend_params"},
		}},
		{Name: "GRPC backend behind an HTTPS frontend", Src: `
groups: grpc: apis: Api_grpc: {
	req_method: "POST", req_uri: "/test/grpc", auth_type: "APP"
	backend_type: "GRPC"
	backend_api: {req_protocol: "GRPCS", req_method: "POST", req_uri: "/", url_domain: "grpc.example.com:443", timeout: 5000}
}
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWGRPC, Line: 3, Msg: "backend_type GRPC needs a gRPC frontend, but req_protocol is HTTPS"}}},
	})
}
