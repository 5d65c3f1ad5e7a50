package huawei

import (
	"cmp"
	"slices"
	"strings"
)

// Route is one published API as the data plane matches it.
type Route struct {
	APIID, Name, GroupID, EnvID string
	Method                      string // upper case; ANY matches every method
	Path                        string // req_uri, with {p} and {p+} segments
	Mode                        string // NORMAL (exact) or SWA (prefix on segment boundaries)
	Spec                        map[string]any
}

// Match is a route that takes a request, with what it bound.
type Match struct {
	Route  *Route
	Params map[string]string // path parameters by name
	Rest   string            // for SWA, the path after the matched prefix ("" or "/...")
}

// segments splits a path into its segments, dropping the empty ones of
// leading, trailing and doubled slashes.
func segments(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// matchPath matches a request path against a route path: a literal
// segment matches itself (case-sensitively), {p} matches any one segment,
// {p+} the rest of the path (one segment or more). NORMAL needs the whole
// path, SWA a prefix of whole segments.
func matchPath(route, mode, path string) (map[string]string, string, bool) {
	rs, ps := segments(route), segments(path)
	params := map[string]string{}
	for i, r := range rs {
		name, greedy, isParam := paramOf(r)
		switch {
		case isParam && greedy:
			if i >= len(ps) {
				return nil, "", false
			}
			params[name] = strings.Join(ps[i:], "/")
			return params, "", true
		case i >= len(ps):
			return nil, "", false
		case isParam:
			params[name] = ps[i]
		case r != ps[i]:
			return nil, "", false
		}
	}
	if len(ps) == len(rs) {
		return params, "", true
	}
	if mode != "SWA" {
		return nil, "", false
	}
	return params, "/" + strings.Join(ps[len(rs):], "/"), true
}

// paramOf reads a {name} or {name+} segment.
func paramOf(seg string) (name string, greedy, ok bool) {
	if len(seg) < 2 || seg[0] != '{' || seg[len(seg)-1] != '}' {
		return "", false, false
	}
	name = seg[1 : len(seg)-1]
	if n, found := strings.CutSuffix(name, "+"); found {
		return n, true, true
	}
	return name, false, true
}

// literals counts a route path's literal segments, for precedence.
func literals(route string) int {
	n := 0
	for _, s := range segments(route) {
		if _, _, isParam := paramOf(s); !isParam {
			n++
		}
	}
	return n
}

// precedence orders routes as the gateway tries them: NORMAL before SWA,
// a longer path (more segments) first, more literal segments first, a
// specific method before ANY, then by name and ID. The order among equal
// routes, and of ANY against a specific method, is the emulator's choice
// (fact sheet §17.5).
func precedence(a, b *Route) int {
	return cmp.Or(
		cmp.Compare(modeRank(a.Mode), modeRank(b.Mode)),
		cmp.Compare(len(segments(b.Path)), len(segments(a.Path))),
		cmp.Compare(literals(b.Path), literals(a.Path)),
		cmp.Compare(methodRank(a.Method), methodRank(b.Method)),
		strings.Compare(a.Name, b.Name),
		strings.Compare(a.APIID, b.APIID),
	)
}

func modeRank(m string) int {
	if m == "SWA" {
		return 1
	}
	return 0
}

func methodRank(m string) int {
	if m == "ANY" {
		return 1
	}
	return 0
}

// MatchRoute returns the route among routes (of one environment) that takes
// method and path, by the precedence above.
func MatchRoute(routes []*Route, method, path string) (*Match, bool) {
	sorted := slices.Clone(routes)
	slices.SortFunc(sorted, precedence)
	for _, r := range sorted {
		if r.Method != "ANY" && !strings.EqualFold(r.Method, method) {
			continue
		}
		if params, rest, ok := matchPath(r.Path, r.Mode, path); ok {
			return &Match{Route: r, Params: params, Rest: rest}, true
		}
	}
	return nil, false
}
