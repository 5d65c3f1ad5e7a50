package huawei

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// simpleHeaders are the request headers a simple CORS request may carry
// (besides those the browser sets itself).
var simpleHeaders = []string{"accept", "accept-language", "content-language", "last-event-id", "content-type"}

// checkHWCORS finds APIs with cors whose requests are not simple: a browser
// sends a preflight OPTIONS request before each, which an OPTIONS API of
// the group (cors on, its path "/" or one that matches the API's) answers,
// or a CORS plugin bound to the API. Every environment the API is
// published to needs one or the other.
func checkHWCORS(h *hwmodel.State, out *[]diag.Finding) {
	plugins := corsPluginBindings(h)
	for _, g := range h.Groups {
		for _, a := range g.APIs {
			why := notSimple(a)
			if !a.CORS || why == "" {
				continue
			}
			if msg := preflightProblem(g, a, plugins, why); msg != "" {
				hwErr(out, hwdiag.RuleHWCORSPreflight, a, "/cors", msg)
			}
		}
	}
}

// notSimple says why a's requests are not simple CORS requests ("" when
// they are): a method other than GET, HEAD and POST, or a required header
// other than the simple ones. An OPTIONS API is its own preflight, and an
// ANY API takes the preflight itself, so neither needs another.
func notSimple(a *hwmodel.API) string {
	switch a.ReqMethod {
	case "PUT", "DELETE", "PATCH":
		return "its method is " + a.ReqMethod
	case "OPTIONS", "ANY":
		return ""
	}
	for _, p := range a.ReqParams {
		if p.Location == "HEADER" && p.IsRequired() && !slices.Contains(simpleHeaders, strings.ToLower(p.Name)) {
			return fmt.Sprintf("it requires header %q", p.Name)
		}
	}
	return ""
}

// corsPluginBindings returns the (API, environment) pairs a cors plugin is
// bound to.
func corsPluginBindings(h *hwmodel.State) map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, p := range h.Plugins {
		if p.Type != "cors" {
			continue
		}
		for _, b := range p.Bind {
			m[[2]string{b.API.Name, b.Env.Name}] = true
		}
	}
	return m
}

// preflightProblem says which environments lack a preflight answer for a
// ("" when none does).
func preflightProblem(g *hwmodel.Group, a *hwmodel.API, plugins map[[2]string]bool, why string) string {
	opts := slices.DeleteFunc(slices.Clone(g.APIs), func(o *hwmodel.API) bool { return !answersPreflight(o, a) })
	head := fmt.Sprintf("API has cors on, and %s, so browsers send a preflight OPTIONS request first", why)
	fix := fmt.Sprintf("add an OPTIONS API to group %q (req_method \"OPTIONS\", req_uri \"/\" with match_mode \"SWA\" or the API's path, the API's req_protocol, auth_type \"NONE\", cors true, a MOCK backend), or bind a cors plugin to the API", g.Name)
	if len(a.Publish) == 0 {
		if len(opts) > 0 {
			return ""
		}
		return fmt.Sprintf("%s, and group %q has no OPTIONS API to answer it; %s", head, g.Name, fix)
	}
	var missing []string
	for _, e := range a.Publish {
		served := plugins[[2]string{a.Name, e.Name}] || slices.ContainsFunc(opts, func(o *hwmodel.API) bool { return publishedTo(o, e.Name) })
		if !served {
			missing = append(missing, e.Name)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("%s, and in %s neither an OPTIONS API of group %q published there nor a cors plugin bound to the API answers it; %s there",
		head, envsWord(missing), g.Name, fix)
}

// answersPreflight reports whether o is an OPTIONS API with cors that takes
// a's preflight requests: the same protocol (or BOTH), and path "/" or one
// that matches a's path.
func answersPreflight(o, a *hwmodel.API) bool {
	if o.ReqMethod != "OPTIONS" || !o.CORS || o == a {
		return false
	}
	if reqProtocol(o) != reqProtocol(a) && reqProtocol(o) != hwmodel.Both {
		return false
	}
	op, ap := templateKey(o.ReqURI), templateKey(a.ReqURI)
	switch {
	case o.ReqURI == "/", op == ap:
		return true
	case o.MatchMode == hwmodel.MatchSWA:
		return (strings.HasSuffix(op, "/") && strings.HasPrefix(ap, op)) || strings.HasPrefix(ap, op+"/")
	}
	return false
}

// publishedTo reports whether a is published to environment env.
func publishedTo(a *hwmodel.API, env string) bool {
	return slices.ContainsFunc(a.Publish, func(r model.Ref) bool { return r.Name == env })
}

// templateKey writes a path with its template names dropped ({id} and
// {name} become {}, {rest+} becomes {+}): two paths with the same key take
// the same requests.
func templateKey(uri string) string {
	parts, p := parseHWURI(uri, false)
	if p != "" {
		return uri
	}
	var b strings.Builder
	for _, x := range parts {
		switch {
		case x.param != "" && x.greedy:
			b.WriteString("{+}")
		case x.param != "":
			b.WriteString("{}")
		default:
			b.WriteString(x.lit)
		}
	}
	return b.String()
}
