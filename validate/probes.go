package validate

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// checkProbes checks what the schema cannot say about live-traffic probes:
// the domain is declared (for Huawei, bound to a declared group), the
// source is an IP address, and the headers are ones a request can carry
// and gwsync does not set itself. The method, the path's form and the
// status are the schema's.
func checkProbes(d *model.Desired, out *[]diag.Finding) {
	doms := newNames("domain", "domains", d.Domains, func(e *model.Domain) string { return e.Name })
	if d.Huawei != nil {
		doms = newNames("domain", "the groups' domains", huaweiDomains(d.Huawei), func(e *model.HuaweiDomain) string { return e.Name })
	}
	for _, p := range d.Probes {
		doms.refer(p.Domain, model.ProbePath(p.Name), "domain", out)
		checkProbeSource(p, out)
		for _, h := range p.Headers {
			checkProbeHeader(p, h, out)
		}
	}
}

// checkProbeSource requires source, when written, to be one IP address.
func checkProbeSource(p *model.Probe, out *[]diag.Finding) {
	if p.Source == "" && !p.SourcePos.IsValid() {
		return
	}
	if _, err := netip.ParseAddr(p.Source); err == nil {
		return
	}
	msg := fmt.Sprintf("source: %q is not an IP address; write the one address the request comes from, e.g. \"10.1.2.3\" or \"2001:db8::1\" (no port, no CIDR block)", p.Source)
	*out = append(*out, diag.Errorf(diag.RuleSchema, model.ProbePath(p.Name), p.SourcePos, msg))
}

// checkProbeHeader rejects a header a request cannot carry, and the
// headers gwsync sets from other fields of the probe.
func checkProbeHeader(p *model.Probe, h model.Param, out *[]diag.Finding) {
	var msg string
	switch {
	case !isToken(h.Name):
		msg = fmt.Sprintf("request.headers: %q is not a header name; use letters, digits and !#$%%&'*+-.^_`|~ only", h.Name)
	case strings.ContainsFunc(h.Value, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }):
		msg = fmt.Sprintf("request.headers.%s: the value has a control character (a line break?); write it on one line", h.Name)
	case strings.EqualFold(h.Name, "Host"):
		msg = "request.headers: Host is sent from request.domain; remove it"
	case strings.EqualFold(h.Name, "X-Forwarded-For") && p.Source != "":
		msg = "request.headers: X-Forwarded-For is sent from source; remove one of them"
	default:
		return
	}
	*out = append(*out, diag.Errorf(diag.RuleSchema, model.ProbePath(p.Name), h.Pos, msg))
}

// isToken reports whether s is an HTTP token (RFC 9110, section 5.6.2),
// the form of a header name.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return false
		}
	}
	return true
}

// huaweiDomains lists the domains bound to a Huawei state's groups.
func huaweiDomains(h *model.HuaweiState) []*model.HuaweiDomain {
	var out []*model.HuaweiDomain
	for _, g := range h.Groups {
		out = append(out, g.Domains...)
	}
	return out
}
