package aliyun_test

import (
	"testing"

	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHTTPSCert(t *testing.T) {
	t.Parallel()
	validatetest.Run(t, []validatetest.Case{
		{Name: "HTTPS with certIdentifier is fine", Src: `
domains: "shop.example.com": {
	protocol:       "HTTPS"
	certIdentifier: "1234-cn-hangzhou"
}
`},
		{Name: "HTTP without certIdentifier is fine", Src: `
domains: "shop.example.com": protocol: "HTTP"
`},
		{Name: "HTTPS without certIdentifier points at protocol", Src: `
domains: "shop.example.com": {
	forceHttps: true
	protocol:   "HTTPS"
}
`, Want: []validatetest.Want{
			{Rule: "https-cert", Line: 3, Msg: `add certIdentifier: "<cert-id>-<region>"`},
		}},
		{Name: "HTTPS without certIdentifier written on one line", Src: `
domains: "shop.example.com": {protocol: "HTTPS"}
`, Want: []validatetest.Want{
			{Rule: "https-cert", Line: 1, Msg: `or use protocol "HTTP"`},
		}},
		{Name: "each HTTPS domain without certIdentifier is reported", Src: `
domains: {
	"a.example.com": protocol: "HTTPS"
	"b.example.com": protocol: "HTTPS"
}
`, Want: []validatetest.Want{
			{Rule: "https-cert", Line: 2, Msg: `"a.example.com"`},
			{Rule: "https-cert", Line: 3, Msg: `"b.example.com"`},
		}},
		{Name: "empty certIdentifier is a schema error", Src: `
domains: "shop.example.com": {
	protocol:       "HTTPS"
	certIdentifier: ""
}
`, Want: []validatetest.Want{
			{Rule: "schema", Line: 3},
		}},
	})
}
