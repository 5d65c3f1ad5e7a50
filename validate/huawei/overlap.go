package huawei

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/validate"
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
	api *hwmodel.API
	env string
}

// checkHWOverlap reports hw-api-conflict (APIG.3301: one method, path and
// match mode twice in a group, parameter names aside), then decides the
// remaining overlaps of APIs published to one environment with the
// conflicts engine, within its default budget: hw-api-shadowed and
// hw-api-overlap (grouped per API past conflicts.GroupAbove), and one
// hw-api-overlap warning where the budget stopped the engine.
func checkHWOverlap(h *hwmodel.State, out *[]diag.Finding) {
	dup := checkHWConflicts(h, out)
	routes, info := hwRoutes(h)
	prec := func(x, y *model.Route) bool { return hwOutranks(info[x].api, info[y].api) }
	res := conflicts.Analyze(routes, conflicts.Options{Precedence: prec})
	shadowFindings(res.Shadows, info, out)
	overlapFindings(res.Overlaps, info, dup, res.Stopped != nil, out)
	if s := res.Stopped; s != nil {
		a := info[s.At].api
		*out = append(*out, diag.Warnf(hwdiag.RuleHWAPIOverlap, a.Path(), a.PositionOf("/req_uri"), s.Summary("APIs")+
			", so shadowed APIs and overlaps among those are not reported (this API is where it stopped); "+conflicts.Advice))
	}
}

// hwConflictKey is what APIG.3301 compares within a group.
type hwConflictKey struct{ group, method, path, mode string }

func conflictKey(a *hwmodel.API) hwConflictKey {
	return hwConflictKey{a.Group, a.ReqMethod, templateKey(a.ReqURI), matchMode(a)}
}

func matchMode(a *hwmodel.API) string {
	if a.MatchMode == "" {
		return hwmodel.MatchNormal
	}
	return a.MatchMode
}

// checkHWConflicts reports each API whose method, path and match mode an
// earlier API of its group has, and returns the conflicting pairs.
func checkHWConflicts(h *hwmodel.State, out *[]diag.Finding) map[[2]*hwmodel.API]bool {
	pairs := map[[2]*hwmodel.API]bool{}
	first := map[hwConflictKey]*hwmodel.API{}
	for _, a := range h.APIs() {
		k := conflictKey(a)
		f, seen := first[k]
		if !seen {
			first[k] = a
			continue
		}
		pairs[[2]*hwmodel.API{f, a}], pairs[[2]*hwmodel.API{a, f}] = true, true
		msg := fmt.Sprintf("API conflicts with API %q of group %q: both are %s %q with match_mode %s; Huawei APIG rejects the second (APIG.3301, the API already exists): change the method, the path or the match mode of one of them",
			f.Name, a.Group, a.ReqMethod, a.ReqURI, k.mode)
		if f.ReqURI != a.ReqURI {
			msg = fmt.Sprintf("API conflicts with API %q of group %q: both are %s with match_mode %s on paths that differ only in parameter names (%q and %q), so they take the same requests and one is never reached (Huawei APIG may also reject the second as APIG.3301): change the method, the path or the match mode of one of them",
				f.Name, a.Group, a.ReqMethod, k.mode, f.ReqURI, a.ReqURI)
		}
		fd := diag.Errorf(hwdiag.RuleHWAPIConflict, a.Path(), a.PositionOf("/req_uri"), msg)
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
func hwRoutes(h *hwmodel.State) ([]*model.Route, map[*model.Route]hwRoute) {
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
func hwPathPattern(a *hwmodel.API) (typ, value string, ok bool) {
	parts, p := uriProblem(a.ReqURI, false)
	if p != "" {
		return "", "", false
	}
	swa := matchMode(a) == hwmodel.MatchSWA
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
func hwOutranks(x, y *hwmodel.API) bool {
	if x.ReqMethod != y.ReqMethod || hasTemplates(x) || hasTemplates(y) {
		return false
	}
	xs, ys := matchMode(x) == hwmodel.MatchSWA, matchMode(y) == hwmodel.MatchSWA
	switch {
	case !xs && ys:
		return true
	case xs && ys:
		return len(x.ReqURI) > len(y.ReqURI)
	}
	return false
}

func hasTemplates(a *hwmodel.API) bool { return strings.ContainsRune(a.ReqURI, '{') }

// precedenceWhy explains why winner takes a request before loser.
func precedenceWhy(winner, loser *hwmodel.API) string {
	if matchMode(loser) == matchMode(winner) {
		return "the longest SWA prefix first"
	}
	return "NORMAL before SWA"
}

// undocumented says what Huawei's documentation leaves open about two
// APIs that both match a request.
func undocumented(x, y *hwmodel.API) string {
	switch {
	case x.ReqMethod != y.ReqMethod:
		return "Huawei's documentation does not say whether ANY or a named method takes it (ANY is likely the fallback)"
	case hasTemplates(x) || hasTemplates(y):
		return "Huawei's documentation does not say how {param} templates rank against other paths"
	}
	return "Huawei's documentation does not say which takes it"
}

// describeHW names an API's match for messages: GET SWA "/test".
func describeHW(a *hwmodel.API) string {
	return fmt.Sprintf("%s %s %q", a.ReqMethod, matchMode(a), a.ReqURI)
}

func witnessOf(o *conflicts.Overlap) string {
	return fmt.Sprintf("%s %s %s", o.Methods[0], o.Where[0].Domain, o.Path)
}

func relatedAPI(a *hwmodel.API) diag.Related {
	return diag.Related{Resource: a.Path(), Pos: a.PositionOf("/req_uri")}
}

// hwPair is two overlapping APIs and the environments they overlap in.
type hwPair struct {
	o    *conflicts.Overlap
	a, b *hwmodel.API
	envs []string
}

// overlapFindings merges the engine's overlaps by API pair (one per
// environment) and reports those that neither conflict nor shadow, on the
// API that does not take the requests both match: one by one, or as one
// finding for an API with more than conflicts.GroupAbove (whose count is
// "at least" when the engine stopped at its budget).
func overlapFindings(os []*conflicts.Overlap, info map[*model.Route]hwRoute, dup map[[2]*hwmodel.API]bool, stopped bool, out *[]diag.Finding) {
	var order []*hwPair
	pairs := map[[2]*hwmodel.API]*hwPair{}
	for _, o := range os {
		a, b := info[o.A].api, info[o.B].api
		if o.Shadowing || dup[[2]*hwmodel.API{a, b}] {
			continue
		}
		p := pairs[[2]*hwmodel.API{a, b}]
		if p == nil {
			p = &hwPair{o: o, a: a, b: b}
			pairs[[2]*hwmodel.API{a, b}], pairs[[2]*hwmodel.API{b, a}] = p, p
			order = append(order, p)
		}
		p.envs = validate.AppendOnce(p.envs, info[o.A].env)
	}
	var losers []*hwmodel.API
	byLoser := map[*hwmodel.API][]*hwPair{}
	for _, p := range order {
		loser, _ := p.sides()
		if byLoser[loser] == nil {
			losers = append(losers, loser)
		}
		byLoser[loser] = append(byLoser[loser], p)
	}
	for _, a := range losers {
		ps := byLoser[a]
		if len(ps) > conflicts.GroupAbove {
			*out = append(*out, hwOverlapsFinding(a, ps, stopped))
			continue
		}
		for _, p := range ps {
			*out = append(*out, hwOverlapFinding(p))
		}
	}
}

// sides returns the API of a pair that does not take the requests both
// match (the later one, when neither does), and the other one.
func (p *hwPair) sides() (loser, winner *hwmodel.API) {
	if hwOutranks(p.b, p.a) {
		return p.a, p.b
	}
	return p.b, p.a
}

// hwShown is how many of an API's grouped overlaps its one finding names.
const hwShown = 3

// hwOverlapsFinding is one finding for an API's many overlaps: their count
// and the first few, each with a request both match.
func hwOverlapsFinding(a *hwmodel.API, ps []*hwPair, stopped bool) diag.Finding {
	first := ps[:hwShown]
	examples, rel := make([]string, len(first)), make([]diag.Related, len(first))
	for i, p := range first {
		_, winner := p.sides()
		examples[i], rel[i] = hwOverlapExample(p, a, winner), relatedAPI(winner)
	}
	least := ""
	if stopped {
		least = "at least "
	}
	f := diag.Warnf(hwdiag.RuleHWAPIOverlap, a.Path(), a.PositionOf("/req_uri"), fmt.Sprintf(
		"API (%s) overlaps %s%s other APIs; the first %d: %s; and %s more: make their paths or methods disjoint, or narrow this API's path or method",
		describeHW(a), least, conflicts.Count(len(ps)), len(first), strings.Join(examples, "; "), conflicts.Count(len(ps)-len(first))))
	f.Related = rel
	if first[0].o.Err == nil {
		f.Witness = witnessOf(first[0].o)
	}
	return f
}

// hwOverlapExample says how loser and winner meet: `"b" (GET NORMAL "/a")
// in environment "RELEASE" takes GET g /a first (NORMAL before SWA)`.
func hwOverlapExample(p *hwPair, loser, winner *hwmodel.API) string {
	s := fmt.Sprintf("%q (%s) in %s ", winner.Name, describeHW(winner), envsWord(p.envs))
	switch {
	case p.o.Err != nil:
		return s + fmt.Sprintf("may also match its requests: gwsync could not decide (%v)", p.o.Err)
	case hwOutranks(winner, loser):
		return s + fmt.Sprintf("takes %s first (%s)", witnessOf(p.o), precedenceWhy(winner, loser))
	}
	return s + fmt.Sprintf("also matches %s, and %s", witnessOf(p.o), undocumented(winner, loser))
}

func hwOverlapFinding(p *hwPair) diag.Finding {
	loser, winner := p.sides()
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
	f := diag.Warnf(hwdiag.RuleHWAPIOverlap, loser.Path(), loser.PositionOf("/req_uri"), msg)
	f.Related, f.Witness = []diag.Related{relatedAPI(winner)}, w
	return f
}

// shadowFindings merges the engine's shadows by API (one per environment)
// and reports each.
func shadowFindings(ss []*conflicts.Shadow, info map[*model.Route]hwRoute, out *[]diag.Finding) {
	type merged struct {
		s    *conflicts.Shadow
		by   []*hwmodel.API
		envs []string
	}
	var order []*merged
	byAPI := map[*hwmodel.API]*merged{}
	for _, s := range ss {
		a := info[s.Route].api
		m := byAPI[a]
		if m == nil {
			m = &merged{s: s}
			byAPI[a] = m
			order = append(order, m)
		}
		m.envs = validate.AppendOnce(m.envs, info[s.Route].env)
		for _, r := range s.By {
			if x := info[r].api; !containsAPI(m.by, x) {
				m.by = append(m.by, x)
			}
		}
	}
	for _, m := range order {
		a := info[m.s.Route].api
		shown := firstAPIs(m.by, info[m.s.Via.A].api, info[m.s.Via.B].api)
		names, rel := make([]string, len(shown)), make([]diag.Related, len(shown))
		for i, x := range shown {
			names[i], rel[i] = x.Name, relatedAPI(x)
		}
		list := quoteList(names)
		if more := len(m.by) - len(shown); more > 0 {
			list = fmt.Sprintf("%s and %s more", strings.Join(quoted(names), ", "), conflicts.Count(more))
		}
		w := witnessOf(m.s.Via)
		msg := fmt.Sprintf("no request reaches this API (%s) in %s: every request it matches, e.g. %s, is taken first by %s (NORMAL before SWA, the longest SWA prefix first); remove the API or change its path",
			describeHW(a), envsWord(m.envs), w, apiWord(len(m.by))+" "+list)
		f := diag.Errorf(hwdiag.RuleHWAPIShadowed, a.Path(), a.PositionOf("/req_uri"), msg)
		f.Related, f.Witness = rel, w
		*out = append(*out, f)
	}
}

// firstAPIs returns the first conflicts.GroupAbove of the APIs in by, with
// the one of the witness's pair (x or y) in place of the last when it is
// not among them.
func firstAPIs(by []*hwmodel.API, x, y *hwmodel.API) []*hwmodel.API {
	if len(by) <= conflicts.GroupAbove {
		return by
	}
	shown := slices.Clone(by[:conflicts.GroupAbove])
	if !containsAPI(shown, x) && !containsAPI(shown, y) {
		via := x
		if !containsAPI(by, x) {
			via = y
		}
		shown[len(shown)-1] = via
	}
	return shown
}

func containsAPI(list []*hwmodel.API, a *hwmodel.API) bool {
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
