package acs3

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// SignRequest signs r, whose body will be body, as darabonba-openapi does:
// it sets x-acs-content-sha256, sets x-acs-date (current UTC time) and
// x-acs-signature-nonce (random) when they are absent, signs host plus
// every x-acs-* and content-type header present, and sets Authorization.
// Set all other headers, the URL and r.Host (defaulting to r.URL.Host)
// before calling it. It fails only when the query string cannot be parsed.
func SignRequest(r *http.Request, body []byte, accessKeyID, secret string) error {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if r.Host == "" {
		r.Host = r.URL.Host
	}
	r.Header.Set("x-acs-content-sha256", PayloadHash(body))
	if r.Header.Get("x-acs-date") == "" {
		r.Header.Set("x-acs-date", time.Now().UTC().Format(DateLayout))
	}
	if r.Header.Get("x-acs-signature-nonce") == "" {
		r.Header.Set("x-acs-signature-nonce", newNonce())
	}
	headers := requestHeaders(r)
	headers["host"] = []string{r.Host}
	names := signableNames(headers)
	canonical := CanonicalRequest(r.Method, RequestPath(r), query, headers, names, PayloadHash(body))
	r.Header.Set("Authorization", Algorithm+" Credential="+accessKeyID+
		",SignedHeaders="+strings.Join(names, ";")+",Signature="+Sign(secret, canonical))
	return nil
}

// signableNames returns, sorted, the lowercase header names the client
// signs: host, content-type and every x-acs-* header.
func signableNames(headers map[string][]string) []string {
	var names []string
	for n := range headers {
		if n == "host" || n == "content-type" || strings.HasPrefix(n, "x-acs-") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// newNonce returns 32 random hex characters, like the client's nonces.
func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
