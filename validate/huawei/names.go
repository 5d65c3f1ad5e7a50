package huawei

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// hwAPIName is the API name rule (ApiCreate.name): 3-255 characters of
// letters, digits, Chinese characters, "-", "_", ".", "/", parentheses and
// colons (half- or full-width) and "、", starting with a letter, digit or
// Chinese character.
var hwAPIName = nameRule{
	min: 3, max: 255,
	first:    func(c rune) bool { return isASCIILetter(c) || isDigit(c) || isCJK(c) },
	firstDoc: "a letter, a digit or a Chinese character",
	rest: func(c rune) bool {
		return isASCIILetter(c) || isDigit(c) || isCJK(c) || strings.ContainsRune("-_./():（）：、", c)
	},
	restDoc: `letters, digits, Chinese characters and - _ . / ( ) : （ ） ： 、`,
}

// checkHWAPINames applies the API name rule, and finds names used by two
// APIs: the API reference scopes APIG.3202 to the instance, and policies
// bind APIs by name.
func checkHWAPINames(h *hwmodel.State, out *[]diag.Finding) {
	first := map[string]*hwmodel.API{}
	for _, a := range h.APIs() {
		if p := hwAPIName.problems(a.Name); p != "" {
			msg := fmt.Sprintf("API name %q %s; rename it, e.g. %q", a.Name, p, suggestHWName(a.Name, hwAPIName))
			*out = append(*out, diag.Errorf(hwdiag.RuleHWAPIName, a.Path(), a.Pos, msg))
		}
		f, seen := first[a.Name]
		if !seen {
			first[a.Name] = a
			continue
		}
		msg := fmt.Sprintf("API name %q is already used in group %q; Huawei APIG rejects a second API of one name (APIG.3202) and policies bind APIs by name: rename one of them", a.Name, f.Group)
		fd := diag.Errorf(hwdiag.RuleHWAPIName, a.Path(), a.Pos, msg)
		fd.Related = []diag.Related{{Resource: f.Path(), Pos: f.Pos}}
		*out = append(*out, fd)
	}
}

// suggestHWName proposes a name close to name that r accepts: characters r
// does not allow become "_", a bad first character is preceded by "api_",
// and the result is cut or padded to r's length.
func suggestHWName(name string, r nameRule) string {
	var b strings.Builder
	for _, c := range name {
		if r.rest(c) {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	if c, ok := firstRune(s); !ok || !r.first(c) {
		s = "api_" + s
	}
	for len([]rune(s)) < r.min {
		s += "_"
	}
	if rs := []rune(s); len(rs) > r.max {
		s = string(rs[:r.max])
	}
	return s
}

// hwParamName is the parameter name rule (req_params and backend_params):
// 1-32 letters, digits, "-", "_" and ".", starting with a letter.
var hwParamName = nameRule{
	min: 1, max: 32,
	first:    isASCIILetter,
	firstDoc: "a letter",
	rest: func(c rune) bool {
		return isASCIILetter(c) || isDigit(c) || c == '-' || c == '_' || c == '.'
	},
	restDoc: `letters, digits and - _ .`,
}

// checkHWParamNames applies the parameter name rule to every request and
// backend parameter, and the request parameters' own limits: names are
// case-insensitive and unique per API (APIG.3209), X-Stage and the
// X-Apig- and X-Sdk- prefixes are the gateway's, and a HEADER parameter
// holds no "_" and is not Authorization or X-Auth-Token.
func checkHWParamNames(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		seen := map[string]*hwmodel.ReqParam{}
		for _, p := range a.ReqParams {
			checkHWReqParamName(a, p, out)
			key := strings.ToLower(p.Name)
			if f, dup := seen[key]; dup {
				msg := fmt.Sprintf("request parameter %q is already declared (as %q, %s); parameter names are case-insensitive and unique per API (APIG.3209): rename or remove one", p.Name, f.Name, f.Location)
				fd := diag.Errorf(hwdiag.RuleHWParamName, a.Path(), p.Pos, msg)
				fd.Related = []diag.Related{{Resource: a.Path(), Pos: f.Pos}}
				*out = append(*out, fd)
				continue
			}
			seen[key] = p
		}
		for _, bp := range allBackendParams(a) {
			if pr := hwParamName.problems(bp.Name); pr != "" {
				msg := fmt.Sprintf("backend parameter name %q %s; rename it", bp.Name, pr)
				*out = append(*out, diag.Errorf(hwdiag.RuleHWParamName, a.Path(), bp.Pos, msg))
			}
		}
	}
}

func checkHWReqParamName(a *hwmodel.API, p *hwmodel.ReqParam, out *[]diag.Finding) {
	add := func(msg string) { *out = append(*out, diag.Errorf(hwdiag.RuleHWParamName, a.Path(), p.Pos, msg)) }
	if pr := hwParamName.problems(p.Name); pr != "" {
		add(fmt.Sprintf("request parameter name %q %s; rename it, e.g. %q", p.Name, pr, suggestHWName(p.Name, hwParamName)))
		return
	}
	lower := strings.ToLower(p.Name)
	switch {
	case lower == "x-stage":
		add(fmt.Sprintf("request parameter %q is reserved: the gateway reads X-Stage to choose the environment; rename it", p.Name))
	case strings.HasPrefix(lower, "x-apig-"), strings.HasPrefix(lower, "x-sdk-"):
		add(fmt.Sprintf("request parameter %q uses a prefix the gateway reserves (X-Apig-, X-Sdk-); rename it", p.Name))
	case p.Location == "HEADER" && (lower == "authorization" || lower == "x-auth-token"):
		add(fmt.Sprintf("HEADER parameter %q is the gateway's own authentication header and cannot be declared; remove it or use another name", p.Name))
	case p.Location == "HEADER" && strings.Contains(p.Name, "_"):
		add(fmt.Sprintf("HEADER parameter %q holds \"_\", which header parameter names may not; use \"-\" instead: %q", p.Name, strings.ReplaceAll(p.Name, "_", "-")))
	}
}

// allBackendParams returns the API's backend parameters and those of its
// policy backends.
func allBackendParams(a *hwmodel.API) []*hwmodel.BackendParam {
	out := append([]*hwmodel.BackendParam(nil), a.BackendParams...)
	for _, pb := range policyBackends(a) {
		out = append(out, pb.BackendParams...)
	}
	return out
}

// policyBackends returns the API's policy backends of every kind, HTTP then
// function then mock, each in declaration order.
func policyBackends(a *hwmodel.API) []*hwmodel.PolicyBackend {
	var out []*hwmodel.PolicyBackend
	out = append(out, a.PolicyHTTPs...)
	out = append(out, a.PolicyFunctions...)
	return append(out, a.PolicyMocks...)
}

// hwTag is the tag rule: 1-128 letters, digits, Chinese characters and
// "-*#%.:_", starting with a letter or Chinese character.
var hwTag = nameRule{
	min: 1, max: 128,
	first:    func(c rune) bool { return isASCIILetter(c) || isCJK(c) },
	firstDoc: "a letter or a Chinese character",
	rest: func(c rune) bool {
		return isASCIILetter(c) || isDigit(c) || isCJK(c) || strings.ContainsRune("-*#%.:_", c)
	},
	restDoc: `letters, digits, Chinese characters and - * # % . : _`,
}

// hwTagQuota is the number of tags an API may have by default
// (API_TAG_NUM_LIMIT).
const hwTagQuota = 10

// checkHWTags applies the tag rule, and warns past the default quota.
func checkHWTags(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		for _, t := range a.Tags {
			if p := hwTag.problems(t.Name); p != "" {
				msg := fmt.Sprintf("tag %q %s; change it", t.Name, p)
				*out = append(*out, diag.Errorf(hwdiag.RuleHWTags, a.Path(), t.Pos, msg))
			}
		}
		if n := len(a.Tags); n > hwTagQuota {
			msg := fmt.Sprintf("API has %d tags; Huawei APIG allows %d by default and rejects more (APIG.3133) unless support raised the instance's API_TAG_NUM_LIMIT: remove %d", n, hwTagQuota, n-hwTagQuota)
			*out = append(*out, diag.Warnf(hwdiag.RuleHWTagQuota, a.Path(), a.Tags[hwTagQuota].Pos, msg))
		}
	}
}
