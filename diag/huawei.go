package diag

// Rule IDs of Huawei Cloud APIG desired states, from the API reference
// (ApiCreate and its parts) and the console guide on redirects and CORS.
const (
	// RuleHWAPIName: an API name that is not 3-255 characters of letters,
	// digits, CJK and -_./():（）：、 starting with a letter, digit or CJK
	// character, or one used by two APIs (APIG.3202).
	RuleHWAPIName = "hw-api-name"
	// RuleHWReqURI: a req_uri over 512 characters, not starting with "/",
	// not a valid URI path, or whose {param} templates do not match the
	// API's PATH req_params (APIG.2026).
	RuleHWReqURI = "hw-req-uri"
	// RuleHWParamName: a req_params or backend_params name that is not 1-32
	// letters, digits, "-", "_" and "." starting with a letter, a reserved
	// one, or a req_params name used twice (APIG.3209).
	RuleHWParamName = "hw-param-name"
	// RuleHWAuthorizer: auth_type AUTHORIZER without authorizer_id.
	RuleHWAuthorizer = "hw-authorizer"
	// RuleHWBackendHTTP: an HTTP or GRPC backend without backend_api, or a
	// backend timeout outside 1-600000 ms.
	RuleHWBackendHTTP = "hw-backend-http"
	// RuleHWBackendFunction: a FUNCTION backend without func_info, or a
	// function (default or policy backend) on network V1 with a timeout
	// over 60000 ms.
	RuleHWBackendFunction = "hw-backend-function"
	// RuleHWBackendMock: a MOCK backend without mock_info.
	RuleHWBackendMock = "hw-backend-mock"
	// RuleHWGRPC: a gRPC API that breaks a gRPC restriction: method other
	// than POST, custom authorizer, req_params or backend_params, result
	// samples, {param} in req_uri, backend req_uri other than "/".
	RuleHWGRPC = "hw-grpc"
	// RuleHWRetryCount: a backend retry_count outside -1..10.
	RuleHWRetryCount = "hw-retry-count"
	// RuleHWBackendParams: a backend parameter whose value its origin
	// cannot use: REQUEST naming no req_param, SYSTEM naming no known
	// $context parameter or an authorizer parameter the API has no
	// authorizer for, PATH naming no {param} of the backend req_uri.
	RuleHWBackendParams = "hw-backend-params"
	// RuleHWPolicyBackend: a policy backend whose name is not 3-64 letters,
	// digits, "_" and CJK starting with a letter or CJK, more than 5 on an
	// API, without 1-5 conditions, or with a condition not well formed for
	// its origin.
	RuleHWPolicyBackend = "hw-policy-backend"
	// RuleHWTags: a tag that is not 1-128 letters, digits, CJK and -*#%.:_
	// starting with a letter or CJK.
	RuleHWTags = "hw-tags"
	// RuleHWTagQuota: more tags on an API than the default quota of 10
	// (APIG.3133 unless the instance's API_TAG_NUM_LIMIT was raised).
	RuleHWTagQuota = "hw-tag-quota"
	// RuleHWHTTPSRedirect: HTTP-to-HTTPS redirect on a domain without a
	// certificate, or in a group with no GET or HEAD API whose protocol is
	// HTTPS or BOTH.
	RuleHWHTTPSRedirect = "hw-https-redirect"
	// RuleHWCertificate: a domain's certificate that APIG would refuse or
	// gwsync cannot read. validate checks its name (4-50 characters, and
	// one that can name its files, <name>.crt and <name>.key); plan and
	// apply, which run where the files are, check the files of every
	// certificate the plan binds: present and readable, a PEM certificate
	// and an unencrypted PEM private key of that certificate (APIG.2101,
	// APIG.2105), valid now (APIG.2102) and naming the domain in its
	// subjectAltName (APIG.2103, APIG.2109).
	RuleHWCertificate = "hw-certificate"
	// RuleHWHTTPSRedirectAPI: an API the group's HTTP-to-HTTPS redirect is
	// not meant for: its method is not GET or HEAD, or its protocol is HTTP.
	RuleHWHTTPSRedirectAPI = "hw-https-redirect-api"
	// RuleHWCORSPreflight: an API with cors whose requests are not simple,
	// with no OPTIONS API in its group to answer the preflight and no CORS
	// plugin bound to it in every environment it is published to.
	RuleHWCORSPreflight = "hw-cors-preflight"
	// RuleHWPolicySingleton: two policies of one type (throttle, ACL, or
	// one plugin_type) bound to one API in one environment, or one policy
	// bound there twice.
	RuleHWPolicySingleton = "hw-policy-singleton"
	// RuleHWPolicyUnpublished: a policy bound to an API in an environment
	// the API is not published to (APIG.3707).
	RuleHWPolicyUnpublished = "hw-policy-unpublished"
	// RuleHWEnvVariables: a #var# in a backend that is not a valid variable
	// name, or is not defined in the group for an environment the API is
	// published to.
	RuleHWEnvVariables = "hw-env-variables"
	// RuleHWAPIConflict: two APIs of a group with the same method, path
	// (parameter names aside) and match mode (APIG.3301).
	RuleHWAPIConflict = "hw-api-conflict"
	// RuleHWAPIShadowed: an API that no request reaches, because APIs that
	// Huawei's documented precedence ranks first take all it matches.
	RuleHWAPIShadowed = "hw-api-shadowed"
	// RuleHWAPIOverlap: two APIs of a group both published to an
	// environment that both match some request (with a witness); the
	// message says which takes it where Huawei documents it.
	RuleHWAPIOverlap = "hw-api-overlap"
)

// HuaweiRules lists the rules gwsync checks on a Huawei desired state.
var HuaweiRules = []RuleInfo{
	{RuleHWAPIName, Error, "API name not 3-255 characters of letters, digits, CJK and -_./():（）：、 starting with a letter, digit or CJK; or used by two APIs"},
	{RuleHWReqURI, Error, "req_uri over 512 characters, not a URI path starting with /, or {param} templates that do not match the PATH req_params"},
	{RuleHWParamName, Error, "a request or backend parameter name not 1-32 letters, digits, - _ . starting with a letter; reserved; or used twice"},
	{RuleHWAuthorizer, Error, "auth_type AUTHORIZER without authorizer_id"},
	{RuleHWBackendHTTP, Error, "an HTTP or GRPC backend without backend_api, or a backend timeout outside 1-600000 ms"},
	{RuleHWBackendFunction, Error, "a FUNCTION backend without func_info, or a V1 function timeout over 60000 ms"},
	{RuleHWBackendMock, Error, "a MOCK backend without mock_info"},
	{RuleHWGRPC, Error, "a gRPC API with a method other than POST, a custom authorizer, parameters, result samples, {param} templates, or a backend req_uri other than /"},
	{RuleHWRetryCount, Error, "a backend retry_count outside -1..10"},
	{RuleHWBackendParams, Error, "a backend parameter whose value its origin cannot use (no such req_param, unknown $context name, authorizer parameter without that authorizer)"},
	{RuleHWPolicyBackend, Error, "a policy backend name not 3-64 letters, digits, _ and CJK; over 5 policy backends; conditions missing or not well formed for their origin"},
	{RuleHWTags, Error, "a tag not 1-128 letters, digits, CJK and -*#%.:_ starting with a letter or CJK"},
	{RuleHWTagQuota, Warning, "more than 10 tags on an API (the default quota)"},
	{RuleHWHTTPSRedirect, Error, "HTTP-to-HTTPS redirect on a domain without a certificate, or in a group with no GET/HEAD API over HTTPS or BOTH"},
	{RuleHWCertificate, Error, "a certificate name not 4-50 characters or with a path separator; at plan and apply, its .crt/.key files missing, unreadable, not PEM, not a pair, encrypted, expired or not naming the domain"},
	{RuleHWHTTPSRedirectAPI, Warning, "an API in a redirecting group that the redirect is not meant for (not GET/HEAD, or HTTP only)"},
	{RuleHWCORSPreflight, Error, "CORS on a non-simple API with no OPTIONS API in the group and no CORS plugin bound"},
	{RuleHWPolicySingleton, Error, "two policies of one type bound to one API in one environment"},
	{RuleHWPolicyUnpublished, Error, "a policy bound to an API in an environment it is not published to"},
	{RuleHWEnvVariables, Error, "a backend #variable# not defined for an environment the API is published to"},
	{RuleHWAPIConflict, Error, "two APIs of a group with the same method, path and match mode (APIG.3301)"},
	{RuleHWAPIShadowed, Error, "an API no request reaches, because APIs ranked first take all it matches"},
	{RuleHWAPIOverlap, Warning, "two APIs of a group published to one environment that both match some request"},
}

// Huawei's rules follow APIG's in Rules, so SARIF and rule lookups see
// every rule gwsync checks.
func init() { Rules = append(Rules, HuaweiRules...) }
