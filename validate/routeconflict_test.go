package validate_test

import "testing"

// TestRouteConflictExact covers only routes that match exactly the same
// requests; overlap detection (route-overlap, route-shadowed) is being
// rewritten and is tested with it.
func TestRouteConflictExact(t *testing.T) {
	t.Parallel()
	// twoRoutes declares dup-a and dup-b in orders-http-api with the given
	// match lines; dup-a's match starts on line 4 and dup-b's on line 10.
	twoRoutes := func(matchA, matchB, domainB string) string {
		return `
httpApis: "orders-http-api": routes: {
	"dup-a": {
		environment: "prod"
		match: ` + matchA + `
		domains: ["api.example.com"]
		backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	}
	"dup-b": {
		environment: "prod"
		match: ` + matchB + `
		domains: ["` + domainB + `"]
		backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	}
}
`
	}
	const (
		getDup  = `{path: {type: "Exact", value: "/dup"}, methods: ["GET"]}`
		postDup = `{path: {type: "Exact", value: "/dup"}, methods: ["POST"]}`
		anyDup  = `{path: {type: "Exact", value: "/dup"}}`
	)
	runCases(t, []tcase{
		{name: "same path, method, domain and environment", src: twoRoutes(getDup, getDup, "api.example.com"), want: []want{
			{rule: "route-conflict", line: 10, related: 4, witness: "GET api.example.com /dup", msg: "change the path, the methods or the domains"},
		}},
		{name: "no methods means every method", src: twoRoutes(anyDup, postDup, "api.example.com"), want: []want{
			{rule: "route-conflict", line: 10, related: 4, witness: "POST api.example.com /dup"},
		}},
		{name: "disjoint methods are fine", src: twoRoutes(getDup, postDup, "api.example.com")},
		{name: "different domains are fine", src: twoRoutes(getDup, getDup, "secure.example.com")},
	})
}
