package aliyun

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/schema"
)

// checkPolicyAttachments checks every policy attachment in d against the
// constraints APIG enforces when attaching.
func checkPolicyAttachments(d *model.Desired, out *[]diag.Finding) {
	st := alimodel.Of(d)
	classes := make(map[string]string, len(st.Policies))
	for _, p := range st.Policies {
		classes[p.Name] = p.ClassName
	}
	c := attachChecker{
		byResPolicy: map[[2]string]*alimodel.Attachment{},
		byResClass:  map[[2]string]*alimodel.Attachment{},
		firstOf:     map[string]*alimodel.Attachment{},
	}
	for _, a := range st.Attachments {
		if class, ok := classes[a.Policy.Name]; ok {
			c.check(a, class)
		}
	}
	*out = append(*out, c.out...)
}

// attachChecker holds what earlier attachments established.
type attachChecker struct {
	byResPolicy map[[2]string]*alimodel.Attachment // (resource, policy) -> first
	byResClass  map[[2]string]*alimodel.Attachment // (resource, className) -> first
	firstOf     map[string]*alimodel.Attachment    // policy -> first attachment
	out         []diag.Finding
}

func (c *attachChecker) check(a *alimodel.Attachment, className string) {
	c.target(a, className)
	if first, dup := c.byResPolicy[[2]string{a.Resource, a.Policy.Name}]; dup {
		c.report(alidiag.RulePolicyAttachDup, a, first, fmt.Sprintf(
			"policy %q is attached to %s twice; remove the second %q from its policies list", a.Policy.Name, a.Resource, a.Policy.Name))
		return
	}
	c.byResPolicy[[2]string{a.Resource, a.Policy.Name}] = a
	if first, taken := c.byResClass[[2]string{a.Resource, className}]; taken {
		c.report(alidiag.RulePolicySingleton, a, first, fmt.Sprintf(
			"%s already has %s policy %q; a resource takes one policy of each className: merge %q into %q or drop one",
			a.Resource, className, first.Policy.Name, a.Policy.Name, first.Policy.Name))
	} else {
		c.byResClass[[2]string{a.Resource, className}] = a
	}
	if first, seen := c.firstOf[a.Policy.Name]; !seen {
		c.firstOf[a.Policy.Name] = a
	} else if first.ResourceType != a.ResourceType {
		c.report(alidiag.RulePolicyAttachType, a, first, fmt.Sprintf(
			"policy %q is attached to a %s here and to a %s at %s; one policy attaches to one resource type: declare a separate %s policy for the %s",
			a.Policy.Name, a.ResourceType, first.ResourceType, first.Resource, className, a.ResourceType))
	}
}

// target checks that APIG lets the className attach to the resource type,
// and that a route-level attachment has the environment it needs.
func (c *attachChecker) target(a *alimodel.Attachment, className string) {
	class, known := schema.LookupClass(className)
	if !known {
		return
	}
	if !class.CanAttach(a.ResourceType) {
		c.report(alidiag.RulePolicyAttachTarget, a, nil, fmt.Sprintf(
			"%s policy %q cannot be attached to a %s; APIG attaches %s to %s: move it to one of those",
			className, a.Policy.Name, a.ResourceType, className, strings.Join(class.AttachTo, ", ")))
		return
	}
	if a.ResourceType == alimodel.AttachRoute && a.Environment == "" && !class.EnvironmentFree {
		c.report(alidiag.RulePolicyAttachTarget, a, nil, fmt.Sprintf(
			"%s policy %q is attached to route %s, which has no environment; a route-level %s attachment needs the route's environment (only IpAccessControl attaches without one): set the route's environment",
			className, a.Policy.Name, a.ResourceName, className))
	}
}

// report records a finding at the attachment, related to an earlier one.
func (c *attachChecker) report(rule string, a, first *alimodel.Attachment, msg string) {
	f := diag.Errorf(rule, a.Resource, a.Policy.Pos, msg)
	if first != nil {
		f.Related = []diag.Related{{Resource: first.Resource, Pos: first.Policy.Pos}}
	}
	c.out = append(c.out, f)
}
