package synth

import (
	"fmt"
	"strconv"
)

// Policy kinds; policy j of a Config is of kind j mod numKinds.
const (
	timeoutKind  = iota // a Timeout, attached to routes
	routeIPKind         // an IpAccessControl whitelist, attached to routes
	domainIPKind        // an IpAccessControl whitelist, attached to domains
	numKinds
)

var kindNames = [numKinds]string{"timeout", "route-ip-whitelist", "domain-ip-whitelist"}

// methods in the order routes list them (sorted).
var methods = []string{"DELETE", "GET", "POST", "PUT"}

// words name the resource a route serves; they only add variety.
var words = []string{"items", "orders", "users", "carts", "payments", "invoices", "reports", "events"}

// route is one generated route.
type route struct {
	name     string
	env      string
	domains  []string
	pathType string
	path     string
	methods  []string
	scene    string
	backends []backend
	policies []string
}

// backend is one service behind a route; weight 0 means not written.
type backend struct {
	service string
	weight  int
}

// padded returns prefix followed by i, zero-padded to the width of n-1, so
// names sort in index order.
func padded(prefix string, i, n int) string {
	w := len(strconv.Itoa(max(n-1, 0)))
	return fmt.Sprintf("%s%0*d", prefix, w, i)
}

func apiName(c Config, a int) string     { return padded("api-", a, c.APIs) }
func serviceName(c Config, s int) string { return padded("svc-", s, c.Services) }
func domainName(c Config, d int) string  { return padded("d", d, c.Domains) + ".synth.example.com" }

func envName(e int) string {
	if e == 0 {
		return "prod"
	}
	return "env" + strconv.Itoa(e)
}

// policyCount returns how many of the c.Policies policies are of kind k
// (policy j is of kind j mod numKinds).
func policyCount(c Config, k int) int {
	if c.Policies <= k {
		return 0
	}
	return (c.Policies-k-1)/numKinds + 1
}

// policyName returns the name of the n-th policy of kind k.
func policyName(c Config, k, n int) string {
	return padded(kindNames[k]+"-", n, policyCount(c, k))
}

// span returns the half-open range of items [lo, hi) that part k of n gets
// when total items are cut into n equal runs.
func span(k, n, total int) (lo, hi int) {
	return k * total / n, (k + 1) * total / n
}
