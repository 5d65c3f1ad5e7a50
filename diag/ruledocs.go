package diag

import "strings"

// RuleDoc is what a rule means and what to do about a finding, for people
// reading a finding outside gwsync's own output: GitHub code scanning
// shows them (SARIF's fullDescription and help) beside each result.
type RuleDoc struct {
	// Name is a readable name: the ID in PascalCase ("RouteName").
	Name string
	// Description says what the rule checks and why the gateway cares.
	Description string
	// Help says what to change.
	Help string
	// Anchor is the README's anchor for the rule ("rule-route-name").
	Anchor string
}

// Doc returns the rule's documentation; ok is false for a rule without
// any (a test holds every rule in Rules to having one).
func Doc(id string) (d RuleDoc, ok bool) {
	text, ok := ruleDocs[id]
	return RuleDoc{Name: pascal(id), Description: text[0], Help: text[1], Anchor: "rule-" + id}, ok
}

// names are the readable names of rules whose ID is one word, which
// PascalCase would only capitalise (SARIF wants a name that is not the
// ID).
var names = map[string]string{RuleSchema: "SchemaMismatch", RuleReference: "UnknownReference"}

// pascal turns a rule ID into a PascalCase name: "route-name" is
// "RouteName".
func pascal(id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	var b strings.Builder
	for _, w := range strings.Split(id, "-") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// ruleDocs holds each rule's description and help, by ID.
var ruleDocs = map[string][2]string{
	RuleSchema: {
		"The desired state does not fit gwsync's schema: CUE syntax, a value of the wrong type, a value outside its enum or bounds, a required field missing, or a field the schema does not have (often a typo). Unreadable, empty and oversized input files are reported under this rule too.",
		"Change the value at the reported line as the message says. The schema is schema/gateway.cue (#Desired); JSON and YAML editors can use schema/gwsync.schema.json. For an unknown field, check its spelling against the fields the message lists.",
	},
	RuleReference: {
		"A resource refers by name to an environment, service, domain or policy that the desired state does not declare. gwsync resolves names to live IDs when it plans, so every name must be declared.",
		"Declare the resource, or correct the name (the message suggests the closest declared one).",
	},
	RuleDuplicateName: {
		"Two routes have the same name. APIG route names are unique per gateway, across all HTTP APIs, so the second create would fail (RouteNameDuplicated).",
		"Rename one of the two routes; the related location is the other one.",
	},
	RuleRouteName: {
		"APIG accepts route names of at most 64 characters, each a lowercase letter, a digit, '-' or '.'; it refuses any other name.",
		"Rename the route using only lowercase letters, digits, '-' and '.' (the message suggests a name).",
	},
	RuleSingleServiceBackend: {
		"A route whose backend scene is SingleService must name exactly one service; APIG refuses none or several.",
		"Keep one service, or use scene MultiServiceByRatio with weights that sum to 100.",
	},
	RuleBackendWeights: {
		"With backend scene MultiServiceByRatio, the services' weights must sum to 100; APIG refuses the route otherwise.",
		"Change the weights so that they sum to 100.",
	},
	RuleRouteUndeployable: {
		"A route is deployed to an environment on its domains: without a domain or an environment, apply could create it but never deploy it.",
		"Give the route its domains and its environment.",
	},
	RuleHTTPSCert: {
		"An HTTPS domain needs certIdentifier, the Certificate Management Service ID of its certificate; APIG refuses the domain without it.",
		"Set certIdentifier (e.g. 235556-cn-hangzhou), or make the domain HTTP.",
	},
	RuleServiceAddress: {
		"A DNS or VIP service address must be host:port with a port from 1 to 65535 (for VIP, the host is an IP address); APIG refuses the service otherwise.",
		"Write the address as host:port, e.g. orders.backend.svc.cluster.local:80 or 10.0.0.5:8080.",
	},
	RulePolicyConfig: {
		"A policy's config does not fit its className's schema (schema/policies/<ClassName>.json): a missing or unknown field, a value of the wrong type or out of range, an address that is not an IP address or CIDR block.",
		"Change the config field the message names. Each className's fields are in schema/policies/<ClassName>.json, and in CUE as #<ClassName>Config in schema/policies.cue.",
	},
	RulePolicyAttachTarget: {
		"APIG attaches each policy className to some resource types only (Timeout to HTTP APIs, operations and routes, not to domains, for instance), and a route-level attachment of most classes also needs the route's environment.",
		"Attach the policy where the message says its className may go, or give the route an environment.",
	},
	RulePolicyAttachType: {
		"One policy is attached to resources of different types (a domain and a route, say); APIG keeps one attachment resource type per policy.",
		"Use one policy per resource type: copy the policy under another name for the other type.",
	},
	RulePolicyAttachDup: {
		"The same policy is listed twice for one resource; APIG refuses the second attachment (PolicyAttachResourceBounded).",
		"Remove the repeated name from the resource's policies list.",
	},
	RulePolicySingleton: {
		"A resource has two policies of one className; APIG allows one policy of each className on a resource (PolicyAttachConflict).",
		"Merge the two policies into one, or drop one of them.",
	},
	RuleRouteConflict: {
		"Two routes take exactly the same requests: the same path type and value, a shared method, domain and environment, and the same header and query conditions. APIG refuses the second deploy (Conflict.ApiPublishDuplicatedPathFound); where it would not notice, the routes are ambiguous.",
		"Change one route's path, methods, domains or conditions so that they differ, or remove one; the related location is the other route.",
	},
	RuleRouteShadowed: {
		"No request can reach the route: routes of higher precedence take every request it matches (Exact before Prefix, longer Prefix before shorter, Prefix before Regex), or its path matches no request path at all.",
		"Remove the route, narrow the routes that take its requests, or fix its path, as the message says.",
	},
	RuleRouteOverlap: {
		"Two routes both match some request (the witness is one such request); the gateway's precedence decides which takes it, or, for routes of equal precedence, nothing does. A warning, since an overlap may be intended.",
		"Check that the route the message says takes the witness request is the one meant to; if not, change a path, the methods or the conditions.",
	},
	RuleHWAPIName: {
		"A Huawei APIG API name is 3 to 255 letters, digits, CJK characters and -_./():（）：、, starts with a letter, digit or CJK character, and is unique in the instance (APIG.3202).",
		"Rename the API.",
	},
	RuleHWReqURI: {
		"An API's req_uri is a URI path starting with / of at most 512 characters with balanced {} templates; each {param} needs a PATH req_param and each PATH req_param a {param} (APIG.2026); a backend {param} needs a PATH backend parameter.",
		"Fix the path, or declare the PATH parameters its templates name.",
	},
	RuleHWParamName: {
		"A request or backend parameter name is 1 to 32 letters, digits, '-', '_' and '.', starts with a letter, is not a reserved name, and is not used twice (APIG.3209).",
		"Rename the parameter.",
	},
	RuleHWAuthorizer: {
		"An API with auth_type AUTHORIZER needs authorizer_id, the ID of its custom authorizer.",
		"Set authorizer_id, or choose another auth_type.",
	},
	RuleHWBackendHTTP: {
		"An HTTP or GRPC backend needs backend_api with an address or a VPC channel, and a timeout from 1 to 600000 ms.",
		"Complete backend_api as the message says.",
	},
	RuleHWBackendFunction: {
		"A FUNCTION backend needs func_info, and a V1 function's timeout is at most 60000 ms.",
		"Add func_info, or shorten its timeout.",
	},
	RuleHWBackendMock: {
		"A MOCK backend needs mock_info, the answer the mock gives.",
		"Add mock_info.",
	},
	RuleHWGRPC: {
		"A gRPC API takes method POST only, no custom authorizer, no request or backend parameters, no result samples and no {param} templates, and its backend req_uri is /.",
		"Remove what the message names, or make the API an HTTP one.",
	},
	RuleHWRetryCount: {
		"A backend's retry_count is from -1 (the instance's default) to 10.",
		"Set retry_count within -1..10.",
	},
	RuleHWBackendParams: {
		"A backend parameter's value must be one its origin supplies: a REQUEST origin names a declared req_param, a SYSTEM origin a known $context variable or a parameter of the API's custom authorizer.",
		"Correct the parameter's value or origin as the message says.",
	},
	RuleHWPolicyBackend: {
		"A policy backend's name is 3 to 64 letters, digits, '_' and CJK characters; an API has at most 5; their conditions must be well formed for their origin.",
		"Fix the policy backend the message names.",
	},
	RuleHWTags: {
		"An API tag is 1 to 128 letters, digits, CJK characters and -*#%.:_, starting with a letter or CJK character.",
		"Rename the tag.",
	},
	RuleHWTagQuota: {
		"An API with more than 10 tags goes over Huawei APIG's default quota, and its create fails unless the quota was raised. A warning, since quotas can be raised.",
		"Remove tags, or have the quota raised first.",
	},
	RuleHWHTTPSRedirect: {
		"An HTTP-to-HTTPS redirect needs a domain with a certificate, and a GET or HEAD API over HTTPS or BOTH in the group for the redirected requests to reach.",
		"Give the domain a certificate, add such an API, or turn the redirect off.",
	},
	RuleHWCertificate: {
		"A certificate a domain is bound with must have a name APIG takes (4 to 50 characters, usable as a file name); at plan and apply, its PEM files in $GWSYNC_HUAWEI_CERT_DIR must be readable, the key must belong to the certificate, and the certificate must be valid now and name the domain.",
		"Correct the certificate's name, or put its NAME.crt and NAME.key in $GWSYNC_HUAWEI_CERT_DIR.",
	},
	RuleHWHTTPSRedirectAPI: {
		"An API in a group whose domain redirects HTTP to HTTPS that the redirect is not meant for: its method is not GET or HEAD, or it is served over HTTP only. A warning: its plain-HTTP callers may not get what they expect.",
		"Serve the API over HTTPS or BOTH, or make sure its callers use HTTPS.",
	},
	RuleHWCORSPreflight: {
		"An API with cors whose requests are not simple needs something to answer the browser's preflight: an OPTIONS API in its group, or a CORS plugin bound to it in every environment it is published to.",
		"Add an OPTIONS API to the group (at / it answers every path), or bind a CORS plugin to the API.",
	},
	RuleHWPolicySingleton: {
		"Two policies of one type (throttle, ACL, or one plugin_type) are bound to one API in one environment, or one policy is bound there twice; Huawei APIG takes one.",
		"Bind only one of them there.",
	},
	RuleHWPolicyUnpublished: {
		"A policy is bound to an API in an environment the API is not published to (APIG.3707).",
		"Publish the API to that environment, or bind the policy in one it is published to.",
	},
	RuleHWEnvVariables: {
		"A backend uses a #variable# that is not a valid variable name, or that its group does not define for every environment the API is published to.",
		"Define the variable in the group's variables for each of those environments.",
	},
	RuleHWAPIConflict: {
		"Two APIs of a group have the same method, path (parameter names aside) and match mode; Huawei APIG refuses the second (APIG.3301).",
		"Change one API's method, path or match mode, or remove one; the related location is the other API.",
	},
	RuleHWAPIShadowed: {
		"No request reaches the API: APIs that Huawei's documented precedence ranks first take every request it matches.",
		"Remove the API, or narrow the APIs that take its requests.",
	},
	RuleHWAPIOverlap: {
		"Two APIs of a group published to one environment both match some request (the witness is one); the message says which takes it where Huawei documents the precedence. A warning, since an overlap may be intended.",
		"Check that the request goes to the API meant to take it; if not, change a path, method or match mode.",
	},
}
