package aliyun_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

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
	validatetest.Run(t, []validatetest.Case{
		{Name: "same path, method, domain and environment", Src: twoRoutes(getDup, getDup, "api.example.com"), Want: []validatetest.Want{
			{Rule: "route-conflict", Line: 10, Related: 4, Witness: "GET api.example.com /dup", Msg: "change the path, the methods or the domains"},
		}},
		{Name: "no methods means every method", Src: twoRoutes(anyDup, postDup, "api.example.com"), Want: []validatetest.Want{
			{Rule: "route-conflict", Line: 10, Related: 4, Witness: "POST api.example.com /dup"},
		}},
		{Name: "disjoint methods are fine", Src: twoRoutes(getDup, postDup, "api.example.com")},
		{Name: "different domains are fine", Src: twoRoutes(getDup, getDup, "secure.example.com")},
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
	validatetest.Run(t, []validatetest.Case{
		{Name: "a query string in a path regex", Src: lookup(`{type: "Regex", value: #"/lookup\?id=[0-9]+"#}`), Want: []validatetest.Want{
			{Rule: "route-shadowed", Line: 4, Msg: "its path matches no request path at all"},
		}},
		{Name: "a character that is not percent-encoded", Src: lookup(`{type: "Exact", value: "/café"}`), Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: "write it percent-encoded, %C3%A9"}, // checkPaths, once
		}},
		{Name: "a regex that only matches what no request carries", Src: lookup(`{type: "Regex", value: "/café"}`), Want: []validatetest.Want{
			{Rule: "route-shadowed", Line: 4, Msg: "any other character percent-encoded"},
		}},
		{Name: "the same path percent-encoded", Src: lookup(`{type: "Exact", value: "/caf%C3%A9"}`)},
		{Name: "a regex of request paths", Src: lookup(`{type: "Regex", value: "/lookup/[0-9]+"}`)},
	})
}
