package huawei

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/validate"
)

// hwContextParams are the gateway's own parameters a SYSTEM backend
// parameter may pass on ($context.providerAppId is documented as not yet
// supported).
var hwContextParams = []string{
	"$context.sourceIp", "$context.stage", "$context.apiId", "$context.appId",
	"$context.requestId", "$context.serverAddr", "$context.serverName", "$context.handleTime",
	"$context.member_group_name", "$context.member_group_id",
}

// Prefixes of the authorizer parameters a SYSTEM backend parameter may pass
// on: what the frontend custom authorizer returned (auth_type AUTHORIZER),
// or the backend authorizer.
const (
	hwFrontendAuthPrefix = "$context.authorizer.frontend."
	hwBackendAuthPrefix  = "$context.authorizer.backend."
)

// hwMaxParamValue is the longest backend parameter value.
const hwMaxParamValue = 255

// checkHWBackendParams checks every backend parameter's value against its
// origin: REQUEST names a declared request parameter (APIG.2028), SYSTEM a
// known $context parameter or an authorizer parameter of an authorizer the
// API has; a PATH parameter fills a {param} of its backend's req_uri
// (APIG.2027).
func checkHWBackendParams(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		for _, p := range a.BackendParams {
			checkHWBackendParam(a, p, hasBackendAuthorizer(a, nil), defaultBackendURI(a), out)
		}
		for _, pb := range policyBackends(a) {
			uri := ""
			if pb.HTTP != nil {
				uri = pb.HTTP.ReqURI
			}
			for _, p := range pb.BackendParams {
				checkHWBackendParam(a, p, hasBackendAuthorizer(a, pb), uri, out)
			}
		}
	}
}

// defaultBackendURI is the req_uri of the API's backend_api ("" for other
// backends).
func defaultBackendURI(a *hwmodel.API) string {
	if a.BackendAPI != nil {
		return a.BackendAPI.ReqURI
	}
	return ""
}

// hasBackendAuthorizer reports whether the API's default backend (pb nil)
// or policy backend pb has a backend custom authorizer.
func hasBackendAuthorizer(a *hwmodel.API, pb *hwmodel.PolicyBackend) bool {
	if pb != nil {
		return pb.AuthorizerID != "" || (pb.HTTP != nil && pb.HTTP.AuthorizerID != "") ||
			(pb.Function != nil && pb.Function.AuthorizerID != "") || (pb.Mock != nil && pb.Mock.AuthorizerID != "")
	}
	return (a.BackendAPI != nil && a.BackendAPI.AuthorizerID != "") ||
		(a.FuncInfo != nil && a.FuncInfo.AuthorizerID != "") || (a.MockInfo != nil && a.MockInfo.AuthorizerID != "")
}

func checkHWBackendParam(a *hwmodel.API, p *hwmodel.BackendParam, backendAuth bool, uri string, out *[]diag.Finding) {
	add := func(msg string) { *out = append(*out, diag.Errorf(hwdiag.RuleHWBackendParams, a.Path(), p.Pos, msg)) }
	if n := len([]rune(p.Value)); n > hwMaxParamValue {
		add(fmt.Sprintf("backend parameter %q has a value of %d characters (at most %d); shorten it", p.Name, n, hwMaxParamValue))
	}
	switch p.Origin {
	case "REQUEST":
		if !hasReqParam(a, p.Value, "") {
			add(fmt.Sprintf("backend parameter %q (origin REQUEST) takes request parameter %q, which the API does not declare (APIG.2028); %s",
				p.Name, p.Value, validate.Suggest(p.Value, reqParamNames(a), "name ")))
		}
	case "SYSTEM":
		if msg := systemParamProblem(a, p.Value, backendAuth); msg != "" {
			add(fmt.Sprintf("backend parameter %q (origin SYSTEM): %s", p.Name, msg))
		}
	}
	if p.Location != "PATH" || uri == "" {
		return
	}
	parts, _ := parseHWURI(uri, true)
	if !slices.ContainsFunc(uriParams(parts), func(n string) bool { return strings.EqualFold(n, p.Name) }) {
		add(fmt.Sprintf("PATH backend parameter %q does not appear in the backend req_uri %q (APIG.2027); add {%s} to the backend path, or change its location", p.Name, uri, p.Name))
	}
}

// systemParamProblem says what is wrong with a SYSTEM backend parameter's
// value ("" when nothing).
func systemParamProblem(a *hwmodel.API, v string, backendAuth bool) string {
	switch {
	case slices.Contains(hwContextParams, v):
		return ""
	case v == "$context.providerAppId":
		return "$context.providerAppId is not supported yet; remove the parameter"
	case strings.HasPrefix(v, hwFrontendAuthPrefix):
		if v == hwFrontendAuthPrefix {
			return fmt.Sprintf("%q names no authorizer parameter; append the name the authorizer returns, e.g. %q", v, v+"user_name")
		}
		if a.AuthType != hwmodel.AuthAuthorizer {
			return fmt.Sprintf("%q is a frontend authorizer parameter, but the API's auth_type is %s; only an API with auth_type AUTHORIZER has one: change auth_type or the value", v, a.AuthType)
		}
		return ""
	case strings.HasPrefix(v, hwBackendAuthPrefix):
		if v == hwBackendAuthPrefix {
			return fmt.Sprintf("%q names no authorizer parameter; append the name the authorizer returns, e.g. %q", v, v+"user_name")
		}
		if !backendAuth {
			return fmt.Sprintf("%q is a backend authorizer parameter, but the backend has no custom authorizer (authorizer_id); add one or change the value", v)
		}
		return ""
	}
	return fmt.Sprintf("%q is not a gateway parameter; %s, or an authorizer parameter %q or %q",
		v, validate.Suggest(v, hwContextParams, "use "), hwFrontendAuthPrefix+"<name>", hwBackendAuthPrefix+"<name>")
}

func reqParamNames(a *hwmodel.API) []string {
	out := make([]string, len(a.ReqParams))
	for i, p := range a.ReqParams {
		out[i] = p.Name
	}
	return out
}

// hwPolicyBackendName is the policy backend name rule: 3-64 letters,
// digits, "_" and Chinese characters, starting with a letter or Chinese
// character.
var hwPolicyBackendName = nameRule{
	min: 3, max: 64,
	first:    func(c rune) bool { return isASCIILetter(c) || isCJK(c) },
	firstDoc: "a letter or a Chinese character",
	rest:     func(c rune) bool { return isASCIILetter(c) || isDigit(c) || isCJK(c) || c == '_' },
	restDoc:  `letters, digits, "_" and Chinese characters`,
}

// Limits on policy backends: per API, and conditions per policy backend.
const (
	hwMaxPolicyBackends = 5
	hwMaxConditions     = 5
)

// hwSysParams are the names a system condition may look at (reqPath and
// reqMethod are the deprecated spellings).
var hwSysParams = []string{"req_path", "req_method", "reqPath", "reqMethod"}

// checkHWPolicyBackends checks each API's policy backends: at most 5, each
// named by the rule, with 1-5 conditions, each well formed for its origin.
func checkHWPolicyBackends(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		pbs := policyBackends(a)
		if len(pbs) > hwMaxPolicyBackends {
			msg := fmt.Sprintf("API has %d policy backends; Huawei APIG allows at most %d: merge or remove %d", len(pbs), hwMaxPolicyBackends, len(pbs)-hwMaxPolicyBackends)
			*out = append(*out, diag.Errorf(hwdiag.RuleHWPolicyBackend, a.Path(), pbs[hwMaxPolicyBackends].Pos, msg))
		}
		for _, pb := range pbs {
			checkHWPolicyBackend(a, pb, out)
		}
	}
}

func checkHWPolicyBackend(a *hwmodel.API, pb *hwmodel.PolicyBackend, out *[]diag.Finding) {
	add := func(pos model.Pos, msg string) {
		*out = append(*out, diag.Errorf(hwdiag.RuleHWPolicyBackend, a.Path(), pos, msg))
	}
	if p := hwPolicyBackendName.problems(pb.Name); p != "" {
		add(pb.Pos, fmt.Sprintf("policy backend name %q %s; rename it, e.g. %q", pb.Name, p, suggestHWName(pb.Name, hwPolicyBackendName)))
	}
	if n := len(pb.Conditions); n == 0 || n > hwMaxConditions {
		add(pb.Pos, fmt.Sprintf("policy backend %q has %d conditions; it needs 1-%d (they choose when it is used instead of the default backend)", pb.Name, n, hwMaxConditions))
	}
	for _, c := range pb.Conditions {
		if msg := conditionProblem(a, c); msg != "" {
			add(c.Pos, fmt.Sprintf("policy backend %q: condition (origin %s) %s", pb.Name, c.Origin, msg))
		}
	}
}

// conditionProblem says what a condition lacks for its origin ("" when it
// is well formed).
func conditionProblem(a *hwmodel.API, c *hwmodel.Condition) string {
	var missing []string
	need := func(field, v string) {
		if v == "" {
			missing = append(missing, field)
		}
	}
	switch c.Origin {
	case "param":
		need("req_param_name", c.ReqParamName)
		need("condition_type", c.Type)
		need("condition_value", c.Value)
		if c.ReqParamName != "" && !hasReqParam(a, c.ReqParamName, "") {
			return fmt.Sprintf("names request parameter %q, which the API does not declare; %s", c.ReqParamName, validate.Suggest(c.ReqParamName, reqParamNames(a), "name "))
		}
	case "source":
		need("condition_value", c.Value)
		if c.Value != "" {
			if bad := badSources(c.Value); len(bad) > 0 {
				return fmt.Sprintf("has condition_value %q, whose %s not an IP address or CIDR; write source addresses such as \"10.0.0.0/8\"", c.Value, quoteList(bad)+isAre(len(bad)))
			}
		}
	case "system":
		need("sys_param_name", c.SysParamName)
		need("condition_type", c.Type)
		if c.SysParamName != "" && !slices.Contains(hwSysParams, c.SysParamName) {
			return fmt.Sprintf("has sys_param_name %q; a system condition looks at \"req_path\" or \"req_method\"", c.SysParamName)
		}
	case "cookie":
		need("cookie_param_name", c.CookieParamName)
		need("condition_type", c.Type)
		need("condition_value", c.Value)
	case "frontend_authorizer":
		need("frontend_authorizer_param_name", c.FrontendAuthorizerParamName)
		need("condition_type", c.Type)
		need("condition_value", c.Value)
		if n := c.FrontendAuthorizerParamName; n != "" && (!strings.HasPrefix(n, hwFrontendAuthPrefix) || n == hwFrontendAuthPrefix) {
			return fmt.Sprintf("has frontend_authorizer_param_name %q; write the authorizer's parameter as %q", n, hwFrontendAuthPrefix+strings.TrimPrefix(n, hwFrontendAuthPrefix))
		}
		if a.AuthType != hwmodel.AuthAuthorizer {
			return fmt.Sprintf("looks at the frontend authorizer's parameters, but the API's auth_type is %s, not AUTHORIZER; change auth_type or the condition", a.AuthType)
		}
	}
	if len(missing) > 0 {
		return "lacks " + strings.Join(missing, ", ") + "; add " + itThem(len(missing))
	}
	return ""
}

// badSources returns the entries of a comma-separated source list that are
// neither an IP address nor a CIDR.
func badSources(v string) []string {
	var bad []string
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if _, err := netip.ParseAddr(s); err == nil {
			continue
		}
		if _, err := netip.ParsePrefix(s); err == nil {
			continue
		}
		bad = append(bad, s)
	}
	return bad
}

func isAre(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
