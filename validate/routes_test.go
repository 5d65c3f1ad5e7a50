package validate_test

import (
	"strings"
	"testing"
)

// routeSrc is a snippet declaring one valid route named name in
// orders-http-api, on its own exact path; the route's label is on line 1.
func routeSrc(name, path string) string {
	return `
httpApis: "orders-http-api": routes: "` + name + `": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "` + path + `"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`
}

func TestRouteName(t *testing.T) {
	t.Parallel()
	name64 := strings.Repeat("a", 64)
	name65 := strings.Repeat("b", 65)
	runCases(t, []tcase{
		{name: "lowercase letters digits dash and dot are fine", src: routeSrc("orders-v2.export", "/a")},
		{name: "64 characters are fine", src: routeSrc(name64, "/a")},
		{name: "65 characters", src: routeSrc(name65, "/a"), want: []want{
			{rule: "route-name", line: 1, msg: "is 65 characters long (at most 64)"},
		}},
		{name: "65 characters suggests a name cut to 64", src: routeSrc(name65, "/a"), want: []want{
			{rule: "route-name", line: 1, msg: `e.g. "` + name65[:64] + `"`},
		}},
		{name: "uppercase and underscore suggest a lowercase dashed name", src: routeSrc("Orders_Route", "/a"), want: []want{
			{rule: "route-name", line: 1, msg: `e.g. "orders-route"`},
		}},
		{name: "bad characters are each named once", src: routeSrc("a_b_c", "/a"), want: []want{
			{rule: "route-name", line: 1, msg: `characters APIG does not allow ('_')`},
		}},
		{name: "space", src: routeSrc("orders route", "/a"), want: []want{
			{rule: "route-name", line: 1, msg: "rename it using only lowercase letters"},
		}},
		{name: "non-ASCII letter", src: routeSrc("bestellungen-ü", "/a"), want: []want{
			{rule: "route-name", line: 1},
		}},
		{name: "too long and bad characters in one finding", src: routeSrc(strings.Repeat("X", 65), "/a"), want: []want{
			{rule: "route-name", line: 1, msg: "is 65 characters long (at most 64) and has"},
		}},
	})
}

func TestDuplicateName(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "same route name in two APIs", src: `
httpApis: "a-api": routes: "dup-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
httpApis: "b-api": routes: "dup-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/b"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "duplicate-name", line: 7, related: 1, msg: `already used in HTTP API "a-api"`},
		}},
		{name: "a base route name reused in another API", src: `
httpApis: "z-api": routes: "orders-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/z"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "duplicate-name", line: 1, related: inBase(baseOrdersRouteLine), msg: "rename one of them"},
		}},
		{name: "three uses give two findings related to the first", src: `
httpApis: {
	"a-api": routes: "dup-route": {
		environment: "prod"
		domains: ["api.example.com"]
		match: path: {type: "Exact", value: "/a"}
		backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	}
	"b-api": routes: "dup-route": {
		environment: "prod"
		domains: ["api.example.com"]
		match: path: {type: "Exact", value: "/b"}
		backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	}
	"c-api": routes: "dup-route": {
		environment: "prod"
		domains: ["api.example.com"]
		match: path: {type: "Exact", value: "/c"}
		backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	}
}
`, want: []want{
			{rule: "duplicate-name", line: 8, related: 2},
			{rule: "duplicate-name", line: 14, related: 2},
		}},
		{name: "different names in two APIs are fine", src: `
httpApis: "a-api": routes: "a-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
httpApis: "b-api": routes: "b-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/b"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`},
	})
}

func TestSingleServiceBackend(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "one service is fine", src: routeSrc("one", "/a")},
		{name: "two services", src: `
services: "other-backend": {sourceType: "DNS", addresses: ["other.internal:80"]}
httpApis: "orders-http-api": routes: "two": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {
		scene: "SingleService"
		services: [{service: "orders-backend"}, {service: "other-backend"}]
	}
}
`, want: []want{
			{rule: "single-service-backend", line: 6, msg: "use scene MultiServiceByRatio"},
		}},
		{name: "empty services list", src: `
httpApis: "orders-http-api": routes: "none": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: []}
}
`, want: []want{
			{rule: "single-service-backend", line: 5, msg: "not 0"},
		}},
		{name: "services omitted", src: `
httpApis: "orders-http-api": routes: "none": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: scene: "SingleService"
}
`, want: []want{
			{rule: "single-service-backend", line: 5},
		}},
		{name: "Mock takes no service", src: `
httpApis: "orders-http-api": routes: "mock": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: scene: "Mock"
}
`},
	})
}

func TestBackendWeights(t *testing.T) {
	t.Parallel()
	// ratio renders a route with a MultiServiceByRatio backend over the
	// given services entries; the backend is on line 6.
	ratio := func(services string) string {
		return `
services: "other-backend": {sourceType: "DNS", addresses: ["other.internal:80"]}
httpApis: "orders-http-api": routes: "split": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {
		scene: "MultiServiceByRatio"
		services: [` + services + `]
	}
}
`
	}
	runCases(t, []tcase{
		{name: "weights summing to 100 are fine",
			src: ratio(`{service: "orders-backend", weight: 60}, {service: "other-backend", weight: 40}`)},
		{name: "one service weighing 100 is fine",
			src: ratio(`{service: "orders-backend", weight: 100}`)},
		{name: "weights summing to 90",
			src:  ratio(`{service: "orders-backend", weight: 50}, {service: "other-backend", weight: 40}`),
			want: []want{{rule: "backend-weights", line: 6, msg: "sum to 90 (orders-backend=50, other-backend=40), not 100"}}},
		{name: "weights summing to 110",
			src:  ratio(`{service: "orders-backend", weight: 60}, {service: "other-backend", weight: 50}`),
			want: []want{{rule: "backend-weights", line: 6, msg: "adjust the weights"}}},
		{name: "an omitted weight counts as 0",
			src:  ratio(`{service: "orders-backend", weight: 50}, {service: "other-backend"}`),
			want: []want{{rule: "backend-weights", line: 6, msg: "other-backend=0"}}},
		{name: "all weights 0",
			src:  ratio(`{service: "orders-backend", weight: 0}, {service: "other-backend", weight: 0}`),
			want: []want{{rule: "backend-weights", line: 6, msg: "sum to 0"}}},
		{name: "no services",
			src:  ratio(``),
			want: []want{{rule: "backend-weights", line: 6, msg: "has no services"}}},
		{name: "weights are not checked for SingleService", src: `
httpApis: "orders-http-api": routes: "single": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend", weight: 30}]}
}
`},
	})
}

func TestRouteUndeployable(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "domain and environment are fine", src: routeSrc("ok", "/a")},
		{name: "no domains field", src: `
httpApis: "orders-http-api": routes: "nodomain": {
	environment: "prod"
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "route-undeployable", line: 1, msg: `add domains: ["<domain>"]`},
		}},
		{name: "empty domains list", src: `
httpApis: "orders-http-api": routes: "nodomain": {
	environment: "prod"
	domains: []
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "route-undeployable", line: 1, msg: "no domain"},
		}},
		{name: "no environment suggests the only one", src: `
httpApis: "orders-http-api": routes: "noenv": {
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "route-undeployable", line: 1, msg: `add environment: "prod"`},
		}},
		{name: "no environment among several names none", src: `
environments: staging: {}
httpApis: "orders-http-api": routes: "noenv": {
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "route-undeployable", line: 2, msg: `add environment: "<name>"`},
		}},
		{name: "neither domain nor environment gives two findings", src: `
httpApis: "orders-http-api": routes: "bare": {
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "route-undeployable", line: 1, msg: "no domain"},
			{rule: "route-undeployable", line: 1, msg: "no environment"},
		}},
	})
}
