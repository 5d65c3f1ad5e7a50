package huawei

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// APIG takes a certificate name of 4 to 50 characters
// (AssociateCertificateV2).
const (
	minCertNameLen = 4
	maxCertNameLen = 50
)

// checkHWCertificates checks the name of the certificate each domain
// names: APIG takes 4-50 characters, and gwsync reads the certificate's
// PEM files as <name>.crt and <name>.key in $GWSYNC_HUAWEI_CERT_DIR, so a
// name must be a file name: no path separator, no control character.
//
// Validate never reads the files: it is offline and runs where they may
// be absent (a pull request's checks, which must not hold private keys).
// plan and apply, which run where the files are, check them (see
// provider/huawei's CheckCertificate) under the same rule.
func checkHWCertificates(h *hwmodel.State, out *[]diag.Finding) {
	for _, g := range h.Groups {
		for _, d := range g.Domains {
			if msg := certNameProblem(d.Certificate.Name); msg != "" {
				pos := d.Certificate.Pos
				if !pos.IsValid() {
					pos = d.Pos
				}
				*out = append(*out, diag.Errorf(hwdiag.RuleHWCertificate, hwmodel.DomainPath(g.Name, d.Name), pos,
					fmt.Sprintf("domain %q: certificate name %q %s", d.Name, d.Certificate.Name, msg)))
			}
		}
	}
}

// certNameProblem says what is wrong with a certificate name, or "" when
// nothing is (or no certificate is named).
func certNameProblem(name string) string {
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		return ""
	case strings.ContainsAny(name, `/\`):
		return "holds a path separator, but names the files <name>.crt and <name>.key in $GWSYNC_HUAWEI_CERT_DIR: name the certificate by its file name, without a directory"
	case strings.ContainsFunc(name, unicode.IsControl):
		return "holds a control character, but names the files <name>.crt and <name>.key: remove it"
	case n < minCertNameLen || n > maxCertNameLen:
		return fmt.Sprintf("is %d characters; APIG takes a certificate name of %d to %d: rename the certificate and its files", n, minCertNameLen, maxCertNameLen)
	}
	return ""
}
