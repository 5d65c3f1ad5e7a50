package validate_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestProbes(t *testing.T) {
	t.Parallel()
	const dom = "api.example.com"
	validatetest.Run(t, []validatetest.Case{
		{Name: "declared domain, IPv4 source", Src: validatetest.ProbeSrc(dom, `"10.1.2.3"`, "")},
		{Name: "IPv6 source", Src: validatetest.ProbeSrc(dom, `"2001:db8::1"`, "")},
		{Name: "no source", Src: validatetest.ProbeSrc(dom, "", "")},
		{Name: "ordinary header", Src: validatetest.ProbeSrc(dom, `"10.1.2.3"`, `{"X-Version": "2"}`)},
		{Name: "X-Forwarded-For without source", Src: validatetest.ProbeSrc(dom, "", `{"x-forwarded-for": "10.1.2.3"}`)},
		{Name: "domain typo", Src: validatetest.ProbeSrc("api.exmple.com", "", ""), Want: []validatetest.Want{
			{Rule: "reference", Line: 2, Msg: `domain "api.exmple.com" is not declared in domains; did you mean "api.example.com"?`},
		}},
		{Name: "domain with no close match lists the declared", Src: validatetest.ProbeSrc("shop.test", "", ""), Want: []validatetest.Want{
			{Rule: "reference", Line: 2, Msg: `declare it or use one of: "api.example.com", "secure.example.com"`},
		}},
		{Name: "source not an address", Src: validatetest.ProbeSrc(dom, `"10.1.2"`, ""), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `source: "10.1.2" is not an IP address`},
		}},
		{Name: "source a CIDR block", Src: validatetest.ProbeSrc(dom, `"10.0.0.0/8"`, ""), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `no port, no CIDR block`},
		}},
		{Name: "source with a port", Src: validatetest.ProbeSrc(dom, `"10.1.2.3:80"`, ""), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `is not an IP address`},
		}},
		{Name: "empty source", Src: validatetest.ProbeSrc(dom, `""`, ""), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `source: "" is not an IP address`},
		}},
		{Name: "Host header", Src: validatetest.ProbeSrc(dom, "", `{host: "other.example.com"}`), Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: `Host is sent from request.domain; remove it`},
		}},
		{Name: "X-Forwarded-For beside source", Src: validatetest.ProbeSrc(dom, `"10.1.2.3"`, `{"X-Forwarded-For": "10.9.9.9"}`), Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: `X-Forwarded-For is sent from source`},
		}},
		{Name: "header name with a space", Src: validatetest.ProbeSrc(dom, "", `{"X Version": "2"}`), Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: `"X Version" is not a header name`},
		}},
		{Name: "header value with a line break", Src: validatetest.ProbeSrc(dom, "", `{"X-Version": "2\r\nX-Evil: 1"}`), Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: `request.headers.X-Version: the value has a control character`},
		}},
		{Name: "every problem of a probe", Src: validatetest.ProbeSrc("nowhere.test", `"localhost"`, `{Host: "x"}`), Want: []validatetest.Want{
			{Rule: "reference", Line: 2},
			{Rule: "schema", Line: 3},
			{Rule: "schema", Line: 4},
		}},
		{Name: "method the schema does not know", Src: `
probes: p: {
	request: {method: "get", domain: "api.example.com", path: "/"}
	expect: status: 200
}
`, Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `request.method: must be one of "GET"`},
		}},
		{Name: "path without a slash", Src: `
probes: p: {
	request: {method: "GET", domain: "api.example.com", path: "orders"}
	expect: status: 200
}
`, Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `request.path: is not in the expected form: path is the request path: it starts with "/"`},
		}},
	})
}

// corsProbe declares probe p on api.example.com with the request fields
// req (line 2) and the expectations expect (line 3).
func corsProbe(req, expect string) string {
	return `
probes: p: {
	request: {domain: "api.example.com", path: "/orders", ` + req + `}
	expect: {status: 200, ` + expect + `}
}
`
}

func TestProbeCorsAndExpectations(t *testing.T) {
	t.Parallel()
	const preflight = `method: "OPTIONS", origin: "https://shop.example.com", accessControlRequestMethod: "PUT", scheme: "https"`
	validatetest.Run(t, []validatetest.Case{
		{Name: "a preflight expecting headers", Src: corsProbe(preflight,
			`headers: {"Access-Control-Allow-Origin": "*", "X-Request-Id": true, "X-Powered-By": false}`)},
		{Name: "a redirect", Src: corsProbe(`method: "GET"`, `location: "https://api.example.com/orders"`)},
		{Name: "origin null", Src: corsProbe(`method: "GET", origin: "null"`, ``)},
		{Name: "origin with a port", Src: corsProbe(`method: "GET", origin: "http://localhost:8080"`, ``)},
		{Name: "origin without a scheme", Src: corsProbe(`method: "GET", origin: "shop.example.com"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `request.origin: "shop.example.com" is not an origin; write scheme://host[:port]`},
		}},
		{Name: "origin with a path", Src: corsProbe(`method: "GET", origin: "https://shop.example.com/"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `is not an origin`},
		}},
		{Name: "preflight method without OPTIONS", Src: corsProbe(`method: "GET", origin: "https://a.example", accessControlRequestMethod: "PUT"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `set request.method: "OPTIONS" and request.origin`},
		}},
		{Name: "preflight method without origin", Src: corsProbe(`method: "OPTIONS", accessControlRequestMethod: "PUT"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `makes the request a CORS preflight`},
		}},
		{Name: "Origin header beside origin", Src: corsProbe(preflight+`, headers: Origin: "https://x.example"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `Origin is sent from request.origin`},
		}},
		{Name: "Origin header alone is fine", Src: corsProbe(`method: "GET", headers: Origin: "https://x.example"`, ``)},
		{Name: "Access-Control-Request-Method header beside the field", Src: corsProbe(preflight+`, headers: "access-control-request-method": "GET"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `Access-Control-Request-Method is sent from request.accessControlRequestMethod`},
		}},
		{Name: "X-Forwarded-Proto header", Src: corsProbe(`method: "GET", headers: "X-Forwarded-Proto": "https"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `X-Forwarded-Proto is sent from request.scheme; write scheme: "https" instead`},
		}},
		{Name: "expected header name with a space", Src: corsProbe(`method: "GET"`, `headers: "Allow Origin": "*"`), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `expect.headers: "Allow Origin" is not a header name`},
		}},
		{Name: "expected header value with a line break", Src: corsProbe(`method: "GET"`, `headers: "X-A": "1\nX-B: 2"`), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `expect.headers.X-A: the value has a control character`},
		}},
		{Name: "Location twice", Src: corsProbe(`method: "GET"`, `location: "https://a.example/", headers: location: true`), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `Location is expect.location too; keep one of them`},
		}},
		{Name: "scheme the schema does not know", Src: corsProbe(`method: "GET", scheme: "ftp"`, ``), Want: []validatetest.Want{
			{Rule: "schema", Line: 2, Msg: `request.scheme: must be one of "http", "https"`},
		}},
		{Name: "expected header neither string nor bool", Src: corsProbe(`method: "GET"`, `headers: "X-A": 3`), Want: []validatetest.Want{
			{Rule: "schema", Line: 3, Msg: `expect.headers.X-A: must be string`},
		}},
	})
}
