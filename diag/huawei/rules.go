// Package huawei holds the rule IDs of the Huawei Cloud APIG kind and the
// documentation of the rules it checks, which the kind registers with
// package diag.
package huawei

import "github.com/gwsync/gwsync/diag"

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

// Rules lists the rules gwsync checks on a Huawei desired state, with
// their documentation.
func Rules() []diag.RuleInfo {
	return []diag.RuleInfo{
		{
			ID: RuleHWAPIName, Severity: diag.Error,
			Summary:     "API name not 3-255 characters of letters, digits, CJK and -_./():（）：、 starting with a letter, digit or CJK; or used by two APIs",
			Description: "A Huawei APIG API name is 3 to 255 letters, digits, CJK characters and -_./():（）：、, starts with a letter, digit or CJK character, and is unique in the instance (APIG.3202).",
			Help:        "Rename the API.",
		},
		{
			ID: RuleHWReqURI, Severity: diag.Error,
			Summary:     "req_uri over 512 characters, not a URI path starting with /, or {param} templates that do not match the PATH req_params",
			Description: "An API's req_uri is a URI path starting with / of at most 512 characters with balanced {} templates; each {param} needs a PATH req_param and each PATH req_param a {param} (APIG.2026); a backend {param} needs a PATH backend parameter.",
			Help:        "Fix the path, or declare the PATH parameters its templates name.",
		},
		{
			ID: RuleHWParamName, Severity: diag.Error,
			Summary:     "a request or backend parameter name not 1-32 letters, digits, - _ . starting with a letter; reserved; or used twice",
			Description: "A request or backend parameter name is 1 to 32 letters, digits, '-', '_' and '.', starts with a letter, is not a reserved name, and is not used twice (APIG.3209).",
			Help:        "Rename the parameter.",
		},
		{
			ID: RuleHWAuthorizer, Severity: diag.Error,
			Summary:     "auth_type AUTHORIZER without authorizer_id",
			Description: "An API with auth_type AUTHORIZER needs authorizer_id, the ID of its custom authorizer.",
			Help:        "Set authorizer_id, or choose another auth_type.",
		},
		{
			ID: RuleHWBackendHTTP, Severity: diag.Error,
			Summary:     "an HTTP or GRPC backend without backend_api, or a backend timeout outside 1-600000 ms",
			Description: "An HTTP or GRPC backend needs backend_api with an address or a VPC channel, and a timeout from 1 to 600000 ms.",
			Help:        "Complete backend_api as the message says.",
		},
		{
			ID: RuleHWBackendFunction, Severity: diag.Error,
			Summary:     "a FUNCTION backend without func_info, or a V1 function timeout over 60000 ms",
			Description: "A FUNCTION backend needs func_info, and a V1 function's timeout is at most 60000 ms.",
			Help:        "Add func_info, or shorten its timeout.",
		},
		{
			ID: RuleHWBackendMock, Severity: diag.Error,
			Summary:     "a MOCK backend without mock_info",
			Description: "A MOCK backend needs mock_info, the answer the mock gives.",
			Help:        "Add mock_info.",
		},
		{
			ID: RuleHWGRPC, Severity: diag.Error,
			Summary:     "a gRPC API with a method other than POST, a custom authorizer, parameters, result samples, {param} templates, or a backend req_uri other than /",
			Description: "A gRPC API takes method POST only, no custom authorizer, no request or backend parameters, no result samples and no {param} templates, and its backend req_uri is /.",
			Help:        "Remove what the message names, or make the API an HTTP one.",
		},
		{
			ID: RuleHWRetryCount, Severity: diag.Error,
			Summary:     "a backend retry_count outside -1..10",
			Description: "A backend's retry_count is from -1 (the instance's default) to 10.",
			Help:        "Set retry_count within -1..10.",
		},
		{
			ID: RuleHWBackendParams, Severity: diag.Error,
			Summary:     "a backend parameter whose value its origin cannot use (no such req_param, unknown $context name, authorizer parameter without that authorizer)",
			Description: "A backend parameter's value must be one its origin supplies: a REQUEST origin names a declared req_param, a SYSTEM origin a known $context variable or a parameter of the API's custom authorizer.",
			Help:        "Correct the parameter's value or origin as the message says.",
		},
		{
			ID: RuleHWPolicyBackend, Severity: diag.Error,
			Summary:     "a policy backend name not 3-64 letters, digits, _ and CJK; over 5 policy backends; conditions missing or not well formed for their origin",
			Description: "A policy backend's name is 3 to 64 letters, digits, '_' and CJK characters; an API has at most 5; their conditions must be well formed for their origin.",
			Help:        "Fix the policy backend the message names.",
		},
		{
			ID: RuleHWTags, Severity: diag.Error,
			Summary:     "a tag not 1-128 letters, digits, CJK and -*#%.:_ starting with a letter or CJK",
			Description: "An API tag is 1 to 128 letters, digits, CJK characters and -*#%.:_, starting with a letter or CJK character.",
			Help:        "Rename the tag.",
		},
		{
			ID: RuleHWTagQuota, Severity: diag.Warning,
			Summary:     "more than 10 tags on an API (the default quota)",
			Description: "An API with more than 10 tags goes over Huawei APIG's default quota, and its create fails unless the quota was raised. A warning, since quotas can be raised.",
			Help:        "Remove tags, or have the quota raised first.",
		},
		{
			ID: RuleHWHTTPSRedirect, Severity: diag.Error,
			Summary:     "HTTP-to-HTTPS redirect on a domain without a certificate, or in a group with no GET/HEAD API over HTTPS or BOTH",
			Description: "An HTTP-to-HTTPS redirect needs a domain with a certificate, and a GET or HEAD API over HTTPS or BOTH in the group for the redirected requests to reach.",
			Help:        "Give the domain a certificate, add such an API, or turn the redirect off.",
		},
		{
			ID: RuleHWCertificate, Severity: diag.Error,
			Summary:     "a certificate name not 4-50 characters or with a path separator; at plan and apply, its .crt/.key files missing, unreadable, not PEM, not a pair, encrypted, expired or not naming the domain",
			Description: "A certificate a domain is bound with must have a name APIG takes (4 to 50 characters, usable as a file name); at plan and apply, its PEM files in $GWSYNC_HUAWEI_CERT_DIR must be readable, the key must belong to the certificate, and the certificate must be valid now and name the domain.",
			Help:        "Correct the certificate's name, or put its NAME.crt and NAME.key in $GWSYNC_HUAWEI_CERT_DIR.",
		},
		{
			ID: RuleHWHTTPSRedirectAPI, Severity: diag.Warning,
			Summary:     "an API in a redirecting group that the redirect is not meant for (not GET/HEAD, or HTTP only)",
			Description: "An API in a group whose domain redirects HTTP to HTTPS that the redirect is not meant for: its method is not GET or HEAD, or it is served over HTTP only. A warning: its plain-HTTP callers may not get what they expect.",
			Help:        "Serve the API over HTTPS or BOTH, or make sure its callers use HTTPS.",
		},
		{
			ID: RuleHWCORSPreflight, Severity: diag.Error,
			Summary:     "CORS on a non-simple API with no OPTIONS API in the group and no CORS plugin bound",
			Description: "An API with cors whose requests are not simple needs something to answer the browser's preflight: an OPTIONS API in its group, or a CORS plugin bound to it in every environment it is published to.",
			Help:        "Add an OPTIONS API to the group (at / it answers every path), or bind a CORS plugin to the API.",
		},
		{
			ID: RuleHWPolicySingleton, Severity: diag.Error,
			Summary:     "two policies of one type bound to one API in one environment",
			Description: "Two policies of one type (throttle, ACL, or one plugin_type) are bound to one API in one environment, or one policy is bound there twice; Huawei APIG takes one.",
			Help:        "Bind only one of them there.",
		},
		{
			ID: RuleHWPolicyUnpublished, Severity: diag.Error,
			Summary:     "a policy bound to an API in an environment it is not published to",
			Description: "A policy is bound to an API in an environment the API is not published to (APIG.3707).",
			Help:        "Publish the API to that environment, or bind the policy in one it is published to.",
		},
		{
			ID: RuleHWEnvVariables, Severity: diag.Error,
			Summary:     "a backend #variable# not defined for an environment the API is published to",
			Description: "A backend uses a #variable# that is not a valid variable name, or that its group does not define for every environment the API is published to.",
			Help:        "Define the variable in the group's variables for each of those environments.",
		},
		{
			ID: RuleHWAPIConflict, Severity: diag.Error,
			Summary:     "two APIs of a group with the same method, path and match mode (APIG.3301)",
			Description: "Two APIs of a group have the same method, path (parameter names aside) and match mode; Huawei APIG refuses the second (APIG.3301).",
			Help:        "Change one API's method, path or match mode, or remove one; the related location is the other API.",
		},
		{
			ID: RuleHWAPIShadowed, Severity: diag.Error,
			Summary:     "an API no request reaches, because APIs ranked first take all it matches",
			Description: "No request reaches the API: APIs that Huawei's documented precedence ranks first take every request it matches.",
			Help:        "Remove the API, or narrow the APIs that take its requests.",
		},
		{
			ID: RuleHWAPIOverlap, Severity: diag.Warning,
			Summary:     "two APIs of a group published to one environment that both match some request",
			Description: "Two APIs of a group published to one environment both match some request (the witness is one); the message says which takes it where Huawei documents the precedence. A warning, since an overlap may be intended.",
			Help:        "Check that the request goes to the API meant to take it; if not, change a path, method or match mode.",
		},
	}
}
