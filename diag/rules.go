package diag

// RuleInfo describes a rule for people and for SARIF consumers.
type RuleInfo struct {
	ID       string
	Severity Severity
	Summary  string
}

// Rules lists every rule gwsync checks, in the contract's order.
var Rules = []RuleInfo{
	{RuleSchema, Error, "CUE syntax, type, enum, required or unknown field"},
	{RuleReference, Error, "a name that refers to no declared environment, service, domain or policy"},
	{RuleDuplicateName, Error, "a route name used twice in one gateway"},
	{RuleRouteName, Error, "route name longer than 64 or with characters outside a-z 0-9 - ."},
	{RuleSingleServiceBackend, Error, "scene SingleService with other than exactly one service"},
	{RuleBackendWeights, Error, "MultiServiceByRatio weights that do not sum to 100"},
	{RuleRouteUndeployable, Error, "a route with no domain or no environment (it cannot be deployed)"},
	{RuleHTTPSCert, Error, "an HTTPS domain without certIdentifier"},
	{RuleServiceAddress, Error, "an address that is not host:port with port 1-65535 (DNS, VIP)"},
	{RulePolicyConfig, Error, "a policy config that its className's schema rejects"},
	{RulePolicyAttachTarget, Error, "a className attached where APIG does not allow it"},
	{RulePolicyAttachType, Error, "one policy attached to resources of different types"},
	{RulePolicyAttachDup, Error, "the same policy twice on one resource"},
	{RulePolicySingleton, Error, "two policies of the same className on one resource"},
	{RuleRouteConflict, Error, "two routes that match exactly the same requests"},
	{RuleRouteShadowed, Error, "a route that no request can reach, because higher-precedence routes take all it matches"},
	{RuleRouteOverlap, Warning, "two routes that both match some request"},
}

// Rule IDs of the findings plan makes against the live gateway.
const (
	// RuleLiveEnvironment: a desired environment the gateway does not have.
	RuleLiveEnvironment = "live-environment"
	// RuleLiveOwner: a declared resource that another desired state's
	// ownership marker claims.
	RuleLiveOwner = "live-owner"
	// RuleLiveReplace: an immutable field changed on a live resource gwsync
	// may not delete and create again.
	RuleLiveReplace = "live-replace"
)

// PlanRules lists the rules plan checks against the live gateway, beside
// route-conflict, route-shadowed and route-overlap against live routes
// this desired state does not manage.
var PlanRules = []RuleInfo{
	{RuleLiveEnvironment, Error, "an environment the live gateway does not have"},
	{RuleLiveOwner, Error, "a declared resource that another desired state manages (its ownership marker)"},
	{RuleLiveReplace, Error, "an immutable field changed on a live resource gwsync may not replace"},
}
