package conflicts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Routes finds routes that match the same requests. Routes are grouped by
// (environment, domain, path type, path value) so only routes that can meet
// are compared.
func Routes(routes []*model.Route) []diag.Finding {
	groups := map[string][]*model.Route{}
	var keys []string
	for _, r := range routes {
		for _, dom := range r.Domains {
			k := exactKey(r, dom.Name)
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], r)
		}
	}
	var out []diag.Finding
	for _, k := range keys {
		out = append(out, exactConflicts(groups[k], domainOf(k))...)
	}
	return out
}

// exactKey groups routes whose paths are the same set of paths.
func exactKey(r *model.Route, domain string) string {
	v := r.Match.Path.Value
	if r.Match.IgnoreURICase {
		v = strings.ToLower(v)
	}
	return strings.Join([]string{r.Environment.Name, domain, r.Match.Path.Type, fmt.Sprint(r.Match.IgnoreURICase), v}, "\x00")
}

func domainOf(key string) string { return strings.Split(key, "\x00")[1] }

// exactConflicts reports each pair in a group that shares a method and is
// not told apart by header or query conditions.
func exactConflicts(group []*model.Route, domain string) []diag.Finding {
	var out []diag.Finding
	for i, a := range group {
		for _, b := range group[i+1:] {
			m, shared := sharedMethod(a.Match.Methods, b.Match.Methods)
			if !shared || !sameConditions(a.Match, b.Match) || a == b {
				continue
			}
			out = append(out, conflict(b, a, m, domain))
		}
	}
	return out
}

func conflict(r, other *model.Route, method, domain string) diag.Finding {
	msg := fmt.Sprintf("route matches exactly the same requests as route %q (%s %q on %s in environment %q); APIG rejects the deploy (Conflict.ApiPublishDuplicatedPathFound): change the path, the methods or the domains of one of them",
		other.Name, r.Match.Path.Type, r.Match.Path.Value, domain, r.Environment.Name)
	f := diag.Errorf(diag.RuleRouteConflict, r.Path(), r.Match.Path.Pos, msg)
	f.Related = []diag.Related{{Resource: other.Path(), Pos: other.Match.Path.Pos}}
	if r.Match.Path.Type != model.PathRegex {
		f.Witness = method + " " + domain + " " + r.Match.Path.Value
	}
	return f
}

// allMethods is what an empty methods list means.
var allMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"}

// sharedMethod returns a method both lists take (no methods = every method).
func sharedMethod(a, b []string) (string, bool) {
	if len(a) == 0 {
		a = allMethods
	}
	if len(b) == 0 {
		b = allMethods
	}
	for _, m := range allMethods {
		if slices.Contains(a, m) && slices.Contains(b, m) {
			return m, true
		}
	}
	return "", false
}

// sameConditions reports whether two matches carry the same header and
// query conditions (in any order).
func sameConditions(a, b model.Match) bool {
	return sameSet(a.Headers, b.Headers) && sameSet(a.QueryParams, b.QueryParams)
}

func sameSet(a, b []model.Condition) bool {
	key := func(c model.Condition) string { return c.Name + "\x00" + c.Type + "\x00" + c.Value }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, c := range a {
		ka[i] = key(c)
	}
	for i, c := range b {
		kb[i] = key(c)
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(slices.Compact(ka), slices.Compact(kb))
}
