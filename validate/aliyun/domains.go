package aliyun

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// checkDomains requires a certificate on every HTTPS domain.
func checkDomains(d *model.Desired, out *[]diag.Finding) {
	for _, dom := range alimodel.Of(d).Domains {
		if dom.Protocol == "HTTPS" && dom.CertIdentifier == "" {
			msg := fmt.Sprintf("HTTPS domain %q has no certIdentifier; add certIdentifier: \"<cert-id>-<region>\" (the Certificate Management Service ID), or use protocol \"HTTP\"", dom.Name)
			*out = append(*out, diag.Errorf(alidiag.RuleHTTPSCert, alimodel.DomainPath(dom.Name), dom.ProtocolPos, msg))
		}
	}
}
