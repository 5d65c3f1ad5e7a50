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

// A route whose path matches no request path (one starts with "/" and
// holds only RFC 3986 path characters) can never serve: route-shadowed on
// its own, with no witness and no other route.
func TestRouteMatchesNoRequestPath(t *testing.T) {
	t.Parallel()
	// lookup declares a route whose match is on line 4.
	lookup := func(path string) string {
		return `
httpApis: "orders-http-api": routes: "lookup": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: ` + path + `
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`
	}
	runCases(t, []tcase{
		{name: "a query string in a path regex", src: lookup(`{type: "Regex", value: #"/lookup\?id=[0-9]+"#}`), want: []want{
			{rule: "route-shadowed", line: 4, msg: "its path matches no request path at all"},
		}},
		{name: "a character that is not percent-encoded", src: lookup(`{type: "Exact", value: "/café"}`), want: []want{
			{rule: "schema", line: 4, msg: "write it percent-encoded, %C3%A9"}, // checkPaths, once
		}},
		{name: "a regex that only matches what no request carries", src: lookup(`{type: "Regex", value: "/café"}`), want: []want{
			{rule: "route-shadowed", line: 4, msg: "any other character percent-encoded"},
		}},
		{name: "the same path percent-encoded", src: lookup(`{type: "Exact", value: "/caf%C3%A9"}`)},
		{name: "a regex of request paths", src: lookup(`{type: "Regex", value: "/lookup/[0-9]+"}`)},
	})
}
