// Package aliyun holds the rule IDs of the Alibaba Cloud APIG kind and the
// documentation of the rules it checks, which the kind registers with
// package diag.
package aliyun

import "github.com/gwsync/gwsync/diag"

// Rule IDs of APIG desired states, as the contract names them.
const (
	RuleDuplicateName        = "duplicate-name"
	RuleRouteName            = "route-name"
	RuleSingleServiceBackend = "single-service-backend"
	RuleBackendWeights       = "backend-weights"
	RuleRouteUndeployable    = "route-undeployable"
	RuleHTTPSCert            = "https-cert"
	RuleServiceAddress       = "service-address"
	RulePolicyConfig         = "policy-config"
	RulePolicyAttachTarget   = "policy-attach-target"
	RulePolicyAttachType     = "policy-attach-type"
	RulePolicyAttachDup      = "policy-attach-duplicate"
	RulePolicySingleton      = "policy-singleton"
)

// Rules lists the rules gwsync checks on an APIG desired state, with
// their documentation, in the contract's order.
func Rules() []diag.RuleInfo {
	return []diag.RuleInfo{
		{
			ID: diag.RuleSchema, Severity: diag.Error,
			Summary:     "CUE syntax, type, enum, required or unknown field",
			Description: "The desired state does not fit gwsync's schema: CUE syntax, a value of the wrong type, a value outside its enum or bounds, a required field missing, or a field the schema does not have (often a typo). Unreadable, empty and oversized input files are reported under this rule too.",
			Help:        "Change the value at the reported line as the message says. The schema is schema/gateway.cue (#Desired); JSON and YAML editors can use schema/gwsync.schema.json. For an unknown field, check its spelling against the fields the message lists.",
		},
		{
			ID: diag.RuleReference, Severity: diag.Error,
			Summary:     "a name that refers to no declared environment, service, domain or policy",
			Description: "A resource refers by name to an environment, service, domain or policy that the desired state does not declare. gwsync resolves names to live IDs when it plans, so every name must be declared.",
			Help:        "Declare the resource, or correct the name (the message suggests the closest declared one).",
		},
		{
			ID: RuleDuplicateName, Severity: diag.Error,
			Summary:     "a route name used twice in one gateway",
			Description: "Two routes have the same name. APIG route names are unique per gateway, across all HTTP APIs, so the second create would fail (RouteNameDuplicated).",
			Help:        "Rename one of the two routes; the related location is the other one.",
		},
		{
			ID: RuleRouteName, Severity: diag.Error,
			Summary:     "route name longer than 64 or with characters outside a-z 0-9 - .",
			Description: "APIG accepts route names of at most 64 characters, each a lowercase letter, a digit, '-' or '.'; it refuses any other name.",
			Help:        "Rename the route using only lowercase letters, digits, '-' and '.' (the message suggests a name).",
		},
		{
			ID: RuleSingleServiceBackend, Severity: diag.Error,
			Summary:     "scene SingleService with other than exactly one service",
			Description: "A route whose backend scene is SingleService must name exactly one service; APIG refuses none or several.",
			Help:        "Keep one service, or use scene MultiServiceByRatio with weights that sum to 100.",
		},
		{
			ID: RuleBackendWeights, Severity: diag.Error,
			Summary:     "MultiServiceByRatio weights that do not sum to 100",
			Description: "With backend scene MultiServiceByRatio, the services' weights must sum to 100; APIG refuses the route otherwise.",
			Help:        "Change the weights so that they sum to 100.",
		},
		{
			ID: RuleRouteUndeployable, Severity: diag.Error,
			Summary:     "a route with no domain or no environment (it cannot be deployed)",
			Description: "A route is deployed to an environment on its domains: without a domain or an environment, apply could create it but never deploy it.",
			Help:        "Give the route its domains and its environment.",
		},
		{
			ID: RuleHTTPSCert, Severity: diag.Error,
			Summary:     "an HTTPS domain without certIdentifier",
			Description: "An HTTPS domain needs certIdentifier, the Certificate Management Service ID of its certificate; APIG refuses the domain without it.",
			Help:        "Set certIdentifier (e.g. 235556-cn-hangzhou), or make the domain HTTP.",
		},
		{
			ID: RuleServiceAddress, Severity: diag.Error,
			Summary:     "an address that is not host:port with port 1-65535 (DNS, VIP)",
			Description: "A DNS or VIP service address must be host:port with a port from 1 to 65535 (for VIP, the host is an IP address); APIG refuses the service otherwise.",
			Help:        "Write the address as host:port, e.g. orders.backend.svc.cluster.local:80 or 10.0.0.5:8080.",
		},
		{
			ID: RulePolicyConfig, Severity: diag.Error,
			Summary:     "a policy config that its className's schema rejects",
			Description: "A policy's config does not fit its className's schema (schema/policies/<ClassName>.json): a missing or unknown field, a value of the wrong type or out of range, an address that is not an IP address or CIDR block.",
			Help:        "Change the config field the message names. Each className's fields are in schema/policies/<ClassName>.json, and in CUE as #<ClassName>Config in schema/policies.cue.",
		},
		{
			ID: RulePolicyAttachTarget, Severity: diag.Error,
			Summary:     "a className attached where APIG does not allow it",
			Description: "APIG attaches each policy className to some resource types only (Timeout to HTTP APIs, operations and routes, not to domains, for instance), and a route-level attachment of most classes also needs the route's environment.",
			Help:        "Attach the policy where the message says its className may go, or give the route an environment.",
		},
		{
			ID: RulePolicyAttachType, Severity: diag.Error,
			Summary:     "one policy attached to resources of different types",
			Description: "One policy is attached to resources of different types (a domain and a route, say); APIG keeps one attachment resource type per policy.",
			Help:        "Use one policy per resource type: copy the policy under another name for the other type.",
		},
		{
			ID: RulePolicyAttachDup, Severity: diag.Error,
			Summary:     "the same policy twice on one resource",
			Description: "The same policy is listed twice for one resource; APIG refuses the second attachment (PolicyAttachResourceBounded).",
			Help:        "Remove the repeated name from the resource's policies list.",
		},
		{
			ID: RulePolicySingleton, Severity: diag.Error,
			Summary:     "two policies of the same className on one resource",
			Description: "A resource has two policies of one className; APIG allows one policy of each className on a resource (PolicyAttachConflict).",
			Help:        "Merge the two policies into one, or drop one of them.",
		},
		{
			ID: diag.RuleRouteConflict, Severity: diag.Error,
			Summary:     "two routes that match exactly the same requests",
			Description: "Two routes take exactly the same requests: the same path type and value, a shared method, domain and environment, and the same header and query conditions. APIG refuses the second deploy (Conflict.ApiPublishDuplicatedPathFound); where it would not notice, the routes are ambiguous.",
			Help:        "Change one route's path, methods, domains or conditions so that they differ, or remove one; the related location is the other route.",
		},
		{
			ID: diag.RuleRouteShadowed, Severity: diag.Error,
			Summary:     "a route that no request can reach, because higher-precedence routes take all it matches",
			Description: "No request can reach the route: routes of higher precedence take every request it matches (Exact before Prefix, longer Prefix before shorter, Prefix before Regex), or its path matches no request path at all.",
			Help:        "Remove the route, narrow the routes that take its requests, or fix its path, as the message says.",
		},
		{
			ID: diag.RuleRouteOverlap, Severity: diag.Warning,
			Summary:     "two routes that both match some request",
			Description: "Two routes both match some request (the witness is one such request); the gateway's precedence decides which takes it, or, for routes of equal precedence, nothing does. A warning, since an overlap may be intended.",
			Help:        "Check that the route the message says takes the witness request is the one meant to; if not, change a path, the methods or the conditions.",
		},
	}
}
