package validate_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

// TestControlCharacters: a name or match value with a control character is
// refused where it is written; such text would reach CI logs (a newline
// followed by "::error ..." is a workflow command).
func TestControlCharacters(t *testing.T) {
	t.Parallel()
	validatetest.Run(t, []tcase{
		{Name: "a newline in a route name", Src: routeSrc(`orders\n::error::boom`, "/a"), Want: []want{
			{Rule: "schema", Line: 1, Msg: "holds the control character U+000A"},
			{Rule: "route-name", Line: 1},
		}},
		{Name: "a carriage return in a service name", Src: `services: "svc\r::add-mask::x": {sourceType: "DNS", addresses: ["a.internal:80"]}`, Want: []want{
			{Rule: "schema", Line: 1, Msg: `service name "svc\r::add-mask::x" holds the control character U+000D`},
		}},
		{Name: "a NUL in a policy name", Src: `policies: "p\u0000": {className: "Timeout", config: {unitNum: 1, timeUnit: "s", enable: true}}`, Want: []want{
			{Rule: "schema", Line: 1, Msg: "U+0000"},
		}},
		{Name: "a bidirectional override in an HTTP API name", Src: `httpApis: "api\u202egnp": {}`, Want: []want{
			{Rule: "schema", Line: 1, Msg: "U+202E"},
		}},
		{Name: "an escape in a header condition", Src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: {path: {type: "Exact", value: "/r"}, headers: [{name: "x-a", type: "Exact", value: "\u001b[31m"}]}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []want{
			{Rule: "schema", Line: 4, Msg: `condition "x-a" holds the control character U+001B`},
		}},
		{Name: "a line separator in a regex path", Src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Regex", value: "/r\u2028.*"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []want{
			{Rule: "schema", Line: 4, Msg: "U+2028"},
			{Rule: "route-shadowed", Line: 4, Msg: "matches no request path"},
		}},
		{Name: "unicode letters are fine in names", Src: `services: "bestellungen-ü": {sourceType: "DNS", addresses: ["a.internal:80"]}`},
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
		cases = append(cases, tcase{Name: path, Src: routeSrc("r", path), Want: []want{{Rule: "schema", Line: 4, Msg: msg}}})
	}
	cases = append(cases, tcase{Name: "an escaped slash is fine", Src: routeSrc("r", "/a%2Fb")},
		tcase{Name: "sub-delimiters are fine", Src: routeSrc("r", "/a:b@c!$&'()*+,;=~")})
	validatetest.Run(t, cases)
}
