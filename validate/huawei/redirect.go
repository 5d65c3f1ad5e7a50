package huawei

import (
	"fmt"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// checkHWRedirects applies the HTTP-to-HTTPS redirect's conditions. A
// domain may redirect only with a certificate bound, in a group with a GET
// or HEAD API whose protocol is HTTPS or BOTH (the redirect is meant for
// those: browsers may drop the body of other methods on redirect). APIs of
// a redirecting group that served HTTP before and lose it are warned about:
// HTTP-only APIs (their requests go to HTTPS, where they are not served)
// and BOTH APIs of other methods.
func checkHWRedirects(h *hwmodel.State, out *[]diag.Finding) {
	for _, g := range h.Groups {
		var redirecting []*hwmodel.Domain
		for _, d := range g.Domains {
			if d.HTTPSRedirect {
				redirecting = append(redirecting, d)
				checkRedirectDomain(g, d, out)
			}
		}
		if len(redirecting) == 0 {
			continue
		}
		for _, a := range g.APIs {
			checkRedirectAPI(a, redirecting[0], out)
		}
	}
}

func redirectPos(d *hwmodel.Domain) model.Pos {
	if d.HTTPSRedirectPos.IsValid() {
		return d.HTTPSRedirectPos
	}
	return d.Pos
}

func checkRedirectDomain(g *hwmodel.Group, d *hwmodel.Domain, out *[]diag.Finding) {
	add := func(msg string) {
		*out = append(*out, diag.Errorf(hwdiag.RuleHWHTTPSRedirect, hwmodel.DomainPath(g.Name, d.Name), redirectPos(d), msg))
	}
	if d.Certificate.Name == "" {
		add(fmt.Sprintf("domain %q redirects HTTP to HTTPS but has no certificate, so it cannot serve HTTPS; bind a certificate to it, or turn the redirect off", d.Name))
	}
	for _, a := range g.APIs {
		if redirectable(a) {
			return
		}
	}
	add(fmt.Sprintf("domain %q redirects HTTP to HTTPS, but group %q has no GET or HEAD API whose req_protocol is HTTPS or BOTH, the only APIs the redirect is for; turn the redirect off, or serve such an API", d.Name, g.Name))
}

// redirectable reports whether the redirect is meant for a: a GET or HEAD
// API over HTTPS or BOTH.
func redirectable(a *hwmodel.API) bool {
	return (a.ReqMethod == "GET" || a.ReqMethod == "HEAD") && (reqProtocol(a) == hwmodel.HTTPS || reqProtocol(a) == hwmodel.Both)
}

func checkRedirectAPI(a *hwmodel.API, d *hwmodel.Domain, out *[]diag.Finding) {
	warn := func(ptr, msg string) {
		*out = append(*out, diag.Warnf(hwdiag.RuleHWHTTPSRedirectAPI, a.Path(), a.PositionOf(ptr), msg))
	}
	switch {
	case reqProtocol(a) == hwmodel.HTTP:
		warn("/req_protocol", fmt.Sprintf("API is served over HTTP only, but domain %q of its group redirects HTTP requests to HTTPS, where this API is not served; set req_protocol to \"BOTH\" or \"HTTPS\", or turn the redirect off", d.Name))
	case reqProtocol(a) == hwmodel.Both && !redirectable(a):
		warn("/req_method", fmt.Sprintf("API takes %s over HTTP too, but domain %q of its group redirects HTTP to HTTPS, which is meant only for GET and HEAD: browsers may drop a request's body on the redirect; have clients call it over HTTPS and set req_protocol: \"HTTPS\"", a.ReqMethod, d.Name))
	}
}
