package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/schema"
)

// checkPolicyConfigs checks each policy's config against its className's
// JSON Schema, pointing at the offending config field.
func checkPolicyConfigs(d *model.Desired, out *[]diag.Finding) {
	for _, p := range alimodel.Of(d).Policies {
		vs, err := schema.ConfigViolations(p.ClassName, p.Config)
		if err != nil {
			*out = append(*out, diag.Errorf(alidiag.RulePolicyConfig, alimodel.PolicyPath(p.Name), p.Pos, "gwsync's schema for "+p.ClassName+" does not compile: "+err.Error()))
			continue
		}
		for _, v := range vs {
			*out = append(*out, diag.Errorf(alidiag.RulePolicyConfig, alimodel.PolicyPath(p.Name), p.PositionOf(v.Pointer), v.Message))
		}
	}
}
