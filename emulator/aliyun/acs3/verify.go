package acs3

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultMaxSkew is the allowed difference between x-acs-date and the
// verifier's clock when Verifier.MaxSkew is zero: the 15 minutes Alibaba
// documents for InvalidTimeStamp.Expired.
const DefaultMaxSkew = 15 * time.Minute

// DateLayout is the x-acs-date format: UTC, second precision.
const DateLayout = "2006-01-02T15:04:05Z"

// Verifier checks ACS3-HMAC-SHA256 signatures on incoming requests.
//
// Set Keys before the first call and do not modify it afterwards; Verify
// may then be called from many goroutines. A Verifier holds its nonce
// memory and must not be copied after first use.
type Verifier struct {
	// Keys maps each accepted AccessKey ID to its AccessKey secret.
	Keys map[string]string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// MaxSkew is how far x-acs-date may be from Now, in either direction;
	// zero means DefaultMaxSkew. A nonce is remembered for as long as its
	// request could pass this check.
	MaxSkew time.Duration

	nonces nonceMemory
}

// Verify checks the signature of r, whose body (already read by the
// caller) is body, and returns the AccessKey ID that signed it.
//
// It checks, in order: the Authorization header; that host, x-acs-date,
// x-acs-signature-nonce and x-acs-content-sha256 are signed, that every
// signed header is present and every x-acs-* and content-type header is
// signed; the AccessKey ID; x-acs-date against the skew window; the body
// against x-acs-content-sha256; the signature, rebuilt from the raw path,
// the re-encoded query, r.Host and the SignedHeaders list; and last that
// the nonce is new for this AccessKey. The nonce is recorded only once the
// signature is valid, so forged requests cannot use up nonces.
//
// A rejection is always an *Error.
func (v *Verifier) Verify(r *http.Request, body []byte) (accessKeyID string, err error) {
	auth, e := parseAuthorization(r.Header.Values("Authorization"))
	if e != nil {
		return "", e
	}
	ak := auth.accessKeyID
	if e := checkRequiredSigned(auth.signedHeaders); e != nil {
		return "", e
	}
	headers := requestHeaders(r)
	if e := checkHeaderCoverage(auth.signedHeaders, headers, r.Host); e != nil {
		return "", e
	}
	secret, ok := v.Keys[ak]
	if !ok {
		return "", newError(http.StatusNotFound, CodeInvalidAccessKeyID,
			"AccessKey ID %s is not known to this emulator: check Config.AccessKeyId against the keys the emulator was started with", quote(ak))
	}
	now := v.now()
	date, e := v.checkDate(headers, now)
	if e != nil {
		return "", e
	}
	payloadHash, e := checkPayload(headers, body)
	if e != nil {
		return "", e
	}
	nonce, e := single(headers, "x-acs-signature-nonce")
	if e != nil {
		return "", e
	}
	query, qerr := url.ParseQuery(r.URL.RawQuery)
	if qerr != nil {
		return "", newError(http.StatusBadRequest, CodeInvalidParameter,
			"the query string cannot be parsed (%v): encode it as url.Values.Encode does", qerr)
	}
	headers["host"] = []string{r.Host}
	canonical := CanonicalRequest(r.Method, RequestPath(r), query, headers, auth.signedHeaders, payloadHash)
	if !hmac.Equal(signBytes(secret, canonical), auth.signature) {
		return "", mismatch("the signature does not match: check the AccessKey secret for %s and that the method, path, query, signed headers and body are sent unchanged after signing (server's canonical request has SHA-256 %s)",
			quote(ak), strings.TrimPrefix(StringToSign(canonical), Algorithm+"\n"))
	}
	if !v.nonces.remember(ak+"\x00"+nonce, now, date.Add(v.maxSkew()), v.maxSkew()/2) {
		return "", newError(http.StatusForbidden, CodeSignatureNonceUsed,
			"x-acs-signature-nonce %s was already used with AccessKey ID %s within the last %s: send a fresh random nonce with every request, retries included",
			quote(nonce), quote(ak), v.maxSkew())
	}
	return ak, nil
}

// now returns the verifier's current time.
func (v *Verifier) now() time.Time {
	if v.Now == nil {
		return time.Now()
	}
	return v.Now()
}

// maxSkew returns the configured skew or DefaultMaxSkew.
func (v *Verifier) maxSkew() time.Duration {
	if v.MaxSkew <= 0 {
		return DefaultMaxSkew
	}
	return v.MaxSkew
}

// checkDate parses x-acs-date and checks it against the skew window.
func (v *Verifier) checkDate(headers map[string][]string, now time.Time) (time.Time, *Error) {
	raw, e := single(headers, "x-acs-date")
	if e != nil {
		return time.Time{}, e
	}
	date, err := time.Parse(DateLayout, raw)
	if err != nil {
		return time.Time{}, newError(http.StatusBadRequest, CodeTimeStampFormat,
			"x-acs-date %s is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ", quote(raw))
	}
	skew := v.maxSkew()
	if d := now.Sub(date); d > skew || d < -skew {
		return time.Time{}, newError(http.StatusForbidden, CodeTimeStampExpired,
			"x-acs-date %s is %s away from the server time %s, more than the allowed %s: check the client's clock and do not reuse signed requests",
			raw, d.Abs().Round(time.Second), now.UTC().Format(DateLayout), skew)
	}
	return date, nil
}

// checkPayload checks that x-acs-content-sha256 is the hash of body and
// returns it.
func checkPayload(headers map[string][]string, body []byte) (string, *Error) {
	claimed, e := single(headers, "x-acs-content-sha256")
	if e != nil {
		return "", e
	}
	if claimed != PayloadHash(body) {
		return "", mismatch("x-acs-content-sha256 is not the lowercase hex SHA-256 of the request body: check that the body is sent unchanged after signing")
	}
	return claimed, nil
}

// single returns the only, non-empty, trimmed value of a signed header.
func single(headers map[string][]string, name string) (string, *Error) {
	vals := headers[name]
	if len(vals) != 1 || strings.TrimSpace(vals[0]) == "" {
		return "", mismatch("header %s must be sent exactly once with a non-empty value", name)
	}
	return strings.TrimSpace(vals[0]), nil
}

// requestHeaders returns r's headers keyed by lowercase name, without host
// (which Verify takes from r.Host).
func requestHeaders(r *http.Request) map[string][]string {
	h := lowerKeys(r.Header)
	delete(h, "host")
	return h
}

// RequestPath returns the path of r as sent on the wire, still
// percent-encoded: the part of r.RequestURI before "?" for a request
// received by a server, else r.URL.EscapedPath().
func RequestPath(r *http.Request) string {
	if strings.HasPrefix(r.RequestURI, "/") {
		path, _, _ := strings.Cut(r.RequestURI, "?")
		return path
	}
	return r.URL.EscapedPath()
}
