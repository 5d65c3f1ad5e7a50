// Package validate runs every offline rule over a compiled desired state and
// returns findings, each with its contract rule ID, severity, a message that
// says what to change, the resource path and its position.
//
// The rules every gateway kind shares (probes, control characters in
// probe names) are here; each kind brings its own rule families through
// its Rules hook, registered with RegisterHook, and finds here what they
// share: Names for references, Suggest and AppendOnce for messages,
// CheckName and CheckControl for control characters in its names.
package validate

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/model"
)

// Rules is what validate needs of a gateway kind: its own rule families,
// the domains its probes may name, and the rules it checks, for listings.
type Rules interface {
	// ValidateDesired appends to out the findings of the kind's own rule
	// families about d, a desired state of the kind; validate runs the
	// shared ones.
	ValidateDesired(d *model.Desired, out *[]diag.Finding)
	// ProbeDomainNames are the domains a probe of d may name, described
	// as reference findings name where they are declared.
	ProbeDomainNames(d *model.Desired) Names
	// RuleInfos lists every rule the kind checks, with its documentation,
	// in the order listings show them.
	RuleInfos() []diag.RuleInfo
}

// kinds are the registered kinds' rules, by gateway.provider.
var kinds kindreg.Registry[Rules]

// RegisterHook makes h the rules of desired states whose gateway.provider
// is one of providers, and registers the rules it checks with package
// diag (after those of kinds registered before), for SARIF and listings.
func RegisterHook(providers []string, h Rules) {
	kinds.Register(providers, h)
	diag.RegisterRules(h.RuleInfos()...)
}

// Desired validates a compiled desired state and returns its findings,
// sorted and each reported once. A desired state whose gateway.provider
// no registered kind serves gets one schema finding saying so.
func Desired(d *model.Desired) []diag.Finding {
	k, err := kinds.Find(d.Gateway.Provider)
	if err != nil {
		return []diag.Finding{diag.Errorf(diag.RuleSchema, "gateway", d.Gateway.Pos, err.Error())}
	}
	var out []diag.Finding
	checkText(d, &out)
	checkProbes(d, k.ProbeDomainNames(d), &out)
	k.ValidateDesired(d, &out)
	return diag.Sort(out)
}
