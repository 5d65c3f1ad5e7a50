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
