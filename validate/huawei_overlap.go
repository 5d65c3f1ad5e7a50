package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Huawei APIs overlap as APIG routes do, so they are decided by the same
// engine (package conflicts): each API published to an environment becomes
// a route of that environment whose "domain" is its group (the APIs of a
// group share its domains, and a domain binds to one group). A NORMAL path
// without templates is an Exact path; any other path is a whole-path
// regular expression: a {param} template takes one non-empty segment
// ([^/]+), a greedy {param+} the rest of the path (.+), and SWA, a prefix
// on segment boundaries, adds (/.*)? ("/test/AA" takes "/test/AA/BB", not
// "/test/AACC"), or .* after a trailing "/". ANY is every method.
//
// Precedence is only what Huawei documents: for one method, the NORMAL
// (exact) API before an SWA one, and the longest SWA prefix first. Where
// the documentation says nothing (ANY against a named method, {param}
// templates against literal segments) an overlap is a warning that says
// so, and no API is called shadowed on that ground.

// hwRoute is what an engine route stands for.
type hwRoute struct {
	api *model.HuaweiAPI
	env string
}

// checkHWOverlap reports hw-api-conflict (APIG.3301: one method, path and
// match mode twice in a group, parameter names aside), then decides the
// remaining overlaps of APIs published to one environment with the
// conflicts engine: hw-api-shadowed and hw-api-overlap.
func checkHWOverlap(h *model.HuaweiState, out *[]diag.Finding) {
	dup := checkHWConflicts(h, out)
	routes, info := hwRoutes(h)
	prec := func(x, y *model.Route) bool { return hwOutranks(info[x].api, info[y].api) }
	res := conflicts.Analyze(routes, conflicts.Options{Precedence: prec})
	shadowFindings(res.Shadows, info, out)
	overlapFindings(res.Overlaps, info, dup, out)
}

// hwConflictKey is what APIG.3301 compares within a group.
type hwConflictKey struct{ group, method, path, mode string }

func conflictKey(a *model.HuaweiAPI) hwConflictKey {
	return hwConflictKey{a.Group, a.ReqMethod, templateKey(a.ReqURI), matchMode(a)}
}

func matchMode(a *model.HuaweiAPI) string {
	if a.MatchMode == "" {
		return model.HuaweiMatchNormal
	}
	return a.MatchMode
}

// checkHWConflicts reports each API whose method, path and match mode an
// earlier API of its group has, and returns the conflicting pairs.
func checkHWConflicts(h *model.HuaweiState, out *[]diag.Finding) map[[2]*model.HuaweiAPI]bool {
	pairs := map[[2]*model.HuaweiAPI]bool{}
	first := map[hwConflictKey]*model.HuaweiAPI{}
	for _, a := range h.APIs() {
		k := conflictKey(a)
		f, seen := first[k]
		if !seen {
			first[k] = a
			continue
		}
		pairs[[2]*model.HuaweiAPI{f, a}], pairs[[2]*model.HuaweiAPI{a, f}] = true, true
		msg := fmt.Sprintf("API conflicts with API %q of group %q: both are %s %q with match_mode %s; Huawei APIG rejects the second (APIG.3301, the API already exists): change the method, the path or the match mode of one of them",
			f.Name, a.Group, a.ReqMethod, a.ReqURI, k.mode)
		if f.ReqURI != a.ReqURI {
			msg = fmt.Sprintf("API conflicts with API %q of group %q: both are %s with match_mode %s on paths that differ only in parameter names (%q and %q), so they take the same requests and one is never reached (Huawei APIG may also reject the second as APIG.3301): change the method, the path or the match mode of one of them",
				f.Name, a.Group, a.ReqMethod, k.mode, f.ReqURI, a.ReqURI)
		}
		fd := diag.Errorf(diag.RuleHWAPIConflict, a.Path(), a.PositionOf("/req_uri"), msg)
		fd.Related = []diag.Related{{Resource: f.Path(), Pos: f.PositionOf("/req_uri")}}
		fd.Witness = fmt.Sprintf("%s %s %s", witnessMethod(a.ReqMethod), a.Group, samplePath(a.ReqURI))
		*out = append(*out, fd)
	}
	return pairs
}

func witnessMethod(m string) string {
	if m == "ANY" {
		return "GET"
	}
	return m
}

// samplePath is a request path a req_uri takes: each template written as
// its parameter's name.
func samplePath(uri string) string {
	parts, p := parseHWURI(uri, false)
	if p != "" {
		return uri
	}
	var b strings.Builder
	for _, x := range parts {
		b.WriteString(x.lit + x.param)
	}
	return b.String()
}

// hwRoutes turns each API published to an environment into an engine
// route; APIs whose req_uri is malformed are left out (hw-req-uri reports
// them).
func hwRoutes(h *model.HuaweiState) ([]*model.Route, map[*model.Route]hwRoute) {
	var routes []*model.Route
	info := map[*model.Route]hwRoute{}
	for _, a := range h.APIs() {
		typ, value, ok := hwPathPattern(a)
		if !ok {
			continue
		}
		var methods []string
		if a.ReqMethod != "ANY" {
			methods = []string{a.ReqMethod}
		}
		for _, e := range a.Publish {
			r := &model.Route{
				Name: a.Name, API: a.Group,
				Environment: model.Ref{Name: e.Name, Pos: e.Pos},
				Domains:     []model.Ref{{Name: a.Group}},
				Match: model.Match{
					Path:    model.PathMatch{Type: typ, Value: value, Pos: a.PositionOf("/req_uri")},
					Methods: methods,
				},
				Pos: a.Pos,
			}
			routes = append(routes, r)
			info[r] = hwRoute{a, e.Name}
		}
	}
	return routes, info
}

// hwPathPattern writes an API's path as an engine path pattern.
func hwPathPattern(a *model.HuaweiAPI) (typ, value string, ok bool) {
	parts, p := uriProblem(a.ReqURI, false)
	if p != "" {
		return "", "", false
	}
	swa := matchMode(a) == model.HuaweiMatchSWA
	if !swa && len(uriParams(parts)) == 0 {
		return model.PathExact, a.ReqURI, true
	}
	var b strings.Builder
	for _, x := range parts {
		switch {
		case x.greedy:
			b.WriteString(".+")
		case x.param != "":
			b.WriteString("[^/]+")
		default:
			b.WriteString(regexp.QuoteMeta(x.lit))
		}
	}
	switch {
	case swa && strings.HasSuffix(a.ReqURI, "/"):
		b.WriteString(".*")
	case swa:
		b.WriteString("(/.*)?")
	}
	return model.PathRegex, b.String(), true
}

// hwOutranks reports whether x takes a request both x and y match, by
// what Huawei documents: for one method, NORMAL before SWA, and the longer
// SWA prefix first (neither with templates).
func hwOutranks(x, y *model.HuaweiAPI) bool {
	if x.ReqMethod != y.ReqMethod || hasTemplates(x) || hasTemplates(y) {
		return false
	}
	xs, ys := matchMode(x) == model.HuaweiMatchSWA, matchMode(y) == model.HuaweiMatchSWA
	switch {
	case !xs && ys:
		return true
	case xs && ys:
		return len(x.ReqURI) > len(y.ReqURI)
	}
	return false
}

func hasTemplates(a *model.HuaweiAPI) bool { return strings.ContainsRune(a.ReqURI, '{') }

// precedenceWhy explains why winner takes a request before loser.
func precedenceWhy(winner, loser *model.HuaweiAPI) string {
	if matchMode(loser) == matchMode(winner) {
		return "the longest SWA prefix first"
	}
	return "NORMAL before SWA"
}

// undocumented says what Huawei's documentation leaves open about two
// APIs that both match a request.
func undocumented(x, y *model.HuaweiAPI) string {
	switch {
	case x.ReqMethod != y.ReqMethod:
		return "Huawei's documentation does not say whether ANY or a named method takes it (ANY is likely the fallback)"
	case hasTemplates(x) || hasTemplates(y):
		return "Huawei's documentation does not say how {param} templates rank against other paths"
	}
	return "Huawei's documentation does not say which takes it"
}

// describeHW names an API's match for messages: GET SWA "/test".
func describeHW(a *model.HuaweiAPI) string {
	return fmt.Sprintf("%s %s %q", a.ReqMethod, matchMode(a), a.ReqURI)
}

func witnessOf(o *conflicts.Overlap) string {
	return fmt.Sprintf("%s %s %s", o.Methods[0], o.Where[0].Domain, o.Path)
}

func relatedAPI(a *model.HuaweiAPI) diag.Related {
	return diag.Related{Resource: a.Path(), Pos: a.PositionOf("/req_uri")}
}

// hwPair is two overlapping APIs and the environments they overlap in.
type hwPair struct {
	o    *conflicts.Overlap
	a, b *model.HuaweiAPI
	envs []string
}

// overlapFindings merges the engine's overlaps by API pair (one per
// environment) and reports those that neither conflict nor shadow.
func overlapFindings(os []*conflicts.Overlap, info map[*model.Route]hwRoute, dup map[[2]*model.HuaweiAPI]bool, out *[]diag.Finding) {
	var order []*hwPair
	pairs := map[[2]*model.HuaweiAPI]*hwPair{}
	for _, o := range os {
		a, b := info[o.A].api, info[o.B].api
		if o.Shadowing || dup[[2]*model.HuaweiAPI{a, b}] {
			continue
		}
		p := pairs[[2]*model.HuaweiAPI{a, b}]
		if p == nil {
			p = &hwPair{o: o, a: a, b: b}
			pairs[[2]*model.HuaweiAPI{a, b}], pairs[[2]*model.HuaweiAPI{b, a}] = p, p
			order = append(order, p)
		}
		p.envs = appendOnce(p.envs, info[o.A].env)
	}
	for _, p := range order {
		*out = append(*out, hwOverlapFinding(p))
	}
}

func hwOverlapFinding(p *hwPair) diag.Finding {
	loser, winner := p.b, p.a
	if hwOutranks(p.b, p.a) {
		loser, winner = p.a, p.b
	}
	where := fmt.Sprintf("in group %q (%s)", loser.Group, envsWord(p.envs))
	w := witnessOf(p.o)
	var msg string
	switch {
	case p.o.Err != nil:
		msg = fmt.Sprintf("gwsync could not decide whether this API (%s) overlaps API %q (%s) %s: %v", describeHW(loser), winner.Name, describeHW(winner), where, p.o.Err)
		w = ""
	case hwOutranks(winner, loser):
		msg = fmt.Sprintf("API overlaps API %q (%s) %s: both match %s, which %q takes (%s); if this API should serve such requests, narrow %q's path or method, else narrow this one's",
			winner.Name, describeHW(winner), where, w, winner.Name, precedenceWhy(winner, loser), winner.Name)
	default:
		msg = fmt.Sprintf("API overlaps API %q (%s) %s: both match %s, and %s; make their paths or methods disjoint",
			winner.Name, describeHW(winner), where, w, undocumented(winner, loser))
	}
	f := diag.Warnf(diag.RuleHWAPIOverlap, loser.Path(), loser.PositionOf("/req_uri"), msg)
	f.Related, f.Witness = []diag.Related{relatedAPI(winner)}, w
	return f
}

// shadowFindings merges the engine's shadows by API (one per environment)
// and reports each.
func shadowFindings(ss []*conflicts.Shadow, info map[*model.Route]hwRoute, out *[]diag.Finding) {
	type merged struct {
		s    *conflicts.Shadow
		by   []*model.HuaweiAPI
		envs []string
	}
	var order []*merged
	byAPI := map[*model.HuaweiAPI]*merged{}
	for _, s := range ss {
		a := info[s.Route].api
		m := byAPI[a]
		if m == nil {
			m = &merged{s: s}
			byAPI[a] = m
			order = append(order, m)
		}
		m.envs = appendOnce(m.envs, info[s.Route].env)
		for _, r := range s.By {
			if x := info[r].api; !containsAPI(m.by, x) {
				m.by = append(m.by, x)
			}
		}
	}
	for _, m := range order {
		a := info[m.s.Route].api
		names, rel := make([]string, len(m.by)), make([]diag.Related, len(m.by))
		for i, x := range m.by {
			names[i], rel[i] = x.Name, relatedAPI(x)
		}
		w := witnessOf(m.s.Via)
		msg := fmt.Sprintf("no request reaches this API (%s) in %s: every request it matches, e.g. %s, is taken first by %s (NORMAL before SWA, the longest SWA prefix first); remove the API or change its path",
			describeHW(a), envsWord(m.envs), w, apiWord(len(names))+" "+quoteList(names))
		f := diag.Errorf(diag.RuleHWAPIShadowed, a.Path(), a.PositionOf("/req_uri"), msg)
		f.Related, f.Witness = rel, w
		*out = append(*out, f)
	}
}

func containsAPI(list []*model.HuaweiAPI, a *model.HuaweiAPI) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

func apiWord(n int) string {
	if n == 1 {
		return "API"
	}
	return "APIs"
}
