package validate_test

import "testing"

func TestHTTPSCert(t *testing.T) {
	t.Parallel()
	runCases(t, []tcase{
		{name: "HTTPS with certIdentifier is fine", src: `
domains: "shop.example.com": {
	protocol:       "HTTPS"
	certIdentifier: "1234-cn-hangzhou"
}
`},
		{name: "HTTP without certIdentifier is fine", src: `
domains: "shop.example.com": protocol: "HTTP"
`},
		{name: "HTTPS without certIdentifier points at protocol", src: `
domains: "shop.example.com": {
	forceHttps: true
	protocol:   "HTTPS"
}
`, want: []want{
			{rule: "https-cert", line: 3, msg: `add certIdentifier: "<cert-id>-<region>"`},
		}},
		{name: "HTTPS without certIdentifier written on one line", src: `
domains: "shop.example.com": {protocol: "HTTPS"}
`, want: []want{
			{rule: "https-cert", line: 1, msg: `or use protocol "HTTP"`},
		}},
		{name: "each HTTPS domain without certIdentifier is reported", src: `
domains: {
	"a.example.com": protocol: "HTTPS"
	"b.example.com": protocol: "HTTPS"
}
`, want: []want{
			{rule: "https-cert", line: 2, msg: `"a.example.com"`},
			{rule: "https-cert", line: 3, msg: `"b.example.com"`},
		}},
		{name: "empty certIdentifier is a schema error", src: `
domains: "shop.example.com": {
	protocol:       "HTTPS"
	certIdentifier: ""
}
`, want: []want{
			{rule: "schema", line: 3},
		}},
	})
}
