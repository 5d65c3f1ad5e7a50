// Package huawei holds the offline rules of Huawei Cloud APIG desired
// states: API, parameter and tag names, req_uri, backends, certificates,
// redirects, CORS, policy bindings, variables, and API overlap decided by
// package conflicts' engine. Desired runs them; package validate runs the
// rules every kind shares.
package huawei

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/validate"
)

// hwCheck is one Huawei rule family: it appends its findings about h to
// out.
type hwCheck func(h *hwmodel.State, out *[]diag.Finding)

// hwChecks are the Huawei rule families, one file each.
var hwChecks = []hwCheck{
	checkHWReferences,
	checkHWAPINames,
	checkHWParamNames,
	checkHWTags,
	checkHWReqURIs,
	checkHWBackends,
	checkHWGRPC,
	checkHWBackendParams,
	checkHWPolicyBackends,
	checkHWCertificates,
	checkHWRedirects,
	checkHWCORS,
	checkHWPolicyBindings,
	checkHWVariables,
	checkHWOverlap,
}

// Desired runs every Huawei rule over d, a Huawei desired state, and
// appends the findings to out.
func Desired(d *model.Desired, out *[]diag.Finding) {
	h := hwmodel.Of(d)
	if h == nil {
		return
	}
	for _, c := range hwChecks {
		c(h, out)
	}
}

// ProbeDomains are the domains a probe of d may name: those bound to its
// groups.
func ProbeDomains(d *model.Desired) validate.Names {
	var doms []*hwmodel.Domain
	if h := hwmodel.Of(d); h != nil {
		for _, g := range h.Groups {
			doms = append(doms, g.Domains...)
		}
	}
	return validate.NewNames("domain", "the groups' domains", doms, func(e *hwmodel.Domain) string { return e.Name })
}

// hwErr appends an error finding about API a at the field ptr.
func hwErr(out *[]diag.Finding, rule string, a *hwmodel.API, ptr, msg string) {
	*out = append(*out, diag.Errorf(rule, a.Path(), a.PositionOf(ptr), msg))
}

// reqProtocol is the API's req_protocol, HTTPS when not written (the
// API's default).
func reqProtocol(a *hwmodel.API) string {
	if a.ReqProtocol == "" {
		return hwmodel.HTTPS
	}
	return a.ReqProtocol
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

// isCJK reports whether c is a Chinese character (汉字), which Huawei's
// name rules allow beside letters.
func isCJK(c rune) bool { return unicode.Is(unicode.Han, c) }

// nameRule is a Huawei naming rule: a length range in characters, which
// characters may start the name, and which may follow.
type nameRule struct {
	min, max int
	first    func(rune) bool
	firstDoc string // what may start it, for messages
	rest     func(rune) bool
	restDoc  string // what it may hold, for messages
}

// problems says what is wrong with name under r ("" when nothing).
func (r nameRule) problems(name string) string {
	var ps []string
	if n := len([]rune(name)); n < r.min || n > r.max {
		ps = append(ps, fmt.Sprintf("is %d characters long (%d-%d allowed)", n, r.min, r.max))
	}
	if c, _ := firstRune(name); name != "" && !r.first(c) {
		ps = append(ps, fmt.Sprintf("starts with %q (it must start with %s)", c, r.firstDoc))
	}
	var bad []string
	for _, c := range name {
		if !r.rest(c) {
			bad = validate.AppendOnce(bad, fmt.Sprintf("%q", c))
		}
	}
	if len(bad) > 0 {
		ps = append(ps, "has characters Huawei APIG does not allow ("+strings.Join(bad, " ")+"; allowed: "+r.restDoc+")")
	}
	return strings.Join(ps, " and ")
}

func firstRune(s string) (rune, bool) {
	for _, c := range s {
		return c, true
	}
	return 0, false
}

// quoted quotes each name.
func quoted(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return q
}

// quoteList renders names as "a", "b" and "c".
func quoteList(names []string) string {
	q := quoted(names)
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// envsWord names environments for messages: environment "A", or
// environments "A" and "B".
func envsWord(envs []string) string {
	if len(envs) == 1 {
		return "environment " + quoteList(envs)
	}
	return "environments " + quoteList(envs)
}

// refNames returns the names of refs.
func refNames(refs []model.Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}
