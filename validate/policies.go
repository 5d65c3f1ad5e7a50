package validate

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/schema"
)

// checkPolicyConfigs checks each policy's config against its className's
// JSON Schema, pointing at the offending config field.
func checkPolicyConfigs(d *model.Desired, out *[]diag.Finding) {
	for _, p := range d.Policies {
		s, ok, err := schema.PolicyConfig(p.ClassName)
		if err != nil {
			*out = append(*out, diag.Errorf(diag.RulePolicyConfig, model.PolicyPath(p.Name), p.Pos, "gwsync's schema for "+p.ClassName+" does not compile: "+err.Error()))
			continue
		}
		if !ok {
			continue
		}
		for _, v := range schema.Check(s, p.Config) {
			field := "config" + strings.ReplaceAll(v.Pointer, "/", ".")
			msg := fmt.Sprintf("%s: %s (className %s takes the fields in schema/policies/%s.json)", field, v.Message, p.ClassName, p.ClassName)
			*out = append(*out, diag.Errorf(diag.RulePolicyConfig, model.PolicyPath(p.Name), p.PositionOf(v.Pointer), msg))
		}
	}
}
