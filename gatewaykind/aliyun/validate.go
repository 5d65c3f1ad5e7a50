package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/validate"
	alivalidate "github.com/gwsync/gwsync/validate/aliyun"
)

// ValidateDesired runs the APIG rule families over d.
func (Kind) ValidateDesired(d *model.Desired, out *[]diag.Finding) { alivalidate.Desired(d, out) }

// ProbeDomainNames are the declared domains, which probes may name.
func (Kind) ProbeDomainNames(d *model.Desired) validate.Names { return alivalidate.ProbeDomains(d) }

// RuleInfos lists the rules gwsync checks on an APIG desired state.
func (Kind) RuleInfos() []diag.RuleInfo { return alidiag.Rules() }
