package diag

import (
	"slices"
	"sync"
)

// RuleInfo describes a rule for people and for SARIF consumers.
type RuleInfo struct {
	ID       string
	Severity Severity
	Summary  string
	// Description says what the rule checks and why the gateway cares,
	// for readers of a finding outside gwsync's own output ("" when the
	// rule has none; Doc reports it).
	Description string
	// Help says what to change.
	Help string
}

var (
	rulesMu sync.RWMutex
	rules   []RuleInfo
)

// RegisterRules adds rules a gateway kind checks to the rules gwsync
// lists, after those registered before. A rule whose ID is registered
// already replaces the earlier one in its place, so registering a kind
// again changes no order. Package validate calls it for each kind it is
// given.
func RegisterRules(rs ...RuleInfo) {
	rulesMu.Lock()
	defer rulesMu.Unlock()
	for _, r := range rs {
		if i := slices.IndexFunc(rules, func(o RuleInfo) bool { return o.ID == r.ID }); i >= 0 {
			rules[i] = r
		} else {
			rules = append(rules, r)
		}
	}
}

// Rules lists every rule gwsync checks: each registered kind's rules, in
// the order the kinds were registered and each kind lists them (for the
// first kind registered, the contract's order).
func Rules() []RuleInfo {
	rulesMu.RLock()
	defer rulesMu.RUnlock()
	return slices.Clone(rules)
}

// Rule returns the registered rule with ID id.
func Rule(id string) (RuleInfo, bool) {
	rulesMu.RLock()
	defer rulesMu.RUnlock()
	i := slices.IndexFunc(rules, func(r RuleInfo) bool { return r.ID == id })
	if i < 0 {
		return RuleInfo{}, false
	}
	return rules[i], true
}

// Rule IDs that the shared stages report, whatever the gateway's kind.
const (
	// RuleSchema: the desired state does not fit the schema.
	RuleSchema = "schema"
	// RuleReference: a name that refers to nothing declared.
	RuleReference = "reference"
	// RuleRouteConflict: two routes that match exactly the same requests
	// (package conflicts).
	RuleRouteConflict = "route-conflict"
	// RuleRouteShadowed: a route that no request can reach.
	RuleRouteShadowed = "route-shadowed"
	// RuleRouteOverlap: two routes that both match some request.
	RuleRouteOverlap = "route-overlap"
)

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
	{ID: RuleLiveEnvironment, Severity: Error, Summary: "an environment the live gateway does not have"},
	{ID: RuleLiveOwner, Severity: Error, Summary: "a declared resource that another desired state manages (its ownership marker)"},
	{ID: RuleLiveReplace, Severity: Error, Summary: "an immutable field changed on a live resource gwsync may not replace"},
}
