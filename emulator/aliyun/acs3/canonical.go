// Package acs3 verifies Alibaba Cloud ACS3-HMAC-SHA256 request signatures,
// the V3 signature that the official Go client
// (github.com/alibabacloud-go/darabonba-openapi/v2) puts on every
// AccessKey-authenticated request.
//
// The client builds a canonical request from six parts joined with "\n":
//
//  1. the HTTP method;
//  2. the canonical URI: the already percent-encoded path as sent ("/" when
//     empty) with "+" replaced by "%20", "*" by "%2A" and "%7E" by "~";
//  3. the canonical query string: keys in byte order, each "key=value" with
//     the value RFC 3986-encoded (an empty value still gives "key="),
//     joined with "&";
//  4. the canonical headers: one "name:value\n" line per signed header,
//     lowercase name, trimmed value, repeated values sorted and joined
//     with ",";
//  5. the signed header names joined with ";";
//  6. the lowercase hex SHA-256 of the body (the x-acs-content-sha256 header).
//
// It then signs "ACS3-HMAC-SHA256\n" + hex(sha256(canonical request)) with
// HMAC-SHA256 keyed by the AccessKey secret and sends
//
//	Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b;...>,Signature=<hex>
//
// [CanonicalRequest] and [Sign] implement the two steps; [Verifier] checks a
// received request: the Authorization header, the AccessKey, the x-acs-date
// skew window, the body hash, the signature and the one-time use of
// x-acs-signature-nonce. Failures are reported as [*Error] values that carry
// an HTTP status and an Alibaba-style error code, ready to be sent in an
// APIG error envelope. [SignRequest] signs a request the way the client
// does, for tests and tools that talk to the emulator without the SDK.
//
// The package uses only the standard library.
package acs3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Algorithm is the only signature algorithm this package accepts.
const Algorithm = "ACS3-HMAC-SHA256"

// rfc3986 turns url.QueryEscape output into RFC 3986 form, which leaves only
// A-Z a-z 0-9 - _ . ~ unescaped. The client applies the same replacements to
// the path, where they are its only changes.
var rfc3986 = strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~")

// CanonicalRequest returns the canonical request the client signs.
//
// escapedPath is the path exactly as sent on the wire (already
// percent-encoded). query holds the decoded query parameters; a key with
// several values yields one "key=value" pair per value, values in byte
// order (the client never sends repeated keys). headers is looked up
// case-insensitively; signedHeaders names the headers to include and is
// lowercased, sorted and deduplicated first. payloadHash is the lowercase
// hex SHA-256 of the body.
func CanonicalRequest(method, escapedPath string, query url.Values, headers http.Header, signedHeaders []string, payloadHash string) string {
	names := normalizeNames(signedHeaders)
	return strings.Join([]string{
		method,
		CanonicalURI(escapedPath),
		CanonicalQuery(query),
		canonicalHeaders(headers, names),
		strings.Join(names, ";"),
		payloadHash,
	}, "\n")
}

// CanonicalURI returns part 2 of the canonical request for the escaped path
// as sent: "/" when empty, otherwise the path with "+" → "%20",
// "*" → "%2A" and "%7E" → "~". Nothing else is re-encoded.
func CanonicalURI(escapedPath string) string {
	if escapedPath == "" {
		return "/"
	}
	return rfc3986.Replace(escapedPath)
}

// CanonicalQuery returns part 3 of the canonical request: the pairs sorted
// by key in byte order (then by encoded value), each value RFC 3986-encoded,
// joined with "&". Keys are not escaped, as in the client.
func CanonicalQuery(query url.Values) string {
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		vals := make([]string, len(query[k]))
		for i, v := range query[k] {
			vals[i] = rfc3986.Replace(url.QueryEscape(v))
		}
		sort.Strings(vals)
		for _, v := range vals {
			pairs = append(pairs, k+"="+v)
		}
	}
	return strings.Join(pairs, "&")
}

// canonicalHeaders returns part 4: one "name:value\n" line per name in
// names (already normalized), values trimmed, sorted and joined with ",".
func canonicalHeaders(headers map[string][]string, names []string) string {
	lower := lowerKeys(headers)
	var b strings.Builder
	for _, name := range names {
		vals := make([]string, len(lower[name]))
		for i, v := range lower[name] {
			vals[i] = strings.TrimSpace(v)
		}
		sort.Strings(vals)
		b.WriteString(name + ":" + strings.Join(vals, ",") + "\n")
	}
	return b.String()
}

// lowerKeys merges the values of header keys that differ only in case
// under their lowercase name.
func lowerKeys(headers map[string][]string) map[string][]string {
	out := make(map[string][]string, len(headers))
	for k, vs := range headers {
		lk := strings.ToLower(k)
		out[lk] = append(out[lk], vs...)
	}
	return out
}

// normalizeNames lowercases, sorts and deduplicates header names.
func normalizeNames(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.ToLower(n))
	}
	sort.Strings(out)
	return compact(out)
}

// compact removes adjacent duplicates from a sorted slice.
func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// StringToSign returns "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest)).
func StringToSign(canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return Algorithm + "\n" + hex.EncodeToString(sum[:])
}

// Sign returns the hex HMAC-SHA256, keyed by secret, of the string to sign
// for canonicalRequest: the Signature value of the Authorization header.
func Sign(secret, canonicalRequest string) string {
	return hex.EncodeToString(signBytes(secret, canonicalRequest))
}

// signBytes is Sign without the hex encoding.
func signBytes(secret, canonicalRequest string) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(StringToSign(canonicalRequest)))
	return mac.Sum(nil)
}

// PayloadHash returns the lowercase hex SHA-256 of body, the value of the
// x-acs-content-sha256 header and part 6 of the canonical request.
func PayloadHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}
