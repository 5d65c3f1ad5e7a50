package huawei

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Backend timeouts, in milliseconds: a function on network V1 waits at
// most 60000; every other backend at most the instance's backend_timeout,
// which can be raised to 600000.
const (
	hwMaxV1FunctionTimeout = 60000
	hwMaxBackendTimeout    = 600000
)

// checkHWBackends checks that each API's backend_type has its backend
// (HTTP and GRPC: backend_api, FUNCTION: func_info, MOCK: mock_info), that
// auth_type AUTHORIZER names its authorizer, and each backend's timeout
// and retry_count.
func checkHWBackends(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		checkHWAuthorizer(a, out)
		checkHWBackendBlock(a, out)
		for _, hb := range httpBackends(a) {
			checkHWWebBackend(hb, out)
		}
		if a.FuncInfo != nil {
			checkHWFunction(a, a.FuncInfo, "func_info", a.PositionOf("/func_info/timeout"), out)
		}
		for _, pb := range a.PolicyFunctions {
			if pb.Function != nil {
				checkHWFunction(a, pb.Function, fmt.Sprintf("policy backend %q", pb.Name), pb.Function.Pos, out)
			}
		}
	}
}

func checkHWAuthorizer(a *hwmodel.API, out *[]diag.Finding) {
	if a.AuthType == hwmodel.AuthAuthorizer && a.AuthorizerID == "" && !a.IsGRPC() {
		hwErr(out, hwdiag.RuleHWAuthorizer, a, "/auth_type", "auth_type AUTHORIZER needs the custom authorizer that checks requests: add authorizer_id, or choose another auth_type (NONE, APP, IAM)")
	}
}

// checkHWBackendBlock checks that the backend block backend_type needs is
// written.
func checkHWBackendBlock(a *hwmodel.API, out *[]diag.Finding) {
	switch a.BackendType {
	case hwmodel.BackendHTTP, hwmodel.BackendGRPC:
		if a.BackendAPI == nil {
			hwErr(out, hwdiag.RuleHWBackendHTTP, a, "/backend_type", fmt.Sprintf("backend_type %s needs backend_api (the backend's req_protocol, req_method, req_uri, timeout and url_domain or VPC channel); add it", a.BackendType))
		}
	case hwmodel.BackendFunction:
		if a.FuncInfo == nil {
			hwErr(out, hwdiag.RuleHWBackendFunction, a, "/backend_type", "backend_type FUNCTION needs func_info (function_urn, invocation_type, network_type, timeout); add it")
		}
	case hwmodel.BackendMock:
		if a.MockInfo == nil {
			hwErr(out, hwdiag.RuleHWBackendMock, a, "/backend_type", "backend_type MOCK needs mock_info (at least result_content, the answer the mock gives); add it")
		}
	}
}

// checkHWWebBackend checks a web backend's address, timeout and
// retry_count.
func checkHWWebBackend(hb hwBackend, out *[]diag.Finding) {
	a, b := hb.api, hb.b
	add := func(rule string, pos model.Pos, msg string) {
		*out = append(*out, diag.Errorf(rule, a.Path(), pos, msg))
	}
	pos := func(field string) model.Pos {
		if hb.policy != nil {
			return b.Pos
		}
		return a.PositionOf("/backend_api/" + field)
	}
	switch {
	case b.VPCChannelStatus == 1 && b.VPCChannelID == "":
		add(hwdiag.RuleHWBackendHTTP, pos("vpc_channel_status"), fmt.Sprintf("%s uses a VPC channel (vpc_channel_status 1) but names none: add vpc_channel_info.vpc_channel_id, or set url_domain and vpc_channel_status 2", hb.what))
	case b.VPCChannelStatus != 1 && b.URLDomain == "" && b.VPCChannelID == "":
		add(hwdiag.RuleHWBackendHTTP, b.Pos, fmt.Sprintf("%s has no address: set url_domain (host:port) or a VPC channel (vpc_channel_info with vpc_channel_status 1)", hb.what))
	}
	if b.Timeout < 0 || b.Timeout > hwMaxBackendTimeout {
		add(hwdiag.RuleHWBackendHTTP, pos("timeout"), fmt.Sprintf("%s timeout %d ms is outside 1-%d; the gateway waits at most the instance's backend_timeout, which can be raised to %d ms: lower it", hb.what, b.Timeout, hwMaxBackendTimeout, hwMaxBackendTimeout))
	}
	if rc := b.RetryCount; rc != nil && (*rc < -1 || *rc > 10) {
		add(hwdiag.RuleHWRetryCount, pos("retry_count"), fmt.Sprintf("%s retry_count %d is outside -1..10; use 0-10 retries, or -1 (the default: idempotent methods retry once, POST and PATCH never)", hb.what, *rc))
	}
}

// checkHWFunction checks a function backend's timeout against its network
// type: V1 (non-VPC, also what an unwritten network_type is taken as)
// waits at most 60000 ms.
func checkHWFunction(a *hwmodel.API, f *hwmodel.FuncInfo, what string, pos model.Pos, out *[]diag.Finding) {
	add := func(msg string) { *out = append(*out, diag.Errorf(hwdiag.RuleHWBackendFunction, a.Path(), pos, msg)) }
	switch {
	case f.NetworkType != "V2" && f.Timeout > hwMaxV1FunctionTimeout:
		add(fmt.Sprintf("%s timeout %d ms is over %d, the most a function on network_type V1 (non-VPC) may take; lower it, or use network_type V2 (VPC, up to the instance's backend_timeout)", what, f.Timeout, hwMaxV1FunctionTimeout))
	case f.Timeout > hwMaxBackendTimeout || f.Timeout < 0:
		add(fmt.Sprintf("%s timeout %d ms is outside 1-%d; lower it", what, f.Timeout, hwMaxBackendTimeout))
	}
}

// checkHWGRPC applies the gRPC restrictions. A gRPC frontend (GRPC or
// GRPCS) takes only POST, no custom authorizer, no request or backend
// parameters, no result samples and no {param} in its path; a GRPC backend
// needs a GRPCS frontend, a backend req_uri of "/", method POST, no backend
// authorizer, and no backend parameters on its policy backends.
func checkHWGRPC(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		if a.IsGRPC() {
			checkGRPCFrontend(a, out)
		}
		if a.BackendType == hwmodel.BackendGRPC {
			checkGRPCBackend(a, out)
		}
	}
}

func checkGRPCFrontend(a *hwmodel.API, out *[]diag.Finding) {
	add := func(ptr, msg string) { hwErr(out, hwdiag.RuleHWGRPC, a, ptr, msg) }
	p := a.ReqProtocol
	if a.ReqMethod != "POST" {
		add("/req_method", fmt.Sprintf("req_method is %s, but a %s API takes only POST; set req_method: \"POST\"", a.ReqMethod, p))
	}
	if a.AuthType == hwmodel.AuthAuthorizer {
		add("/auth_type", fmt.Sprintf("a %s API cannot use a custom authorizer (auth_type AUTHORIZER); use NONE, APP or IAM", p))
	}
	if len(a.ReqParams) > 0 {
		add("/req_params", fmt.Sprintf("a %s API takes no req_params; remove them", p))
	}
	if len(a.BackendParams) > 0 {
		add("/backend_params", fmt.Sprintf("a %s API takes no backend_params; remove them", p))
	}
	if a.ResultNormalSample != "" {
		add("/result_normal_sample", fmt.Sprintf("a %s API takes no result samples; remove result_normal_sample", p))
	}
	if a.ResultFailureSample != "" {
		add("/result_failure_sample", fmt.Sprintf("a %s API takes no result samples; remove result_failure_sample", p))
	}
	if parts, _ := parseHWURI(a.ReqURI, false); len(uriParams(parts)) > 0 {
		add("/req_uri", fmt.Sprintf("req_uri %q has {param} templates, which a %s API cannot use; write a fixed path", a.ReqURI, p))
	}
}

func checkGRPCBackend(a *hwmodel.API, out *[]diag.Finding) {
	add := func(ptr, msg string) { hwErr(out, hwdiag.RuleHWGRPC, a, ptr, msg) }
	if a.ReqProtocol != hwmodel.GRPCS {
		add("/backend_type", fmt.Sprintf("backend_type GRPC needs a gRPC frontend, but req_protocol is %s; set req_protocol: \"GRPCS\" (and req_method: \"POST\")", reqProtocol(a)))
	}
	if b := a.BackendAPI; b != nil {
		if b.ReqURI != "/" {
			add("/backend_api/req_uri", fmt.Sprintf("a GRPC backend's req_uri is always \"/\", not %q; set backend_api.req_uri: \"/\"", b.ReqURI))
		}
		if b.ReqMethod != "" && b.ReqMethod != "POST" {
			add("/backend_api/req_method", fmt.Sprintf("a GRPC backend's req_method is always POST, not %s; set backend_api.req_method: \"POST\"", b.ReqMethod))
		}
		if b.AuthorizerID != "" {
			add("/backend_api/authorizer_id", "a GRPC backend cannot use a backend custom authorizer; remove backend_api.authorizer_id")
		}
	}
	for _, pb := range policyBackends(a) {
		if len(pb.BackendParams) > 0 {
			*out = append(*out, diag.Errorf(hwdiag.RuleHWGRPC, a.Path(), pb.BackendParams[0].Pos, fmt.Sprintf("policy backend %q has backend_params, which a GRPC backend does not take; remove them", pb.Name)))
		}
	}
}
