package aliyun

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/validatetest"
)

// base is a valid desired state that declares policies but attaches none;
// cases attach them by adding domains, HTTP APIs and routes with policies
// lists.
const base = `package gateway

gateway: {provider: "aliyun", id: "gw-test", region: "cn-hangzhou"}

environments: prod: {}

services: "orders-backend": {
	sourceType: "DNS"
	addresses: ["orders.internal:80"]
}

domains: "api.example.com": protocol: "HTTP"

policies: {
	"ip-a": {
		className: "IpAccessControl"
		config: {ipAccessControlType: "White", ipAccessControlContent: ["10.0.0.0/8"], enable: true}
	}
	"ip-b": {
		className: "IpAccessControl"
		config: {ipAccessControlType: "Black", ipAccessControlContent: ["192.0.2.0/24"], enable: true}
	}
	"timeout": {
		className: "Timeout"
		config: {unitNum: 3, timeUnit: "s", enable: true}
	}
	"timeout-2": {
		className: "Timeout"
		config: {unitNum: 10, timeUnit: "s", enable: true}
	}
	"redirect": {
		className: "Redirect"
		config: {enable: true, code: 301, path: "/new"}
	}
	"jwt": {
		className: "JWTAuth"
		config: {}
	}
}

httpApis: "orders-http-api": protocols: ["HTTP"]
`

type tcase struct {
	name string
	src  string // CUE unified into base; one leading newline is dropped
	// want is the exact multiset of findings, each at the line of its
	// attachment (counted in src); nil means none.
	want []validatetest.Want
}

// route renders a route of orders-http-api named name on path, in
// environment env ("" for none), with the given policies list (CUE text).
// Its policies list is on line 6.
func route(name, path, env, policies string) string {
	envLine := `environment: "` + env + `"`
	if env == "" {
		envLine = `description: "no environment"`
	}
	return `
httpApis: "orders-http-api": routes: "` + name + `": {
	` + envLine + `
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "` + path + `"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	policies: [` + policies + `]
}
`
}

// policyFindings compiles base+src and returns checkPolicyAttachments'
// findings, failing the test if compilation reports anything.
func policyFindings(t *testing.T, src string) []diag.Finding {
	t.Helper()
	res := validatetest.CompileSource(t, base+strings.TrimPrefix(src, "\n"))
	if len(res.Findings) > 0 || res.Desired == nil {
		t.Fatalf("compile findings, want none: %+v", res.Findings)
	}
	var out []diag.Finding
	checkPolicyAttachments(res.Desired, &out)
	return out
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	offset := strings.Count(base, "\n")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := policyFindings(t, c.src)
			for _, f := range got {
				if f.Pos.File != validatetest.StateFile || (len(f.Related) > 0 && f.Related[0].Pos.File != validatetest.StateFile) {
					t.Errorf("finding positions %v %+v, want them in %s", f.Pos, f.Related, validatetest.StateFile)
				}
				if f.Severity != diag.Error {
					t.Errorf("%s finding has severity %q, want error", f.Rule, f.Severity)
				}
			}
			validatetest.Match(t, got, c.want, offset)
		})
	}
}

func TestBaseHasNoPolicyFinding(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{{name: "base"}})
}

func TestPolicyAttachTarget(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "Timeout on a Domain", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["timeout"]}
`, want: []validatetest.Want{
			{Rule: "policy-attach-target", Line: 1, Msg: "cannot be attached to a Domain; APIG attaches Timeout to HttpApi, Operation, GatewayRoute"},
		}},
		{name: "Redirect on an HttpApi", src: `
httpApis: "orders-http-api": policies: ["redirect"]
`, want: []validatetest.Want{
			{Rule: "policy-attach-target", Line: 1, Msg: "move it to one of those"},
		}},
		{name: "JWTAuth on a route", src: route("r", "/r", "prod", `"jwt"`), want: []validatetest.Want{
			{Rule: "policy-attach-target", Line: 6, Msg: "Gateway"},
		}},
		{name: "IpAccessControl on a Domain is fine", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["ip-a"]}
`},
		{name: "Timeout on an HttpApi is fine", src: `
httpApis: "orders-http-api": policies: ["timeout"]
`},
		{name: "Timeout and Redirect on a route are fine", src: route("r", "/r", "prod", `"timeout", "redirect"`)},
		{name: "route-level Timeout on a route with no environment", src: route("r", "/r", "", `"timeout"`), want: []validatetest.Want{
			{Rule: "policy-attach-target", Line: 6, Msg: "set the route's environment"},
		}},
		{name: "route-level Redirect on a route with no environment", src: route("r", "/r", "", `"redirect"`), want: []validatetest.Want{
			{Rule: "policy-attach-target", Line: 6, Msg: "has no environment"},
		}},
		{name: "IpAccessControl on a route with no environment is fine", src: route("r", "/r", "", `"ip-a"`)},
		{name: "an undeclared policy is left to the reference rule", src: route("r", "/r", "", `"nope"`)},
	})
}

func TestPolicyAttachType(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "Timeout on an HttpApi and on one of its routes", src: `
httpApis: "orders-http-api": {
	policies: ["timeout"]
	routes: "r": {
		environment: "prod"
		domains: ["api.example.com"]
		match: path: {type: "Exact", value: "/r"}
		backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
		policies: ["timeout"]
	}
}
`, want: []validatetest.Want{
			{Rule: "policy-attach-type", Line: 8, Related: 2, Msg: "declare a separate Timeout policy for the GatewayRoute"},
		}},
		{name: "IpAccessControl on a Domain and on an HttpApi", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["ip-a"]}
httpApis: "orders-http-api": policies: ["ip-a"]
`, want: []validatetest.Want{
			{Rule: "policy-attach-type", Line: 2, Related: 1, Msg: "attached to a HttpApi here and to a Domain at domains.shop.example.com"},
		}},
		// Domain attachments come first whatever the file order, so the
		// related position may be below the finding.
		{name: "the domain attachment is the first even when written last", src: `
httpApis: "orders-http-api": policies: ["ip-a"]
domains: "shop.example.com": {protocol: "HTTP", policies: ["ip-a"]}
`, want: []validatetest.Want{
			{Rule: "policy-attach-type", Line: 1, Related: 2},
		}},
		{name: "each later attachment of another type is reported", src: `
domains: "a.example.com": {protocol: "HTTP", policies: ["ip-a"]}
domains: "b.example.com": {protocol: "HTTP", policies: ["ip-a"]}
httpApis: "orders-http-api": policies: ["ip-a"]
httpApis: "other-api": policies: ["ip-a"]
`, want: []validatetest.Want{
			{Rule: "policy-attach-type", Line: 3, Related: 1},
			{Rule: "policy-attach-type", Line: 4, Related: 1},
		}},
		{name: "a misplaced policy also counts for the type", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["timeout"]}
httpApis: "orders-http-api": policies: ["timeout"]
`, want: []validatetest.Want{
			{Rule: "policy-attach-target", Line: 1},
			{Rule: "policy-attach-type", Line: 2, Related: 1},
		}},
		{name: "one policy on two routes is fine", src: route("r1", "/r1", "prod", `"timeout"`) + strings.TrimPrefix(route("r2", "/r2", "prod", `"timeout"`), "\n")},
		{name: "one policy on two domains is fine", src: `
domains: "a.example.com": {protocol: "HTTP", policies: ["ip-a"]}
domains: "b.example.com": {protocol: "HTTP", policies: ["ip-a"]}
`},
	})
}

func TestPolicyAttachDuplicate(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "same policy twice on a route", src: route("r", "/r", "prod", `"timeout", "timeout"`), want: []validatetest.Want{
			{Rule: "policy-attach-duplicate", Line: 6, Related: 6, Msg: `remove the second "timeout"`},
		}},
		{name: "same policy twice on a domain", src: `
domains: "shop.example.com": {
	protocol: "HTTP"
	policies: [
		"ip-a",
		"ip-a",
	]
}
`, want: []validatetest.Want{
			{Rule: "policy-attach-duplicate", Line: 5, Related: 4},
		}},
		{name: "same policy twice on an HttpApi", src: `
httpApis: "orders-http-api": policies: [
	"timeout",
	"timeout",
]
`, want: []validatetest.Want{
			{Rule: "policy-attach-duplicate", Line: 3, Related: 2, Msg: "attached to httpApis.orders-http-api twice"},
		}},
		{name: "three times gives two findings related to the first", src: `
httpApis: "orders-http-api": policies: [
	"timeout",
	"timeout",
	"timeout",
]
`, want: []validatetest.Want{
			{Rule: "policy-attach-duplicate", Line: 3, Related: 2},
			{Rule: "policy-attach-duplicate", Line: 4, Related: 2},
		}},
	})
}

func TestPolicySingleton(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "two IpAccessControl on one route", src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Exact", value: "/r"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
	policies: [
		"ip-a",
		"ip-b",
	]
}
`, want: []validatetest.Want{
			{Rule: "policy-singleton", Line: 8, Related: 7, Msg: `merge "ip-b" into "ip-a"`},
		}},
		{name: "two Timeout on one HttpApi", src: `
httpApis: "orders-http-api": policies: [
	"timeout",
	"timeout-2",
]
`, want: []validatetest.Want{
			{Rule: "policy-singleton", Line: 3, Related: 2, Msg: `already has Timeout policy "timeout"`},
		}},
		{name: "two IpAccessControl on one domain", src: `
domains: "shop.example.com": {
	protocol: "HTTP"
	policies: ["ip-a",
		"ip-b"]
}
`, want: []validatetest.Want{
			{Rule: "policy-singleton", Line: 4, Related: 3},
		}},
		{name: "two different classNames are fine", src: route("r", "/r", "prod", `"ip-a", "timeout"`)},
		{name: "same className on different routes is fine", src: route("r1", "/r1", "prod", `"ip-a"`) + strings.TrimPrefix(route("r2", "/r2", "prod", `"ip-b"`), "\n")},
		{name: "a duplicate is not also a singleton", src: route("r", "/r", "prod", `"ip-a", "ip-a"`), want: []validatetest.Want{
			{Rule: "policy-attach-duplicate", Line: 6, Related: 6},
		}},
		{name: "singleton then duplicate, both related to the first", src: `
httpApis: "orders-http-api": policies: [
	"ip-a",
	"ip-b",
	"ip-a",
]
`, want: []validatetest.Want{
			{Rule: "policy-singleton", Line: 3, Related: 2},
			{Rule: "policy-attach-duplicate", Line: 4, Related: 2},
		}},
	})
}
