package sdkhmac

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Sign signs r (whose body is body) with the key pair ak/sk at time now:
// it sets X-Sdk-Date and Authorization, signing host, x-sdk-date and every
// other header already set except Content-Type and names with "_", as the
// Go SDK does (plus host, as the documentation's examples do).
func Sign(r *http.Request, body []byte, ak, sk string, now time.Time) {
	date := now.UTC().Format(DateLayout)
	r.Header.Set(HeaderDate, date)
	headers := lowerHeaders(r.Header)
	headers["host"] = []string{hostOf(r)}
	signed := signable(headers)
	canonical := CanonicalRequest(r.Method, CanonicalURI(r.URL.EscapedPath()), CanonicalQuery(r.URL.Query()),
		headers, signed, payloadHash(headers, body))
	r.Header.Set("Authorization", AuthorizationValue(ak, signed, Signature(sk, StringToSign(date, canonical))))
}

// signable lists the header names the SDK would sign, sorted.
func signable(headers map[string][]string) []string {
	var out []string
	for name := range headers {
		if name == "content-type" || name == "authorization" || strings.Contains(name, "_") {
			continue
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// hostOf is the host[:port] a request is sent to.
func hostOf(r *http.Request) string {
	if r.Host != "" {
		return r.Host
	}
	return r.URL.Host
}

// lowerHeaders copies h keyed by lower-case name.
func lowerHeaders(h http.Header) map[string][]string {
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		lk := strings.ToLower(k)
		out[lk] = append(out[lk], vs...)
	}
	return out
}

// payloadHash is UNSIGNED-PAYLOAD when the request says so, else the hex
// SHA-256 of body.
func payloadHash(headers map[string][]string, body []byte) string {
	if vs := headers[strings.ToLower(HeaderContentSHA256)]; len(vs) == 1 && vs[0] == UnsignedPayload {
		return UnsignedPayload
	}
	return HashHex(body)
}
