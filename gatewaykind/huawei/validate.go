package huawei

import (
	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/validate"
	hwvalidate "github.com/gwsync/gwsync/validate/huawei"
)

// ValidateDesired runs the Huawei rule families over d.
func (Kind) ValidateDesired(d *model.Desired, out *[]diag.Finding) { hwvalidate.Desired(d, out) }

// ProbeDomainNames are the domains bound to the groups, which probes may
// name.
func (Kind) ProbeDomainNames(d *model.Desired) validate.Names { return hwvalidate.ProbeDomains(d) }

// RuleInfos lists the rules gwsync checks on a Huawei desired state.
func (Kind) RuleInfos() []diag.RuleInfo { return hwdiag.Rules() }
