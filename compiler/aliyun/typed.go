package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/schema"
)

// TypedFindings checks each policy's config against its className's JSON
// Schema, in the words of the policy-config rule: what a typed package's
// #Policy definitions hold beyond the shape. A schema that does not
// compile is the rule's to report.
func TypedFindings(d *model.Desired) []diag.Finding {
	var out []diag.Finding
	for _, p := range alimodel.Of(d).Policies {
		vs, _ := schema.ConfigViolations(p.ClassName, p.Config)
		for _, v := range vs {
			out = append(out, diag.Errorf(alidiag.RulePolicyConfig, alimodel.PolicyPath(p.Name), p.PositionOf(v.Pointer), v.Message))
		}
	}
	return out
}
