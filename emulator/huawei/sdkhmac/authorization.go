package sdkhmac

import "strings"

// authorization is a parsed Authorization header.
type authorization struct {
	access, signature string
	signed            []string
}

// parseAuthorization reads "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b,
// Signature=HEX".
func parseAuthorization(h string) (authorization, error) {
	var a authorization
	if h == "" {
		return a, rejectf("the request has no Authorization header: sign it with SDK-HMAC-SHA256 and an access key")
	}
	alg, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
	if alg != Algorithm {
		return a, rejectf("the Authorization header names algorithm %q; this gateway accepts %s", alg, Algorithm)
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Access":
			a.access = v
		case "SignedHeaders":
			a.signed = splitSigned(v)
		case "Signature":
			a.signature = v
		}
	}
	if a.access == "" || a.signature == "" || len(a.signed) == 0 {
		return a, rejectf("the Authorization header must carry Access, SignedHeaders and Signature")
	}
	return a, nil
}

// splitSigned lists the signed header names, lower case, in the order
// the client signed them (clients sort them).
func splitSigned(v string) []string {
	var out []string
	for _, n := range strings.Split(v, ";") {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			out = append(out, n)
		}
	}
	return out
}
