package aliyun_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

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
	var cases []validatetest.Case
	for path, msg := range bad {
		cases = append(cases, validatetest.Case{Name: path, Src: validatetest.RouteSrc("r", path), Want: []validatetest.Want{{Rule: "schema", Line: 4, Msg: msg}}})
	}
	cases = append(cases, validatetest.Case{Name: "an escaped slash is fine", Src: validatetest.RouteSrc("r", "/a%2Fb")},
		validatetest.Case{Name: "sub-delimiters are fine", Src: validatetest.RouteSrc("r", "/a:b@c!$&'()*+,;=~")})
	validatetest.Run(t, cases)
}
