package validate_test

import (
	"testing"

	"github.com/gwsync/gwsync/diag"
)

func TestHWCertificateNames(t *testing.T) {
	runHWCases(t, []tcase{
		{name: "a file name of 4 to 50 characters", src: `
groups: orders: domains: "a.example.com": certificate: "a_cert"
groups: orders: domains: "b.example.com": certificate: "证书名称"
groups: orders: domains: "c.example.com": certificate: "c2345678901234567890123456789012345678901234567890"
groups: orders: domains: "d.example.com": {}
`},
		{name: "a path", src: `
groups: orders: domains: "a.example.com": certificate: "certs/a_cert"
groups: orders: domains: "b.example.com": certificate: "..\\b_cert"
`, want: []want{
			{rule: diag.RuleHWCertificate, line: 1, msg: `domain "a.example.com": certificate name "certs/a_cert" holds a path separator`},
			{rule: diag.RuleHWCertificate, line: 2, msg: `name the certificate by its file name, without a directory`},
		}},
		{name: "a control character", src: `
groups: orders: domains: "a.example.com": certificate: "a_cert\n"
`, want: []want{{rule: diag.RuleHWCertificate, line: 1, msg: `holds a control character`}}},
		{name: "too short or too long for APIG", src: `
groups: orders: domains: "a.example.com": certificate: "abc"
groups: orders: domains: "b.example.com": certificate: "b23456789012345678901234567890123456789012345678901"
`, want: []want{
			{rule: diag.RuleHWCertificate, line: 1, msg: `certificate name "abc" is 3 characters; APIG takes a certificate name of 4 to 50`},
			{rule: diag.RuleHWCertificate, line: 2, msg: `is 51 characters`},
		}},
	})
}
