package huawei

import (
	"fmt"
	"strings"

	"github.com/gwsync/gwsync/diag"
	hwdiag "github.com/gwsync/gwsync/diag/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// hwMaxURI is the longest req_uri Huawei APIG accepts, frontend or backend.
const hwMaxURI = 512

// uriPart is one piece of a req_uri: literal text, a {param} template
// ({param+} is greedy: it takes the rest of the path), or a #variable#.
type uriPart struct {
	lit    string
	param  string
	greedy bool
	vari   string
}

// parseHWURI splits a req_uri into parts. Variables are read only when vars
// is set (backend paths). It returns what is malformed, or "".
func parseHWURI(uri string, vars bool) ([]uriPart, string) {
	var parts []uriPart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, uriPart{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(uri); {
		c := uri[i]
		switch {
		case c == '{':
			end := strings.IndexAny(uri[i+1:], "{}/")
			if end < 0 || uri[i+1+end] != '}' {
				return nil, fmt.Sprintf("the \"{\" at offset %d is not closed by \"}\" within its segment", i)
			}
			name := uri[i+1 : i+1+end]
			p := uriPart{param: strings.TrimSuffix(name, "+"), greedy: strings.HasSuffix(name, "+")}
			if pr := hwParamName.problems(p.param); pr != "" {
				return nil, fmt.Sprintf("template {%s}: the parameter name %q %s", name, p.param, pr)
			}
			flush()
			parts = append(parts, p)
			i += end + 2
		case c == '}':
			return nil, fmt.Sprintf("the \"}\" at offset %d closes no \"{\"", i)
		case c == '#' && vars:
			end := strings.IndexByte(uri[i+1:], '#')
			if end < 0 {
				return nil, fmt.Sprintf("the \"#\" at offset %d opens a #variable# that is not closed", i)
			}
			flush()
			parts = append(parts, uriPart{vari: uri[i+1 : i+1+end]})
			i += end + 2
		case c == '%':
			if i+2 >= len(uri) || !isHex(uri[i+1]) || !isHex(uri[i+2]) {
				return nil, fmt.Sprintf("the \"%%\" at offset %d does not start a percent-encoding (%%XX)", i)
			}
			lit.WriteString(uri[i : i+3])
			i += 3
		case isPathChar(c):
			lit.WriteByte(c)
			i++
		default:
			r, _ := firstRune(uri[i:])
			return nil, fmt.Sprintf("%q is not allowed in a URI path%s", r, pathCharHint(r))
		}
	}
	flush()
	return parts, ""
}

func isHex(c byte) bool {
	return isDigit(rune(c)) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// isPathChar reports whether c may appear literally in a URI path (RFC
// 3986 pchar and "/"; "%" is read separately).
func isPathChar(c byte) bool {
	return isASCIILetter(rune(c)) || isDigit(rune(c)) || strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0
}

func pathCharHint(r rune) string {
	switch r {
	case '?':
		return " (req_uri is a path: declare query parameters in req_params with location QUERY)"
	case '#':
		return " (only a backend req_uri may use #variables#)"
	case ' ':
		return " (percent-encode it as %20)"
	}
	return " (percent-encode it)"
}

// params returns the parts' template parameter names, in order.
func uriParams(parts []uriPart) []string {
	var out []string
	for _, p := range parts {
		if p.param != "" {
			out = append(out, p.param)
		}
	}
	return out
}

// uriProblem says what is wrong with a req_uri regardless of the API
// ("" when nothing): its length, its start, its characters.
func uriProblem(uri string, vars bool) ([]uriPart, string) {
	if n := len([]rune(uri)); n > hwMaxURI {
		return nil, fmt.Sprintf("is %d characters long (at most %d)", n, hwMaxURI)
	}
	if !strings.HasPrefix(uri, "/") {
		return nil, "does not start with \"/\""
	}
	parts, p := parseHWURI(uri, vars)
	if p != "" {
		return nil, "is not a valid URI path: " + p
	}
	return parts, ""
}

// checkHWReqURIs checks each API's req_uri and backend req_uris: at most
// 512 characters, a URI path starting with "/", and every {param} of the
// frontend path declared as a PATH req_param (APIG.2026) and every PATH
// req_param used in it; every {param} of a backend path declared as a PATH
// backend parameter (APIG.2027).
func checkHWReqURIs(h *hwmodel.State, out *[]diag.Finding) {
	for _, a := range h.APIs() {
		checkFrontendURI(a, out)
		for _, b := range httpBackends(a) {
			checkBackendURI(a, b, out)
		}
	}
}

func checkFrontendURI(a *hwmodel.API, out *[]diag.Finding) {
	parts, p := uriProblem(a.ReqURI, false)
	if p != "" {
		hwErr(out, hwdiag.RuleHWReqURI, a, "/req_uri", fmt.Sprintf("req_uri %q %s; fix the path", a.ReqURI, p))
		return
	}
	used := map[string]bool{}
	for _, name := range uriParams(parts) {
		key := strings.ToLower(name)
		if used[key] {
			hwErr(out, hwdiag.RuleHWReqURI, a, "/req_uri", fmt.Sprintf("req_uri %q uses {%s} twice; give each path parameter its own name", a.ReqURI, name))
		}
		used[key] = true
		if hasReqParam(a, name, "PATH") {
			continue
		}
		msg := fmt.Sprintf("req_uri %q uses {%s}, but the API declares no PATH request parameter %q (APIG.2026); add {name: %q, location: \"PATH\", type: \"STRING\"} to req_params", a.ReqURI, name, name, name)
		if hasReqParam(a, name, "") {
			msg = fmt.Sprintf("req_uri %q uses {%s}, but request parameter %q is not located in the PATH (APIG.2026); set its location to \"PATH\"", a.ReqURI, name, name)
		}
		hwErr(out, hwdiag.RuleHWReqURI, a, "/req_uri", msg)
	}
	for _, rp := range a.ReqParams {
		if rp.Location == "PATH" && !used[strings.ToLower(rp.Name)] {
			msg := fmt.Sprintf("PATH request parameter %q does not appear in req_uri %q; add {%s} to the path, or change its location", rp.Name, a.ReqURI, rp.Name)
			*out = append(*out, diag.Errorf(hwdiag.RuleHWReqURI, a.Path(), rp.Pos, msg))
		}
	}
}

// hasReqParam reports whether a declares a request parameter called name
// (case-insensitively) in location loc ("" for any).
func hasReqParam(a *hwmodel.API, name, loc string) bool {
	for _, p := range a.ReqParams {
		if strings.EqualFold(p.Name, name) && (loc == "" || p.Location == loc) {
			return true
		}
	}
	return false
}

// hwBackend is an HTTP backend of an API: the default backend_api or a
// policy_https entry, with the backend parameters that go with it and the
// position of its req_uri.
type hwBackend struct {
	api    *hwmodel.API
	b      *hwmodel.BackendAPI
	policy *hwmodel.PolicyBackend // nil for the default backend
	params []*hwmodel.BackendParam
	uriPos model.Pos
	what   string // "backend_api" or "policy backend \"x\""
}

// httpBackends returns the API's web backends: backend_api, then each
// policy_https entry.
func httpBackends(a *hwmodel.API) []hwBackend {
	var out []hwBackend
	if a.BackendAPI != nil {
		out = append(out, hwBackend{api: a, b: a.BackendAPI, params: a.BackendParams, uriPos: a.PositionOf("/backend_api/req_uri"), what: "backend_api"})
	}
	for _, pb := range a.PolicyHTTPs {
		if pb.HTTP != nil {
			out = append(out, hwBackend{api: a, b: pb.HTTP, policy: pb, params: pb.BackendParams, uriPos: pb.HTTP.Pos, what: fmt.Sprintf("policy backend %q", pb.Name)})
		}
	}
	return out
}

func checkBackendURI(a *hwmodel.API, hb hwBackend, out *[]diag.Finding) {
	if hb.b.ReqURI == "" || strings.Count(hb.b.ReqURI, "#")%2 != 0 {
		return // the schema requires it; hw-env-variables reports an unclosed #variable#
	}
	add := func(msg string) { *out = append(*out, diag.Errorf(hwdiag.RuleHWReqURI, a.Path(), hb.uriPos, msg)) }
	parts, p := uriProblem(hb.b.ReqURI, true)
	if p != "" {
		add(fmt.Sprintf("%s req_uri %q %s; fix the path", hb.what, hb.b.ReqURI, p))
		return
	}
	for _, name := range uriParams(parts) {
		if !hasBackendParam(hb.params, name, "PATH") {
			add(fmt.Sprintf("%s req_uri %q uses {%s}, but no PATH backend parameter %q fills it (APIG.2027); add {name: %q, location: \"PATH\", origin: \"REQUEST\", value: \"<req_param>\"} to the backend parameters", hb.what, hb.b.ReqURI, name, name, name))
		}
	}
}

func hasBackendParam(ps []*hwmodel.BackendParam, name, loc string) bool {
	for _, p := range ps {
		if strings.EqualFold(p.Name, name) && p.Location == loc {
			return true
		}
	}
	return false
}
