package huawei_test

import (
	"testing"

	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/internal/validatetest"
)

func TestHWCertificateNames(t *testing.T) {
	runHWCases(t, []validatetest.Case{
		{Name: "a file name of 4 to 50 characters", Src: `
groups: orders: domains: "a.example.com": certificate: "a_cert"
groups: orders: domains: "b.example.com": certificate: "证书名称"
groups: orders: domains: "c.example.com": certificate: "c2345678901234567890123456789012345678901234567890"
groups: orders: domains: "d.example.com": {}
`},
		{Name: "a path", Src: `
groups: orders: domains: "a.example.com": certificate: "certs/a_cert"
groups: orders: domains: "b.example.com": certificate: "..\\b_cert"
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWCertificate, Line: 1, Msg: `domain "a.example.com": certificate name "certs/a_cert" holds a path separator`},
			{Rule: hwdiag.RuleHWCertificate, Line: 2, Msg: `name the certificate by its file name, without a directory`},
		}},
		{Name: "a control character", Src: `
groups: orders: domains: "a.example.com": certificate: "a_cert\n"
`, Want: []validatetest.Want{{Rule: hwdiag.RuleHWCertificate, Line: 1, Msg: `holds a control character`}}},
		{Name: "too short or too long for APIG", Src: `
groups: orders: domains: "a.example.com": certificate: "abc"
groups: orders: domains: "b.example.com": certificate: "b23456789012345678901234567890123456789012345678901"
`, Want: []validatetest.Want{
			{Rule: hwdiag.RuleHWCertificate, Line: 1, Msg: `certificate name "abc" is 3 characters; APIG takes a certificate name of 4 to 50`},
			{Rule: hwdiag.RuleHWCertificate, Line: 2, Msg: `is 51 characters`},
		}},
	})
}
