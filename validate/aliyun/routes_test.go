package aliyun_test

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestRouteName(t *testing.T) {
	t.Parallel()
	name64 := strings.Repeat("a", 64)
	name65 := strings.Repeat("b", 65)
	validatetest.Run(t, []validatetest.Case{
		{Name: "lowercase letters digits dash and dot are fine", Src: validatetest.RouteSrc("orders-v2.export", "/a")},
		{Name: "64 characters are fine", Src: validatetest.RouteSrc(name64, "/a")},
		{Name: "65 characters", Src: validatetest.RouteSrc(name65, "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1, Msg: "is 65 characters long (at most 64)"},
		}},
		{Name: "65 characters suggests a name cut to 64", Src: validatetest.RouteSrc(name65, "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1, Msg: `e.g. "` + name65[:64] + `"`},
		}},
		{Name: "uppercase and underscore suggest a lowercase dashed name", Src: validatetest.RouteSrc("Orders_Route", "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1, Msg: `e.g. "orders-route"`},
		}},
		{Name: "bad characters are each named once", Src: validatetest.RouteSrc("a_b_c", "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1, Msg: `characters APIG does not allow ('_')`},
		}},
		{Name: "space", Src: validatetest.RouteSrc("orders route", "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1, Msg: "rename it using only lowercase letters"},
		}},
		{Name: "non-ASCII letter", Src: validatetest.RouteSrc("bestellungen-ü", "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1},
		}},
		{Name: "too long and bad characters in one finding", Src: validatetest.RouteSrc(strings.Repeat("X", 65), "/a"), Want: []validatetest.Want{
			{Rule: "route-name", Line: 1, Msg: "is 65 characters long (at most 64) and has"},
		}},
	})
}

func TestDuplicateName(t *testing.T) {
	t.Parallel()
	validatetest.Run(t, []validatetest.Case{
		{Name: "same route name in two APIs", Src: `
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
`, Want: []validatetest.Want{
			{Rule: "duplicate-name", Line: 7, Related: 1, Msg: `already used in HTTP API "a-api"`},
		}},
		{Name: "a base route name reused in another API", Src: `
httpApis: "z-api": routes: "orders-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/z"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "duplicate-name", Line: 1, Related: validatetest.InBase(validatetest.BaseOrdersRouteLine), Msg: "rename one of them"},
		}},
		{Name: "three uses give two findings related to the first", Src: `
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
`, Want: []validatetest.Want{
			{Rule: "duplicate-name", Line: 8, Related: 2},
			{Rule: "duplicate-name", Line: 14, Related: 2},
		}},
		{Name: "different names in two APIs are fine", Src: `
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
	validatetest.Run(t, []validatetest.Case{
		{Name: "one service is fine", Src: validatetest.RouteSrc("one", "/a")},
		{Name: "two services", Src: `
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
`, Want: []validatetest.Want{
			{Rule: "single-service-backend", Line: 6, Msg: "use scene MultiServiceByRatio"},
		}},
		{Name: "empty services list", Src: `
httpApis: "orders-http-api": routes: "none": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: []}
}
`, Want: []validatetest.Want{
			{Rule: "single-service-backend", Line: 5, Msg: "not 0"},
		}},
		{Name: "services omitted", Src: `
httpApis: "orders-http-api": routes: "none": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: scene: "SingleService"
}
`, Want: []validatetest.Want{
			{Rule: "single-service-backend", Line: 5},
		}},
		{Name: "Mock takes no service", Src: `
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
	validatetest.Run(t, []validatetest.Case{
		{Name: "weights summing to 100 are fine",
			Src: ratio(`{service: "orders-backend", weight: 60}, {service: "other-backend", weight: 40}`)},
		{Name: "one service weighing 100 is fine",
			Src: ratio(`{service: "orders-backend", weight: 100}`)},
		{Name: "weights summing to 90",
			Src:  ratio(`{service: "orders-backend", weight: 50}, {service: "other-backend", weight: 40}`),
			Want: []validatetest.Want{{Rule: "backend-weights", Line: 6, Msg: "sum to 90 (orders-backend=50, other-backend=40), not 100"}}},
		{Name: "weights summing to 110",
			Src:  ratio(`{service: "orders-backend", weight: 60}, {service: "other-backend", weight: 50}`),
			Want: []validatetest.Want{{Rule: "backend-weights", Line: 6, Msg: "adjust the weights"}}},
		{Name: "an omitted weight counts as 0",
			Src:  ratio(`{service: "orders-backend", weight: 50}, {service: "other-backend"}`),
			Want: []validatetest.Want{{Rule: "backend-weights", Line: 6, Msg: "other-backend=0"}}},
		{Name: "all weights 0",
			Src:  ratio(`{service: "orders-backend", weight: 0}, {service: "other-backend", weight: 0}`),
			Want: []validatetest.Want{{Rule: "backend-weights", Line: 6, Msg: "sum to 0"}}},
		{Name: "no services",
			Src:  ratio(``),
			Want: []validatetest.Want{{Rule: "backend-weights", Line: 6, Msg: "has no services"}}},
		{Name: "weights are not checked for SingleService", Src: `
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
	validatetest.Run(t, []validatetest.Case{
		{Name: "domain and environment are fine", Src: validatetest.RouteSrc("ok", "/a")},
		{Name: "no domains field", Src: `
httpApis: "orders-http-api": routes: "nodomain": {
	environment: "prod"
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "route-undeployable", Line: 1, Msg: `add domains: ["<domain>"]`},
		}},
		{Name: "empty domains list", Src: `
httpApis: "orders-http-api": routes: "nodomain": {
	environment: "prod"
	domains: []
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "route-undeployable", Line: 1, Msg: "no domain"},
		}},
		{Name: "no environment suggests the only one", Src: `
httpApis: "orders-http-api": routes: "noenv": {
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "route-undeployable", Line: 1, Msg: `add environment: "prod"`},
		}},
		{Name: "no environment among several names none", Src: `
environments: staging: {}
httpApis: "orders-http-api": routes: "noenv": {
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "route-undeployable", Line: 2, Msg: `add environment: "<name>"`},
		}},
		{Name: "neither domain nor environment gives two findings", Src: `
httpApis: "orders-http-api": routes: "bare": {
	match: path: {type: "Exact", value: "/a"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "route-undeployable", Line: 1, Msg: "no domain"},
			{Rule: "route-undeployable", Line: 1, Msg: "no environment"},
		}},
	})
}
