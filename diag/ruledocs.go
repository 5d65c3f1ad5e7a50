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

// Doc returns the documentation of a registered rule; ok is false for a
// rule without any (a test holds every rule in Rules to having one).
func Doc(id string) (d RuleDoc, ok bool) {
	r, ok := Rule(id)
	ok = ok && r.Description != ""
	return RuleDoc{Name: pascal(id), Description: r.Description, Help: r.Help, Anchor: "rule-" + id}, ok
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
