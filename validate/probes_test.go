package validate_test

import "testing"

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
	runCases(t, []tcase{
		{name: "declared domain, IPv4 source", src: probeSrc(dom, `"10.1.2.3"`, "")},
		{name: "IPv6 source", src: probeSrc(dom, `"2001:db8::1"`, "")},
		{name: "no source", src: probeSrc(dom, "", "")},
		{name: "ordinary header", src: probeSrc(dom, `"10.1.2.3"`, `{"X-Version": "2"}`)},
		{name: "X-Forwarded-For without source", src: probeSrc(dom, "", `{"x-forwarded-for": "10.1.2.3"}`)},
		{name: "domain typo", src: probeSrc("api.exmple.com", "", ""), want: []want{
			{rule: "reference", line: 2, msg: `domain "api.exmple.com" is not declared in domains; did you mean "api.example.com"?`},
		}},
		{name: "domain with no close match lists the declared", src: probeSrc("shop.test", "", ""), want: []want{
			{rule: "reference", line: 2, msg: `declare it or use one of: "api.example.com", "secure.example.com"`},
		}},
		{name: "source not an address", src: probeSrc(dom, `"10.1.2"`, ""), want: []want{
			{rule: "schema", line: 3, msg: `source: "10.1.2" is not an IP address`},
		}},
		{name: "source a CIDR block", src: probeSrc(dom, `"10.0.0.0/8"`, ""), want: []want{
			{rule: "schema", line: 3, msg: `no port, no CIDR block`},
		}},
		{name: "source with a port", src: probeSrc(dom, `"10.1.2.3:80"`, ""), want: []want{
			{rule: "schema", line: 3, msg: `is not an IP address`},
		}},
		{name: "empty source", src: probeSrc(dom, `""`, ""), want: []want{
			{rule: "schema", line: 3, msg: `source: "" is not an IP address`},
		}},
		{name: "Host header", src: probeSrc(dom, "", `{host: "other.example.com"}`), want: []want{
			{rule: "schema", line: 4, msg: `Host is sent from request.domain; remove it`},
		}},
		{name: "X-Forwarded-For beside source", src: probeSrc(dom, `"10.1.2.3"`, `{"X-Forwarded-For": "10.9.9.9"}`), want: []want{
			{rule: "schema", line: 4, msg: `X-Forwarded-For is sent from source`},
		}},
		{name: "header name with a space", src: probeSrc(dom, "", `{"X Version": "2"}`), want: []want{
			{rule: "schema", line: 4, msg: `"X Version" is not a header name`},
		}},
		{name: "header value with a line break", src: probeSrc(dom, "", `{"X-Version": "2\r\nX-Evil: 1"}`), want: []want{
			{rule: "schema", line: 4, msg: `request.headers.X-Version: the value has a control character`},
		}},
		{name: "every problem of a probe", src: probeSrc("nowhere.test", `"localhost"`, `{Host: "x"}`), want: []want{
			{rule: "reference", line: 2},
			{rule: "schema", line: 3},
			{rule: "schema", line: 4},
		}},
		{name: "method the schema does not know", src: `
probes: p: {
	request: {method: "get", domain: "api.example.com", path: "/"}
	expect: status: 200
}
`, want: []want{
			{rule: "schema", line: 2, msg: `request.method: must be one of "GET"`},
		}},
		{name: "path without a slash", src: `
probes: p: {
	request: {method: "GET", domain: "api.example.com", path: "orders"}
	expect: status: 200
}
`, want: []want{
			{rule: "schema", line: 2, msg: `request.path: is not in the expected form: path is the request path: it starts with "/"`},
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
	runCases(t, []tcase{
		{name: "a preflight expecting headers", src: corsProbe(preflight,
			`headers: {"Access-Control-Allow-Origin": "*", "X-Request-Id": true, "X-Powered-By": false}`)},
		{name: "a redirect", src: corsProbe(`method: "GET"`, `location: "https://api.example.com/orders"`)},
		{name: "origin null", src: corsProbe(`method: "GET", origin: "null"`, ``)},
		{name: "origin with a port", src: corsProbe(`method: "GET", origin: "http://localhost:8080"`, ``)},
		{name: "origin without a scheme", src: corsProbe(`method: "GET", origin: "shop.example.com"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `request.origin: "shop.example.com" is not an origin; write scheme://host[:port]`},
		}},
		{name: "origin with a path", src: corsProbe(`method: "GET", origin: "https://shop.example.com/"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `is not an origin`},
		}},
		{name: "preflight method without OPTIONS", src: corsProbe(`method: "GET", origin: "https://a.example", accessControlRequestMethod: "PUT"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `set request.method: "OPTIONS" and request.origin`},
		}},
		{name: "preflight method without origin", src: corsProbe(`method: "OPTIONS", accessControlRequestMethod: "PUT"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `makes the request a CORS preflight`},
		}},
		{name: "Origin header beside origin", src: corsProbe(preflight+`, headers: Origin: "https://x.example"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `Origin is sent from request.origin`},
		}},
		{name: "Origin header alone is fine", src: corsProbe(`method: "GET", headers: Origin: "https://x.example"`, ``)},
		{name: "Access-Control-Request-Method header beside the field", src: corsProbe(preflight+`, headers: "access-control-request-method": "GET"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `Access-Control-Request-Method is sent from request.accessControlRequestMethod`},
		}},
		{name: "X-Forwarded-Proto header", src: corsProbe(`method: "GET", headers: "X-Forwarded-Proto": "https"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `X-Forwarded-Proto is sent from request.scheme; write scheme: "https" instead`},
		}},
		{name: "expected header name with a space", src: corsProbe(`method: "GET"`, `headers: "Allow Origin": "*"`), want: []want{
			{rule: "schema", line: 3, msg: `expect.headers: "Allow Origin" is not a header name`},
		}},
		{name: "expected header value with a line break", src: corsProbe(`method: "GET"`, `headers: "X-A": "1\nX-B: 2"`), want: []want{
			{rule: "schema", line: 3, msg: `expect.headers.X-A: the value has a control character`},
		}},
		{name: "Location twice", src: corsProbe(`method: "GET"`, `location: "https://a.example/", headers: location: true`), want: []want{
			{rule: "schema", line: 3, msg: `Location is expect.location too; keep one of them`},
		}},
		{name: "scheme the schema does not know", src: corsProbe(`method: "GET", scheme: "ftp"`, ``), want: []want{
			{rule: "schema", line: 2, msg: `request.scheme: must be one of "http", "https"`},
		}},
		{name: "expected header neither string nor bool", src: corsProbe(`method: "GET"`, `headers: "X-A": 3`), want: []want{
			{rule: "schema", line: 3, msg: `expect.headers.X-A: must be string`},
		}},
	})
}
