package synth

import (
	"regexp"
	"slices"
)

// genRoute builds route i, which belongs to HTTP API a.
//
// Every path a route matches starts with its own base "/<api>/r<i>/": the
// route index ends in "/", so no base is a string prefix of another, and
// no two routes, whatever their path types, domains or environments, match
// the same request.
func genRoute(c Config, a, i int) route {
	r := newRNG(c.Seed, i)
	word := words[r.intn(len(words))]
	id := padded("r", i, c.Routes)
	rt := route{
		name:    id + "-" + word,
		env:     envName(r.intn(c.Environments)),
		domains: pickDomains(c, r, a),
		methods: pickMethods(r),
	}
	rt.pathType, rt.path = pickPath(r, "/"+apiName(c, a)+"/"+id+"/", word)
	rt.scene, rt.backends = pickBackend(c, r)
	rt.policies = pickPolicies(c, r)
	return rt
}

// pickDomains serves a route on its API's home domain and, one time in
// four, on a second domain.
func pickDomains(c Config, r *rng, a int) []string {
	home := a % c.Domains
	ds := []int{home}
	if c.Domains > 1 && r.chance(1, 4) {
		ds = append(ds, (home+1+r.intn(c.Domains-1))%c.Domains)
		slices.Sort(ds)
	}
	out := make([]string, len(ds))
	for k, d := range ds {
		out[k] = domainName(c, d)
	}
	return out
}

// pickMethods returns a non-empty subset of GET, POST, PUT and DELETE,
// sorted.
func pickMethods(r *rng) []string {
	mask := 1 + r.intn(1<<len(methods)-1)
	var out []string
	for k, m := range methods {
		if mask&(1<<k) != 0 {
			out = append(out, m)
		}
	}
	return out
}

// pickPath returns a path under base: a Prefix or an Exact path nine times
// in twenty each, else a Regex anchored on base.
func pickPath(r *rng, base, word string) (typ, value string) {
	switch n := r.intn(20); {
	case n < 9:
		return "Prefix", base + word + "/"
	case n < 18:
		return "Exact", base + word
	default:
		return "Regex", "^" + regexp.QuoteMeta(base) + "v[0-9]+/" + word + "$"
	}
}

// pickBackend returns one service, or, three times in twenty when there
// are two services to choose from, two services splitting traffic by
// weights that sum to 100.
func pickBackend(c Config, r *rng) (string, []backend) {
	s := r.intn(c.Services)
	if c.Services < 2 || !r.chance(3, 20) {
		return "SingleService", []backend{{service: serviceName(c, s)}}
	}
	other := (s + 1 + r.intn(c.Services-1)) % c.Services
	w := 10 * (1 + r.intn(9))
	return "MultiServiceByRatio", []backend{
		{service: serviceName(c, s), weight: w},
		{service: serviceName(c, other), weight: 100 - w},
	}
}

// pickPolicies attaches, to four routes in ten, a route IP whitelist, a
// Timeout or both; never two policies of one className.
func pickPolicies(c Config, r *rng) []string {
	x := r.intn(10)
	var out []string
	if n := policyCount(c, routeIPKind); n > 0 && x < 3 {
		out = append(out, policyName(c, routeIPKind, r.intn(n)))
	}
	if n := policyCount(c, timeoutKind); n > 0 && (x < 2 || x == 3) {
		out = append(out, policyName(c, timeoutKind, r.intn(n)))
	}
	return out
}
