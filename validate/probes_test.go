package validate_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

// probeSrc declares probe p for domain, with source (omitted when "") on
// line 3 and the given header on line 4: domain is on line 2.
func probeSrc(domain, source, header string) string {
	src := `
probes: p: {
	request: {method: "GET", domain: "` + domain + `", path: "/orders/1"}
`
	if source != "" {
		src += "\tsource: " + source + "\n"
	} else {
		src += "\n"
	}
	if header != "" {
		src += "\trequest: headers: " + header + "\n"
	}
	return src + "\texpect: status: 200\n}\n"
}

func TestProbes(t *testing.T) {
	t.Parallel()
	const dom = "api.example.com"
	validatetest.Run(t, []tcase{
		{Name: "declared domain, IPv4 source", Src: probeSrc(dom, `"10.1.2.3"`, "")},
		{Name: "IPv6 source", Src: probeSrc(dom, `"2001:db8::1"`, "")},
		{Name: "no source", Src: probeSrc(dom, "", "")},
		{Name: "ordinary header", Src: probeSrc(dom, `"10.1.2.3"`, `{"X-Version": "2"}`)},
		{Name: "X-Forwarded-For without source", Src: probeSrc(dom, "", `{"x-forwarded-for": "10.1.2.3"}`)},
		{Name: "domain typo", Src: probeSrc("api.exmple.com", "", ""), Want: []want{
			{Rule: "reference", Line: 2, Msg: `domain "api.exmple.com" is not declared in domains; did you mean "api.example.com"?`},
		}},
		{Name: "domain with no close match lists the declared", Src: probeSrc("shop.test", "", ""), Want: []want{
			{Rule: "reference", Line: 2, Msg: `declare it or use one of: "api.example.com", "secure.example.com"`},
		}},
		{Name: "source not an address", Src: probeSrc(dom, `"10.1.2"`, ""), Want: []want{
			{Rule: "schema", Line: 3, Msg: `source: "10.1.2" is not an IP address`},
		}},
		{Name: "source a CIDR block", Src: probeSrc(dom, `"10.0.0.0/8"`, ""), Want: []want{
			{Rule: "schema", Line: 3, Msg: `no port, no CIDR block`},
		}},
		{Name: "source with a port", Src: probeSrc(dom, `"10.1.2.3:80"`, ""), Want: []want{
			{Rule: "schema", Line: 3, Msg: `is not an IP address`},
		}},
		{Name: "empty source", Src: probeSrc(dom, `""`, ""), Want: []want{
			{Rule: "schema", Line: 3, Msg: `source: "" is not an IP address`},
		}},
		{Name: "Host header", Src: probeSrc(dom, "", `{host: "other.example.com"}`), Want: []want{
			{Rule: "schema", Line: 4, Msg: `Host is sent from request.domain; remove it`},
		}},
		{Name: "X-Forwarded-For beside source", Src: probeSrc(dom, `"10.1.2.3"`, `{"X-Forwarded-For": "10.9.9.9"}`), Want: []want{
			{Rule: "schema", Line: 4, Msg: `X-Forwarded-For is sent from source`},
		}},
		{Name: "header name with a space", Src: probeSrc(dom, "", `{"X Version": "2"}`), Want: []want{
			{Rule: "schema", Line: 4, Msg: `"X Version" is not a header name`},
		}},
		{Name: "header value with a line break", Src: probeSrc(dom, "", `{"X-Version": "2\r\nX-Evil: 1"}`), Want: []want{
			{Rule: "schema", Line: 4, Msg: `request.headers.X-Version: the value has a control character`},
		}},
		{Name: "every problem of a probe", Src: probeSrc("nowhere.test", `"localhost"`, `{Host: "x"}`), Want: []want{
			{Rule: "reference", Line: 2},
			{Rule: "schema", Line: 3},
			{Rule: "schema", Line: 4},
		}},
		{Name: "method the schema does not know", Src: `
probes: p: {
	request: {method: "get", domain: "api.example.com", path: "/"}
	expect: status: 200
}
`, Want: []want{
			{Rule: "schema", Line: 2, Msg: `request.method: must be one of "GET"`},
		}},
		{Name: "path without a slash", Src: `
probes: p: {
	request: {method: "GET", domain: "api.example.com", path: "orders"}
	expect: status: 200
}
`, Want: []want{
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
	validatetest.Run(t, []tcase{
		{Name: "a preflight expecting headers", Src: corsProbe(preflight,
			`headers: {"Access-Control-Allow-Origin": "*", "X-Request-Id": true, "X-Powered-By": false}`)},
		{Name: "a redirect", Src: corsProbe(`method: "GET"`, `location: "https://api.example.com/orders"`)},
		{Name: "origin null", Src: corsProbe(`method: "GET", origin: "null"`, ``)},
		{Name: "origin with a port", Src: corsProbe(`method: "GET", origin: "http://localhost:8080"`, ``)},
		{Name: "origin without a scheme", Src: corsProbe(`method: "GET", origin: "shop.example.com"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `request.origin: "shop.example.com" is not an origin; write scheme://host[:port]`},
		}},
		{Name: "origin with a path", Src: corsProbe(`method: "GET", origin: "https://shop.example.com/"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `is not an origin`},
		}},
		{Name: "preflight method without OPTIONS", Src: corsProbe(`method: "GET", origin: "https://a.example", accessControlRequestMethod: "PUT"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `set request.method: "OPTIONS" and request.origin`},
		}},
		{Name: "preflight method without origin", Src: corsProbe(`method: "OPTIONS", accessControlRequestMethod: "PUT"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `makes the request a CORS preflight`},
		}},
		{Name: "Origin header beside origin", Src: corsProbe(preflight+`, headers: Origin: "https://x.example"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `Origin is sent from request.origin`},
		}},
		{Name: "Origin header alone is fine", Src: corsProbe(`method: "GET", headers: Origin: "https://x.example"`, ``)},
		{Name: "Access-Control-Request-Method header beside the field", Src: corsProbe(preflight+`, headers: "access-control-request-method": "GET"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `Access-Control-Request-Method is sent from request.accessControlRequestMethod`},
		}},
		{Name: "X-Forwarded-Proto header", Src: corsProbe(`method: "GET", headers: "X-Forwarded-Proto": "https"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `X-Forwarded-Proto is sent from request.scheme; write scheme: "https" instead`},
		}},
		{Name: "expected header name with a space", Src: corsProbe(`method: "GET"`, `headers: "Allow Origin": "*"`), Want: []want{
			{Rule: "schema", Line: 3, Msg: `expect.headers: "Allow Origin" is not a header name`},
		}},
		{Name: "expected header value with a line break", Src: corsProbe(`method: "GET"`, `headers: "X-A": "1\nX-B: 2"`), Want: []want{
			{Rule: "schema", Line: 3, Msg: `expect.headers.X-A: the value has a control character`},
		}},
		{Name: "Location twice", Src: corsProbe(`method: "GET"`, `location: "https://a.example/", headers: location: true`), Want: []want{
			{Rule: "schema", Line: 3, Msg: `Location is expect.location too; keep one of them`},
		}},
		{Name: "scheme the schema does not know", Src: corsProbe(`method: "GET", scheme: "ftp"`, ``), Want: []want{
			{Rule: "schema", Line: 2, Msg: `request.scheme: must be one of "http", "https"`},
		}},
		{Name: "expected header neither string nor bool", Src: corsProbe(`method: "GET"`, `headers: "X-A": 3`), Want: []want{
			{Rule: "schema", Line: 3, Msg: `expect.headers.X-A: must be string`},
		}},
	})
}
