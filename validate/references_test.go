package validate_test

import "testing"

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
	runCases(t, []tcase{
		{name: "declared names are fine", src: refRouteSrc(env, dom, svc, pol)},
		{name: "route environment typo", src: refRouteSrc("prd", dom, svc, pol), want: []want{
			{rule: "reference", line: 2, msg: `environment "prd" is not declared in environments; did you mean "prod"?`},
		}},
		{name: "route environment with no close match lists the declared", src: refRouteSrc("staging", dom, svc, pol), want: []want{
			{rule: "reference", line: 2, msg: `declare it or use one of: "prod"`},
		}},
		{name: "route domain typo", src: refRouteSrc(env, "api.exmple.com", svc, pol), want: []want{
			{rule: "reference", line: 3, msg: `did you mean "api.example.com"?`},
		}},
		{name: "route domain with no close match lists the declared sorted", src: refRouteSrc(env, "shop.test", svc, pol), want: []want{
			{rule: "reference", line: 3, msg: `one of: "api.example.com", "secure.example.com"`},
		}},
		{name: "backend service typo", src: refRouteSrc(env, dom, "orders-backnd", pol), want: []want{
			{rule: "reference", line: 5, msg: `backend service "orders-backnd" is not declared in services; did you mean "orders-backend"?`},
		}},
		{name: "backend service with no close match", src: refRouteSrc(env, dom, "payments", pol), want: []want{
			{rule: "reference", line: 5, msg: `declare it or use one of: "orders-backend"`},
		}},
		{name: "route policy typo", src: refRouteSrc(env, dom, svc, "orders-timeuot"), want: []want{
			{rule: "reference", line: 6, msg: `did you mean "orders-timeout"?`},
		}},
		{name: "route policy with no close match", src: refRouteSrc(env, dom, svc, "rate-limit"), want: []want{
			{rule: "reference", line: 6, msg: `one of: "domain-ip-whitelist", "orders-timeout"`},
		}},
		{name: "every undeclared name of a route", src: refRouteSrc("qa", "x.test", "y", "z"), want: []want{
			{rule: "reference", line: 2},
			{rule: "reference", line: 3},
			{rule: "reference", line: 5},
			{rule: "reference", line: 6},
		}},
		{name: "domain policy", src: `
domains: "shop.example.com": {
	protocol: "HTTP"
	policies: ["domain-ip-whitelst"]
}
`, want: []want{
			{rule: "reference", line: 3, msg: `did you mean "domain-ip-whitelist"?`},
		}},
		{name: "HTTP API policy", src: `
httpApis: "other-api": policies: ["nope"]
`, want: []want{
			{rule: "reference", line: 1, msg: `policy "nope" is not declared in policies`},
		}},
		{name: "each element of a policies list at its line", src: `
httpApis: "other-api": policies: [
	"missing-one",
	"missing-two",
]
`, want: []want{
			{rule: "reference", line: 2, msg: `"missing-one"`},
			{rule: "reference", line: 3, msg: `"missing-two"`},
		}},
		{name: "more than five declared are cut short", src: `
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
`, want: []want{
			{rule: "reference", line: 12, msg: `"orders-backend", "svc-1", "svc-2", "svc-3", "svc-4", ...`},
		}},
		{name: "none declared", whole: true, src: `
package gateway

gateway: provider: "aliyun"
domains: "api.example.com": {
	protocol: "HTTP"
	policies: ["ip-whitelist"]
}
`, want: []want{
			{rule: "reference", line: 6, msg: "none is declared yet: declare it"},
		}},
	})
}
