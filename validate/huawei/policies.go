package huawei

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// checkHWPolicyBindings applies the binding rules: a policy binds only to
// an API published in the environment (APIG.3707), and an API has at most
// one policy of each type (throttle, ACL, each plugin_type) per
// environment — a second plugin of one type replaces the first, so the
// desired state could never be reached.
func checkHWPolicyBindings(h *hwmodel.State, out *[]diag.Finding) {
	first := map[[3]string]hwmodel.PolicyRef{}
	for _, b := range h.Bindings() {
		if h.Environment(b.Binding.Env.Name) != nil {
			checkPublished(h.API(b.Binding.API.Name), b, out)
		}
		key := [3]string{b.Binding.API.Name, b.Binding.Env.Name, b.Type}
		f, seen := first[key]
		if !seen {
			first[key] = b
			continue
		}
		*out = append(*out, singletonFinding(f, b))
	}
}

// checkPublished checks that a (nil when no API has the binding's name, a
// reference problem of its own) is published where b binds it.
func checkPublished(a *hwmodel.API, b hwmodel.PolicyRef, out *[]diag.Finding) {
	if a == nil || publishedTo(a, b.Binding.Env.Name) {
		return
	}
	msg := fmt.Sprintf("%s binds to API %q in environment %q, where the API is not published; a policy binds only to a published API (APIG.3707): add %q to the API's publish list, or bind it in %s",
		policyWord(b), a.Name, b.Binding.Env.Name, b.Binding.Env.Name, envChoice(a))
	fd := diag.Errorf(hwdiag.RuleHWPolicyUnpublished, hwmodel.PolicyPath(b.Kind, b.Name), b.Binding.Pos, msg)
	fd.Related = []diag.Related{{Resource: a.Path(), Pos: a.Pos}}
	*out = append(*out, fd)
}

func envChoice(a *hwmodel.API) string {
	if len(a.Publish) == 0 {
		return "an environment it is published to (it is published to none)"
	}
	return envsWord(refNames(a.Publish))
}

func singletonFinding(f, b hwmodel.PolicyRef) diag.Finding {
	api, env := b.Binding.API.Name, b.Binding.Env.Name
	var msg string
	if f.Kind == b.Kind && f.Name == b.Name {
		msg = fmt.Sprintf("%s is bound to API %q in environment %q twice; remove one of the bind entries", policyWord(b), api, env)
	} else {
		msg = fmt.Sprintf("%s and %s are both bound to API %q in environment %q; an API has at most one %s per environment (binding a second replaces the first): bind only one of them there",
			policyWord(f), policyWord(b), api, env, typeWord(b))
	}
	fd := diag.Errorf(hwdiag.RuleHWPolicySingleton, hwmodel.PolicyPath(b.Kind, b.Name), b.Binding.Pos, msg)
	fd.Related = []diag.Related{{Resource: hwmodel.PolicyPath(f.Kind, f.Name), Pos: f.Binding.Pos}}
	return fd
}

// policyWord names a policy for messages: throttle "x", ACL "y", cors
// plugin "z".
func policyWord(b hwmodel.PolicyRef) string {
	return fmt.Sprintf("%s %q", typeWord(b), b.Name)
}

func typeWord(b hwmodel.PolicyRef) string {
	switch b.Kind {
	case hwmodel.KindThrottle:
		return "throttle"
	case hwmodel.KindACL:
		return "ACL"
	}
	return b.Type + " plugin"
}
