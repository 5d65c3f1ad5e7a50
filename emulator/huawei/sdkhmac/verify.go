package sdkhmac

import (
	"crypto/hmac"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultMaxSkew is how far X-Sdk-Date may be from the verifier's clock
// when Verifier.MaxSkew is zero: Huawei's 15 minutes.
const DefaultMaxSkew = 15 * time.Minute

// Verifier checks SDK-HMAC-SHA256 signatures on incoming requests. Set
// Keys before the first call and leave it alone afterwards; Verify is then
// safe for concurrent use.
type Verifier struct {
	// Keys maps each accepted access key (AK) to its secret key (SK).
	Keys map[string]string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// MaxSkew is the allowed clock difference; zero means DefaultMaxSkew.
	MaxSkew time.Duration
}

// Error is a rejected request: the reason, and whether the date (rather
// than the signature) was at fault. Messages never contain a secret or the
// signature the server expected.
type Error struct {
	// Expired is true when X-Sdk-Date is outside the allowed skew.
	Expired bool
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

func rejectf(format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

// Verify checks the signature of r, whose body (already read) is body, and
// returns the access key that signed it. A rejection is always an *Error.
func (v *Verifier) Verify(r *http.Request, body []byte) (string, error) {
	auth, err := parseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return "", err
	}
	secret, ok := v.Keys[auth.access]
	if !ok {
		return "", rejectf("access key %q is not known to this gateway: sign with one of the keys it was started with", auth.access)
	}
	headers := lowerHeaders(r.Header)
	headers["host"] = []string{r.Host}
	date, err := v.checkDate(headers, auth.signed)
	if err != nil {
		return "", err
	}
	if err := checkSignedPresent(headers, auth.signed); err != nil {
		return "", err
	}
	canonical := CanonicalRequest(r.Method, CanonicalURI(escapedPath(r)), CanonicalQuery(rawQuery(r)),
		headers, auth.signed, payloadHash(headers, body))
	want := Signature(secret, StringToSign(date, canonical))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(auth.signature))) {
		return "", rejectf("the signature does not match: check the secret key of %q and that the method, path, query, signed headers and body are sent unchanged after signing (server's canonical request has SHA-256 %s)",
			auth.access, HashHex([]byte(canonical)))
	}
	return auth.access, nil
}

// checkDate checks that X-Sdk-Date is signed, well-formed and recent, and
// returns it as sent.
func (v *Verifier) checkDate(headers map[string][]string, signed []string) (string, error) {
	name := strings.ToLower(HeaderDate)
	vs := headers[name]
	if len(vs) != 1 || !slices.Contains(signed, name) {
		return "", rejectf("send X-Sdk-Date once, as YYYYMMDDTHHMMSSZ in UTC, and sign it")
	}
	t, err := time.Parse(DateLayout, strings.TrimSpace(vs[0]))
	if err != nil {
		return "", rejectf("X-Sdk-Date %q is not a UTC time of the form YYYYMMDDTHHMMSSZ", vs[0])
	}
	now, skew := v.now(), v.maxSkew()
	if d := now.Sub(t); d > skew || d < -skew {
		return "", &Error{Expired: true, Message: fmt.Sprintf("the signature expired: X-Sdk-Date %s is %s away from the server time %s, more than %s; check the client's clock",
			vs[0], d.Abs().Round(time.Second), now.UTC().Format(DateLayout), skew)}
	}
	return strings.TrimSpace(vs[0]), nil
}

// checkSignedPresent checks that every signed header was sent.
func checkSignedPresent(headers map[string][]string, signed []string) error {
	for _, name := range signed {
		if _, ok := headers[name]; !ok {
			return rejectf("SignedHeaders names %q but the request does not send it", name)
		}
	}
	return nil
}

func (v *Verifier) now() time.Time {
	if v.Now == nil {
		return time.Now()
	}
	return v.Now()
}

func (v *Verifier) maxSkew() time.Duration {
	if v.MaxSkew <= 0 {
		return DefaultMaxSkew
	}
	return v.MaxSkew
}

// escapedPath is the request path as sent on the wire.
func escapedPath(r *http.Request) string {
	if strings.HasPrefix(r.RequestURI, "/") {
		p, _, _ := strings.Cut(r.RequestURI, "?")
		return p
	}
	return r.URL.EscapedPath()
}

// rawQuery parses the query leniently: a pair that does not decode is
// signed as sent.
func rawQuery(r *http.Request) url.Values {
	q := url.Values{}
	for _, pair := range strings.Split(r.URL.RawQuery, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		q[unescapeQuery(k)] = append(q[unescapeQuery(k)], unescapeQuery(v))
	}
	return q
}

func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}
