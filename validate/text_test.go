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
	validatetest.Run(t, []validatetest.Case{
		{Name: "a newline in a route name", Src: validatetest.RouteSrc(`orders\n::error::boom`, "/a"), Want: []validatetest.Want{
			{Rule: "schema", Line: 1, Msg: "holds the control character U+000A"},
			{Rule: "route-name", Line: 1},
		}},
		{Name: "a carriage return in a service name", Src: `services: "svc\r::add-mask::x": {sourceType: "DNS", addresses: ["a.internal:80"]}`, Want: []validatetest.Want{
			{Rule: "schema", Line: 1, Msg: `service name "svc\r::add-mask::x" holds the control character U+000D`},
		}},
		{Name: "a NUL in a policy name", Src: `policies: "p\u0000": {className: "Timeout", config: {unitNum: 1, timeUnit: "s", enable: true}}`, Want: []validatetest.Want{
			{Rule: "schema", Line: 1, Msg: "U+0000"},
		}},
		{Name: "a bidirectional override in an HTTP API name", Src: `httpApis: "api\u202egnp": {}`, Want: []validatetest.Want{
			{Rule: "schema", Line: 1, Msg: "U+202E"},
		}},
		{Name: "an escape in a header condition", Src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: {path: {type: "Exact", value: "/r"}, headers: [{name: "x-a", type: "Exact", value: "\u001b[31m"}]}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: `condition "x-a" holds the control character U+001B`},
		}},
		{Name: "a line separator in a regex path", Src: `
httpApis: "orders-http-api": routes: "r": {
	environment: "prod"
	domains: ["api.example.com"]
	match: path: {type: "Regex", value: "/r\u2028.*"}
	backend: {scene: "SingleService", services: [{service: "orders-backend"}]}
}
`, Want: []validatetest.Want{
			{Rule: "schema", Line: 4, Msg: "U+2028"},
			{Rule: "route-shadowed", Line: 4, Msg: "matches no request path"},
		}},
		{Name: "unicode letters are fine in names", Src: `services: "bestellungen-ü": {sourceType: "DNS", addresses: ["a.internal:80"]}`},
	})
}
