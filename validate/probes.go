package validate

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// checkProbes checks what the schema cannot say about live-traffic probes:
// the domain is one of doms, the domains the kind declares; the source is
// an IP address, the origin an origin, a preflight's method goes with
// OPTIONS and an origin, the headers are ones a request can carry and
// gwsync does not set itself, and the expected headers are header names
// and values. The method, the path's form, the scheme and the status are
// the schema's.
func checkProbes(d *model.Desired, doms Names, out *[]diag.Finding) {
	for _, p := range d.Probes {
		doms.Refer(p.Domain, model.ProbePath(p.Name), "domain", out)
		checkProbeSource(p, out)
		checkProbeCors(p, out)
		for _, h := range p.Headers {
			checkProbeHeader(p, h, out)
		}
		for _, h := range p.ExpectHeaders {
			checkProbeExpectHeader(p, h, out)
		}
	}
}

// probeError adds a schema error on probe p at pos.
func probeError(p *model.Probe, pos model.Pos, out *[]diag.Finding, format string, args ...any) {
	*out = append(*out, diag.Errorf(diag.RuleSchema, model.ProbePath(p.Name), pos, fmt.Sprintf(format, args...)))
}

// checkProbeCors requires origin, when written, to be an origin, and
// accessControlRequestMethod to come with method OPTIONS and an origin (it
// makes the request a preflight).
func checkProbeCors(p *model.Probe, out *[]diag.Finding) {
	if p.OriginPos.IsValid() && !isOrigin(p.Origin) {
		probeError(p, p.OriginPos, out, "request.origin: %q is not an origin; write scheme://host[:port] with nothing after it, e.g. \"https://shop.example.com\"", p.Origin)
	}
	if p.PreflightMethod != "" && (p.Method != "OPTIONS" || p.Origin == "") {
		probeError(p, p.PreflightMethodPos, out, "request.accessControlRequestMethod makes the request a CORS preflight, which a browser sends with method OPTIONS and an origin: set request.method: \"OPTIONS\" and request.origin, or remove it")
	}
}

// isOrigin reports whether s is a serialized origin: "null", or
// scheme://host[:port].
func isOrigin(s string) bool {
	if s == "null" {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != "" && u.User == nil && u.Path == "" && u.RawQuery == "" && u.Fragment == "" && !u.ForceQuery
}

// checkProbeExpectHeader rejects an expected header that no answer can
// carry, and expect.headers.Location beside expect.location.
func checkProbeExpectHeader(p *model.Probe, h model.HeaderExpectation, out *[]diag.Finding) {
	switch {
	case !isToken(h.Name):
		probeError(p, h.Pos, out, "expect.headers: %q is not a header name; use letters, digits and !#$%%&'*+-.^_`|~ only", h.Name)
	case h.Exact && hasControl(h.Value):
		probeError(p, h.Pos, out, "expect.headers.%s: the value has a control character (a line break?); no answer carries one", h.Name)
	case strings.EqualFold(h.Name, "Location") && p.HasLocation:
		probeError(p, h.Pos, out, "expect.headers: Location is expect.location too; keep one of them")
	}
}

// hasControl reports whether s has a character a header value cannot.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f })
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
	case hasControl(h.Value):
		msg = fmt.Sprintf("request.headers.%s: the value has a control character (a line break?); write it on one line", h.Name)
	case strings.EqualFold(h.Name, "Host"):
		msg = "request.headers: Host is sent from request.domain; remove it"
	case strings.EqualFold(h.Name, "X-Forwarded-For") && p.Source != "":
		msg = "request.headers: X-Forwarded-For is sent from source; remove one of them"
	case strings.EqualFold(h.Name, "X-Forwarded-Proto"):
		msg = "request.headers: X-Forwarded-Proto is sent from request.scheme; write scheme: \"https\" instead"
	case strings.EqualFold(h.Name, "Origin") && p.Origin != "":
		msg = "request.headers: Origin is sent from request.origin; remove one of them"
	case strings.EqualFold(h.Name, "Access-Control-Request-Method") && p.PreflightMethod != "":
		msg = "request.headers: Access-Control-Request-Method is sent from request.accessControlRequestMethod; remove one of them"
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
