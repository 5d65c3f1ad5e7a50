package huawei

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/validate"
)

// hwVariableName is the rule for a #variable# a backend uses: 3-32
// letters, digits, "_" and "-", starting with a letter.
var hwVariableName = nameRule{
	min: 3, max: 32,
	first:    isASCIILetter,
	firstDoc: "a letter",
	rest:     func(c rune) bool { return isASCIILetter(c) || isDigit(c) || c == '_' || c == '-' },
	restDoc:  `letters, digits, "_" and "-"`,
}

// checkHWVariables checks the #variables# of each web backend's url_domain
// and req_uri: each a valid variable name, and defined in the API's group
// for every environment the API is published to (APIG refuses to publish
// it where one is missing).
func checkHWVariables(h *hwmodel.State, out *[]diag.Finding) {
	for _, g := range h.Groups {
		defined := map[[2]string]bool{}
		for _, v := range g.Variables {
			defined[[2]string{v.Env.Name, v.Name}] = true
		}
		for _, a := range g.APIs {
			for _, hb := range httpBackends(a) {
				checkVariablesIn(g, a, hb, "url_domain", hb.b.URLDomain, defined, out)
				checkVariablesIn(g, a, hb, "req_uri", hb.b.ReqURI, defined, out)
			}
		}
	}
}

func checkVariablesIn(g *hwmodel.Group, a *hwmodel.API, hb hwBackend, field, value string, defined map[[2]string]bool, out *[]diag.Finding) {
	pos := hb.b.Pos
	if hb.policy == nil {
		pos = a.PositionOf("/backend_api/" + field)
	}
	add := func(msg string) { *out = append(*out, diag.Errorf(hwdiag.RuleHWEnvVariables, a.Path(), pos, msg)) }
	names, bad := variablesOf(value)
	if bad != "" {
		add(fmt.Sprintf("%s %s %q %s", hb.what, field, value, bad))
		return
	}
	for _, name := range names {
		if p := hwVariableName.problems(name); p != "" {
			add(fmt.Sprintf("%s %s uses variable #%s#, whose name %s; rename the variable", hb.what, field, name, p))
			continue
		}
		var missing []string
		for _, e := range a.Publish {
			if !defined[[2]string{e.Name, name}] {
				missing = append(missing, e.Name)
			}
		}
		if len(missing) > 0 {
			add(fmt.Sprintf("%s %s uses #%s#, but group %q defines no variable %q for %s, where the API is published (APIG cannot publish it there); define %q there in the group's variables, or stop publishing the API there",
				hb.what, field, name, g.Name, name, envsWord(missing), name))
		}
	}
}

// variablesOf returns the #variable# names in s, in order, or what is
// malformed.
func variablesOf(s string) ([]string, string) {
	if strings.Count(s, "#")%2 != 0 {
		return nil, "has an odd number of \"#\": write each variable as #name#"
	}
	var names []string
	for rest := s; ; {
		i := strings.IndexByte(rest, '#')
		if i < 0 {
			return names, ""
		}
		j := strings.IndexByte(rest[i+1:], '#')
		names = validate.AppendOnce(names, rest[i+1:i+1+j])
		rest = rest[i+2+j:]
	}
}
