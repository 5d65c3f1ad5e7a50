package validate_test

import "testing"

// TestControlCharacters: a name or match value with a control character is
// refused where it is written; such text would reach CI logs (a newline
// followed by "::error ..." is a workflow command).
func TestControlCharacters(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "a newline in a route name", src: routeSrc(`orders\n::error::boom`, "/a"), want: []want{
			{rule: "schema", line: 1, msg: "holds the control character U+000A"},
			{rule: "route-name", line: 1},
		}},
		{name: "a carriage return in a service name", src: `services: "svc\r::add-mask::x": {sourceType: "DNS", addresses: ["a.internal:80"]}`, want: []want{
			{rule: "schema", line: 1, msg: `service name "svc\r::add-mask::x" holds the control character U+000D`},
		}},
		{name: "a NUL in a policy name", src: `policies: "p\u0000": {className: "Timeout", config: {unitNum: 1, timeUnit: "s", enable: true}}`, want: []want{
			{rule: "schema", line: 1, msg: "U+0000"},
		}},
		{name: "a bidirectional override in an HTTP API name", src: `httpApis: "api\u202egnp": {}`, want: []want{
			{rule: "schema", line: 1, msg: "U+202E"},
		}},
		{name: "an escape in a header condition", src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: {path: {type: "Exact", value: "/r"}, headers: [{name: "x-a", type: "Exact", value: "\u001b[31m"}]}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "schema", line: 4, msg: `condition "x-a" holds the control character U+001B`},
		}},
		{name: "a line separator in a regex path", src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Regex", value: "/r\u2028.*"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, want: []want{
			{rule: "schema", line: 4, msg: "U+2028"},
			{rule: "route-shadowed", line: 4, msg: "matches no request path"},
		}},
		{name: "unicode letters are fine in names", src: `services: "bestellungen-ü": {sourceType: "DNS", addresses: ["a.internal:80"]}`},
	})
}

// TestRequestPaths: an Exact or Prefix path must be a request path in the
// form the gateway matches (package reqpath).
func TestRequestPaths(t *testing.T) {
	t.Parallel()
	bad := map[string]string{
		"/a b":          `holds " ", which a request path cannot carry as it is; write it percent-encoded, %20`,
		`/a\tb`:         `holds "\t"`,
		`/a\u0000`:      `holds "\x00"`,
		"/a?x=1":        "match query parameters with queryParams",
		"/a#top":        "fragment",
		`/a\\b`:         `holds "\\"`,
		"/50%":          "is not a percent-escape",
		"/café":         "%C3%A9",
		"/a%41":         `is matched as "/aA"`,
		"orders":        `write it as "/orders"`,
		`/x\n::error::`: `holds "\n"`,
	}
	var cases []tcase
	for path, msg := range bad {
		cases = append(cases, tcase{name: path, src: routeSrc("r", path), want: []want{{rule: "schema", line: 4, msg: msg}}})
	}
	cases = append(cases, tcase{name: "an escaped slash is fine", src: routeSrc("r", "/a%2Fb")},
		tcase{name: "sub-delimiters are fine", src: routeSrc("r", "/a:b@c!$&'()*+,;=~")})
	runCases(t, cases)
}
