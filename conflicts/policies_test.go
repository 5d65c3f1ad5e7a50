package conflicts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
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

// want is one expected finding of conflicts.Policies.
type want struct {
	rule string
	line int // line of the attachment, counted in src
	// related is the line (in src) of the first attachment the finding
	// refers to; 0 means it must carry no related position.
	related int
	msg     string // a fragment the message must contain
}

type tcase struct {
	name string
	src  string // CUE unified into base; one leading newline is dropped
	want []want // the exact multiset of findings; nil means none
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

// policyFindings compiles base+src and returns conflicts.Policies'
// findings, failing the test if compilation reports anything.
func policyFindings(t *testing.T, src string) []diag.Finding {
	t.Helper()
	dir := t.TempDir()
	doc := base + strings.TrimPrefix(src, "\n")
	if err := os.WriteFile(filepath.Join(dir, "state.cue"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
	if len(res.Findings) > 0 || res.Desired == nil {
		t.Fatalf("compile findings, want none: %+v", res.Findings)
	}
	return conflicts.Policies(res.Desired)
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	offset := strings.Count(base, "\n")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := policyFindings(t, c.src)
			used := make([]bool, len(got))
			var missing, extra []string
			for _, w := range c.want {
				i := -1
				for j, f := range got {
					if !used[j] && w.matches(f, offset) {
						i = j
						break
					}
				}
				if i < 0 {
					missing = append(missing, fmt.Sprintf("%s at line %d (related %d, message containing %q)", w.rule, w.line, w.related, w.msg))
					continue
				}
				used[i] = true
			}
			for i, f := range got {
				if !used[i] {
					extra = append(extra, describe(f, offset))
				}
				if f.Pos.File != "state.cue" || (len(f.Related) > 0 && f.Related[0].Pos.File != "state.cue") {
					t.Errorf("finding positions %v %+v, want them in state.cue", f.Pos, f.Related)
				}
				if f.Severity != diag.Error {
					t.Errorf("%s finding has severity %q, want error", f.Rule, f.Severity)
				}
			}
			if len(missing) > 0 || len(extra) > 0 {
				var all []string
				for _, f := range got {
					all = append(all, describe(f, offset))
				}
				t.Errorf("findings differ\nmissing:\n  %s\nunexpected:\n  %s\nall:\n  %s",
					strings.Join(missing, "\n  "), strings.Join(extra, "\n  "), strings.Join(all, "\n  "))
			}
		})
	}
}

func (w want) matches(f diag.Finding, offset int) bool {
	if f.Rule != w.rule || f.Pos.Line-offset != w.line || !strings.Contains(f.Message, w.msg) {
		return false
	}
	if w.related == 0 {
		return len(f.Related) == 0
	}
	return len(f.Related) > 0 && f.Related[0].Pos.Line-offset == w.related
}

func describe(f diag.Finding, offset int) string {
	s := fmt.Sprintf("%s at src line %d (%s): %s", f.Rule, f.Pos.Line-offset, f.Resource, f.Message)
	for _, r := range f.Related {
		s += fmt.Sprintf(" [related %s at src line %d]", r.Resource, r.Pos.Line-offset)
	}
	return s
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
`, want: []want{
			{rule: "policy-attach-target", line: 1, msg: "cannot be attached to a Domain; APIG attaches Timeout to HttpApi, Operation, GatewayRoute"},
		}},
		{name: "Redirect on an HttpApi", src: `
httpApis: "orders-http-api": policies: ["redirect"]
`, want: []want{
			{rule: "policy-attach-target", line: 1, msg: "move it to one of those"},
		}},
		{name: "JWTAuth on a route", src: route("r", "/r", "prod", `"jwt"`), want: []want{
			{rule: "policy-attach-target", line: 6, msg: "Gateway"},
		}},
		{name: "IpAccessControl on a Domain is fine", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["ip-a"]}
`},
		{name: "Timeout on an HttpApi is fine", src: `
httpApis: "orders-http-api": policies: ["timeout"]
`},
		{name: "Timeout and Redirect on a route are fine", src: route("r", "/r", "prod", `"timeout", "redirect"`)},
		{name: "route-level Timeout on a route with no environment", src: route("r", "/r", "", `"timeout"`), want: []want{
			{rule: "policy-attach-target", line: 6, msg: "set the route's environment"},
		}},
		{name: "route-level Redirect on a route with no environment", src: route("r", "/r", "", `"redirect"`), want: []want{
			{rule: "policy-attach-target", line: 6, msg: "has no environment"},
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
`, want: []want{
			{rule: "policy-attach-type", line: 8, related: 2, msg: "declare a separate Timeout policy for the GatewayRoute"},
		}},
		{name: "IpAccessControl on a Domain and on an HttpApi", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["ip-a"]}
httpApis: "orders-http-api": policies: ["ip-a"]
`, want: []want{
			{rule: "policy-attach-type", line: 2, related: 1, msg: "attached to a HttpApi here and to a Domain at domains.shop.example.com"},
		}},
		// Domain attachments come first whatever the file order, so the
		// related position may be below the finding.
		{name: "the domain attachment is the first even when written last", src: `
httpApis: "orders-http-api": policies: ["ip-a"]
domains: "shop.example.com": {protocol: "HTTP", policies: ["ip-a"]}
`, want: []want{
			{rule: "policy-attach-type", line: 1, related: 2},
		}},
		{name: "each later attachment of another type is reported", src: `
domains: "a.example.com": {protocol: "HTTP", policies: ["ip-a"]}
domains: "b.example.com": {protocol: "HTTP", policies: ["ip-a"]}
httpApis: "orders-http-api": policies: ["ip-a"]
httpApis: "other-api": policies: ["ip-a"]
`, want: []want{
			{rule: "policy-attach-type", line: 3, related: 1},
			{rule: "policy-attach-type", line: 4, related: 1},
		}},
		{name: "a misplaced policy also counts for the type", src: `
domains: "shop.example.com": {protocol: "HTTP", policies: ["timeout"]}
httpApis: "orders-http-api": policies: ["timeout"]
`, want: []want{
			{rule: "policy-attach-target", line: 1},
			{rule: "policy-attach-type", line: 2, related: 1},
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
		{name: "same policy twice on a route", src: route("r", "/r", "prod", `"timeout", "timeout"`), want: []want{
			{rule: "policy-attach-duplicate", line: 6, related: 6, msg: `remove the second "timeout"`},
		}},
		{name: "same policy twice on a domain", src: `
domains: "shop.example.com": {
	protocol: "HTTP"
	policies: [
		"ip-a",
		"ip-a",
	]
}
`, want: []want{
			{rule: "policy-attach-duplicate", line: 5, related: 4},
		}},
		{name: "same policy twice on an HttpApi", src: `
httpApis: "orders-http-api": policies: [
	"timeout",
	"timeout",
]
`, want: []want{
			{rule: "policy-attach-duplicate", line: 3, related: 2, msg: "attached to httpApis.orders-http-api twice"},
		}},
		{name: "three times gives two findings related to the first", src: `
httpApis: "orders-http-api": policies: [
	"timeout",
	"timeout",
	"timeout",
]
`, want: []want{
			{rule: "policy-attach-duplicate", line: 3, related: 2},
			{rule: "policy-attach-duplicate", line: 4, related: 2},
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
`, want: []want{
			{rule: "policy-singleton", line: 8, related: 7, msg: `merge "ip-b" into "ip-a"`},
		}},
		{name: "two Timeout on one HttpApi", src: `
httpApis: "orders-http-api": policies: [
	"timeout",
	"timeout-2",
]
`, want: []want{
			{rule: "policy-singleton", line: 3, related: 2, msg: `already has Timeout policy "timeout"`},
		}},
		{name: "two IpAccessControl on one domain", src: `
domains: "shop.example.com": {
	protocol: "HTTP"
	policies: ["ip-a",
		"ip-b"]
}
`, want: []want{
			{rule: "policy-singleton", line: 4, related: 3},
		}},
		{name: "two different classNames are fine", src: route("r", "/r", "prod", `"ip-a", "timeout"`)},
		{name: "same className on different routes is fine", src: route("r1", "/r1", "prod", `"ip-a"`) + strings.TrimPrefix(route("r2", "/r2", "prod", `"ip-b"`), "\n")},
		{name: "a duplicate is not also a singleton", src: route("r", "/r", "prod", `"ip-a", "ip-a"`), want: []want{
			{rule: "policy-attach-duplicate", line: 6, related: 6},
		}},
		{name: "singleton then duplicate, both related to the first", src: `
httpApis: "orders-http-api": policies: [
	"ip-a",
	"ip-b",
	"ip-a",
]
`, want: []want{
			{rule: "policy-singleton", line: 3, related: 2},
			{rule: "policy-attach-duplicate", line: 4, related: 2},
		}},
	})
}
