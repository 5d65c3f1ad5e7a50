package acs3

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
)

// requiredSigned are the headers every request must sign: without them the
// signature would not bind the host, the body, the time or the nonce.
var requiredSigned = []string{"host", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce"}

// authorization is a parsed Authorization header.
type authorization struct {
	accessKeyID   string
	signedHeaders []string
	signature     []byte
}

// parseAuthorization parses the values of the Authorization header:
// "ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=<a;b>,Signature=<hex>".
func parseAuthorization(values []string) (authorization, *Error) {
	if len(values) == 0 || strings.TrimSpace(values[0]) == "" {
		return authorization{}, newError(http.StatusUnauthorized, CodeMissingAuthorization,
			"the request has no Authorization header: sign it with AccessKey credentials (ACS3-HMAC-SHA256)")
	}
	if len(values) > 1 {
		return authorization{}, incomplete("the request has %d Authorization headers: send exactly one", len(values))
	}
	algorithm, rest, _ := strings.Cut(strings.TrimSpace(values[0]), " ")
	if algorithm != Algorithm {
		return authorization{}, incomplete("unsupported signature algorithm %s: only %s is accepted; check Config.SignatureAlgorithm and SignatureVersion",
			quote(algorithm), Algorithm)
	}
	fields, err := authFields(rest)
	if err != nil {
		return authorization{}, err
	}
	return buildAuthorization(fields)
}

// authFields splits "Credential=..,SignedHeaders=..,Signature=.." into a map,
// rejecting unknown, repeated and missing fields.
func authFields(s string) (map[string]string, *Error) {
	fields := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		key, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		switch {
		case !ok:
			return nil, incomplete("malformed Authorization field %s: expected Credential=<AccessKeyId>,SignedHeaders=<a;b;...>,Signature=<hex>", quote(part))
		case key != "Credential" && key != "SignedHeaders" && key != "Signature":
			return nil, incomplete("unknown Authorization field %s: expected only Credential, SignedHeaders and Signature", quote(key))
		}
		if _, dup := fields[key]; dup {
			return nil, incomplete("the Authorization header repeats the %s field", key)
		}
		fields[key] = val
	}
	for _, key := range []string{"Credential", "SignedHeaders", "Signature"} {
		if fields[key] == "" {
			return nil, incomplete("the Authorization header has no %s value: expected Credential=<AccessKeyId>,SignedHeaders=<a;b;...>,Signature=<hex>", key)
		}
	}
	return fields, nil
}

// buildAuthorization validates the field values.
func buildAuthorization(fields map[string]string) (authorization, *Error) {
	names, err := parseSignedHeaders(fields["SignedHeaders"])
	if err != nil {
		return authorization{}, err
	}
	sig, decodeErr := hex.DecodeString(fields["Signature"])
	if decodeErr != nil || len(sig) != 32 {
		return authorization{}, incomplete("the Signature in the Authorization header must be 64 hex characters (a hex HMAC-SHA256)")
	}
	return authorization{accessKeyID: fields["Credential"], signedHeaders: names, signature: sig}, nil
}

// parseSignedHeaders splits the SignedHeaders list and checks that it is
// lowercase, sorted and free of empty or repeated names, as the client
// emits it.
func parseSignedHeaders(s string) ([]string, *Error) {
	names := strings.Split(s, ";")
	for i, n := range names {
		if n == "" || n != strings.ToLower(n) || (i > 0 && n <= names[i-1]) {
			return nil, incomplete("SignedHeaders %s must be lowercase header names, sorted, without duplicates, joined with \";\"", quote(s))
		}
	}
	return names, nil
}

// checkRequiredSigned reports the first required header missing from the
// SignedHeaders list.
func checkRequiredSigned(names []string) *Error {
	set := toSet(names)
	for _, req := range requiredSigned {
		if !set[req] {
			return mismatch("SignedHeaders does not include %s: the signature must cover %s",
				req, strings.Join(requiredSigned, ", "))
		}
	}
	return nil
}

// checkHeaderCoverage makes sure every signed header is present and every
// x-acs-* or content-type header present is signed (the client signs all of
// them, and the V3 documentation requires it). lower holds the request
// headers keyed by lowercase name, host excluded.
func checkHeaderCoverage(names []string, lower map[string][]string, host string) *Error {
	set := toSet(names)
	for _, n := range names {
		if (n == "host" && host == "") || (n != "host" && len(lower[n]) == 0) {
			return mismatch("signed header %s is not present in the request: send every header listed in SignedHeaders", quote(n))
		}
	}
	for n := range lower {
		if (strings.HasPrefix(n, "x-acs-") || n == "content-type") && !set[n] {
			return mismatch("header %s is present but not signed: every x-acs-* header and content-type must be listed in SignedHeaders", quote(n))
		}
	}
	return nil
}

// toSet returns the names as a set.
func toSet(names []string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// quote quotes s for an error message, shortened to keep messages small.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strconv.Quote(s)
}
