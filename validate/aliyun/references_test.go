package aliyun_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

// refRouteSrc declares a route in orders-http-api whose environment, domain,
// backend service and policy are the given names, each on its own line:
// environment on line 2, domain on 3, service on 5, policy on 6.
func refRouteSrc(env, domain, service, policy string) string {
	return `
httpApis: "orders-http-api": routes: "ref-route": {
	environment: "` + env + `"
	domains: ["` + domain + `"]
	match: path: {type: "Exact", value: "/ref"}
	backend: {scene: "SingleService", services: [{service: "` + service + `"}]}
	policies: ["` + policy + `"]
}
`
}

func TestReference(t *testing.T) {
	t.Parallel()
	const (
		env, dom, svc, pol = "prod", "api.example.com", "orders-backend", "orders-timeout"
	)
	validatetest.Run(t, []validatetest.Case{
		{Name: "declared names are fine", Src: refRouteSrc(env, dom, svc, pol)},
		{Name: "route environment typo", Src: refRouteSrc("prd", dom, svc, pol), Want: []validatetest.Want{
			{Rule: "reference", Line: 2, Msg: `environment "prd" is not declared in environments; did you mean "prod"?`},
		}},
		{Name: "route environment with no close match lists the declared", Src: refRouteSrc("staging", dom, svc, pol), Want: []validatetest.Want{
			{Rule: "reference", Line: 2, Msg: `declare it or use one of: "prod"`},
		}},
		{Name: "route domain typo", Src: refRouteSrc(env, "api.exmple.com", svc, pol), Want: []validatetest.Want{
			{Rule: "reference", Line: 3, Msg: `did you mean "api.example.com"?`},
		}},
		{Name: "route domain with no close match lists the declared sorted", Src: refRouteSrc(env, "shop.test", svc, pol), Want: []validatetest.Want{
			{Rule: "reference", Line: 3, Msg: `one of: "api.example.com", "secure.example.com"`},
		}},
		{Name: "backend service typo", Src: refRouteSrc(env, dom, "orders-backnd", pol), Want: []validatetest.Want{
			{Rule: "reference", Line: 5, Msg: `backend service "orders-backnd" is not declared in services; did you mean "orders-backend"?`},
		}},
		{Name: "backend service with no close match", Src: refRouteSrc(env, dom, "payments", pol), Want: []validatetest.Want{
			{Rule: "reference", Line: 5, Msg: `declare it or use one of: "orders-backend"`},
		}},
		{Name: "route policy typo", Src: refRouteSrc(env, dom, svc, "orders-timeuot"), Want: []validatetest.Want{
			{Rule: "reference", Line: 6, Msg: `did you mean "orders-timeout"?`},
		}},
		{Name: "route policy with no close match", Src: refRouteSrc(env, dom, svc, "rate-limit"), Want: []validatetest.Want{
			{Rule: "reference", Line: 6, Msg: `one of: "domain-ip-whitelist", "orders-timeout"`},
		}},
		{Name: "every undeclared name of a route", Src: refRouteSrc("qa", "x.test", "y", "z"), Want: []validatetest.Want{
			{Rule: "reference", Line: 2},
			{Rule: "reference", Line: 3},
			{Rule: "reference", Line: 5},
			{Rule: "reference", Line: 6},
		}},
		{Name: "domain policy", Src: `
domains: "shop.example.com": {
	protocol: "HTTP"
	policies: ["domain-ip-whitelst"]
}
`, Want: []validatetest.Want{
			{Rule: "reference", Line: 3, Msg: `did you mean "domain-ip-whitelist"?`},
		}},
		{Name: "HTTP API policy", Src: `
httpApis: "other-api": policies: ["nope"]
`, Want: []validatetest.Want{
			{Rule: "reference", Line: 1, Msg: `policy "nope" is not declared in policies`},
		}},
		{Name: "each element of a policies list at its line", Src: `
httpApis: "other-api": policies: [
	"missing-one",
	"missing-two",
]
`, Want: []validatetest.Want{
			{Rule: "reference", Line: 2, Msg: `"missing-one"`},
			{Rule: "reference", Line: 3, Msg: `"missing-two"`},
		}},
		{Name: "more than five declared are cut short", Src: `
services: {
	"svc-1": {sourceType: "DNS", addresses: ["s1.internal:80"]}
	"svc-2": {sourceType: "DNS", addresses: ["s2.internal:80"]}
	"svc-3": {sourceType: "DNS", addresses: ["s3.internal:80"]}
	"svc-4": {sourceType: "DNS", addresses: ["s4.internal:80"]}
	"svc-5": {sourceType: "DNS", addresses: ["s5.internal:80"]}
}
httpApis: "orders-http-api": routes: "ref-route": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/ref"}
	backend: {scene: "SingleService", services: [{service: "payments-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "reference", Line: 12, Msg: `"orders-backend", "svc-1", "svc-2", "svc-3", "svc-4", ...`},
		}},
		{Name: "none declared", Whole: true, Src: `
package gateway

gateway: provider: "aliyun"
domains: "api.example.com": {
	protocol: "HTTP"
	policies: ["ip-whitelist"]
}
`, Want: []validatetest.Want{
			{Rule: "reference", Line: 6, Msg: "none is declared yet: declare it"},
		}},
	})
}
